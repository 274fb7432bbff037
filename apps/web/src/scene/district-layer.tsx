// The city-layer districts (Helsinki's postal areas, Tallinn's districts) as low plates on the
// land, tinted by the supply of their feeding substations and flashing when they shed: what a
// view of the whole Gulf shows of the cities, under their buildings and blocks.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { sceneStore } from '../state/scene-store.ts';
import { writeDistrictSupply } from './buffers.ts';
import { DistrictBlocks } from './districts.ts';
import { highlightOf } from './grid-layer.tsx';

export function DistrictLayer(): ReactElement | null {
  const invalidate = useThree((s) => s.invalidate);
  const height = useThree((s) => s.size.height);
  const dpr = useThree((s) => s.viewport.dpr);
  const districts = sceneStore.getState().districts;
  const blocks = useMemo(() => new DistrictBlocks(districts), [districts]);
  const supply = useMemo(() => new Float32Array(districts.length).fill(1), [districts]);
  useEffect(() => () => blocks.dispose(), [blocks]);
  const seen = useRef(-1);
  const marks = useRef<Uint8Array | null>(null);
  useFrame((state, dt) => {
    const s = sceneStore.getState();
    if (s.frameSeq !== seen.current) {
      seen.current = s.frameSeq;
      if (s.frame && s.maps) writeDistrictSupply(s.frame, s.maps.districtFeeders, supply);
      else supply.fill(1);
      blocks.setSupply(supply);
    }
    const m = s.compareMarks?.district ?? null;
    if (m !== marks.current) {
      marks.current = m;
      blocks.setMarks(m);
    }
    blocks.setContrast(s.highContrast, 10 * Math.max(1, (height * dpr) / 1080));
    blocks.tick(
      // reduced motion: no flash (an infinite step fades it at once)
      s.reducedMotion ? Infinity : dt,
      s.reducedMotion ? 0 : state.clock.elapsedTime,
      highlightOf('district', s.hover, s.selected),
    );
    // a flash fades over a second or two: frames until it has
    if (blocks.flashing()) invalidate();
  });
  return <primitive object={blocks.mesh} />;
}
