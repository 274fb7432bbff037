// Labels over the scene: the two cities, the neighbouring countries as boundary areas with
// their exchange, each HVDC link with its transfer, and district names up close. Positions are
// projected by the scene (scene/labels.ts); the live numbers follow the frame (useLive).
import type { ReactElement } from 'react';
import { useMemo } from 'react';
import { plane } from '../geo/projection.ts';
import { pinLabel } from '../scene/labels.ts';
import { HEIGHTS, type SceneModel } from '../scene/network-model.ts';
import type { SceneState } from '../state/scene-store.ts';
import { fmtMW } from './format.ts';
import { useLive } from './live.ts';

const CITIES: [string, number, number][] = [
  ['Helsinki', 24.94, 60.17],
  ['Tallinn', 24.75, 59.437],
];

/** Per boundary country: the branches and links that cross into it, with their sign. */
function boundaryTies(
  m: SceneModel,
  country: string,
): { branches: [number, number][]; links: [number, number][] } {
  const ext = (id: string): boolean => {
    const b = m.network.buses[m.busIndex.get(id) ?? -1];
    return !!b && b.external && b.country === country;
  };
  const branches: [number, number][] = [];
  m.network.branches.forEach((b, s) => {
    const f = ext(b.from);
    const t = ext(b.to);
    // + when power flows out of the boundary into FI/EE
    if (f !== t) branches.push([s, f ? 1 : -1]);
  });
  const links: [number, number][] = [];
  m.network.hvdcLinks.forEach((l, s) => {
    const f = ext(l.from);
    const t = ext(l.to);
    if (f !== t) links.push([s, f ? 1 : -1]);
  });
  return { branches, links };
}

function exchangeText(ties: ReturnType<typeof boundaryTies>): (s: SceneState) => string {
  return (s) => {
    if (!s.frame || !s.maps) return '';
    let mw = 0;
    for (const [k, sign] of ties.branches) {
      const i = s.maps.branchInv[k] ?? -1;
      if (i >= 0) mw += sign * (s.frame.branchFlowMW[i] ?? 0);
    }
    for (const [k, sign] of ties.links) {
      const i = s.maps.hvdcInv[k] ?? -1;
      if (i >= 0) mw += sign * (s.frame.hvdcMW[i] ?? 0);
    }
    if (Math.abs(mw) < 0.5) return 'no exchange';
    return mw > 0 ? `sends ${fmtMW(mw)}` : `receives ${fmtMW(-mw)}`;
  };
}

function BoundaryLabel({ m, k }: { m: SceneModel; k: number }): ReactElement {
  const a = m.boundaries[k]!;
  const ties = useMemo(() => boundaryTies(m, a.country), [m, a.country]);
  const live = useLive<HTMLSpanElement>(exchangeText(ties));
  return (
    <div
      className="label label-boundary"
      ref={(el: HTMLDivElement | null) =>
        pinLabel(`b:${a.country}`, el, [a.at[0], HEIGHTS.node, a.at[1]])
      }
    >
      <strong>{a.label}</strong>
      <span ref={live} className="label-live" />
    </div>
  );
}

/**
 * Where along each cable its label goes: the middle, or further along when an earlier cable's
 * label is already close (Fenno-Skan 1 and 2 run side by side).
 */
export function linkLabelPoints(m: SceneModel): [number, number][] {
  const out: [number, number][] = [];
  m.hvdcPath.forEach((p) => {
    const n = p.length / 3;
    const at = (f: number): [number, number] => {
      const k = Math.min(n - 1, Math.max(0, Math.round(f * (n - 1))));
      return [p[3 * k] ?? 0, p[3 * k + 2] ?? 0];
    };
    const free = (q: [number, number]): boolean =>
      out.every((o) => Math.hypot(o[0] - q[0], o[1] - q[1]) > 40);
    out.push([0.5, 0.3, 0.7, 0.2, 0.8].map(at).find(free) ?? at(0.5));
  });
  return out;
}

function LinkLabel({ m, k, at }: { m: SceneModel; k: number; at: [number, number] }): ReactElement {
  const l = m.network.hvdcLinks[k]!;
  const live = useLive<HTMLSpanElement>((s) => {
    if (!s.frame || !s.maps) return `${fmtMW(l.Pmax)} cable`;
    const i = s.maps.hvdcInv[k] ?? -1;
    if (i < 0) return '';
    if ((s.frame.hvdcStatus[i] ?? 1) !== 1) return 'OUT';
    const mw = s.frame.hvdcMW[i] ?? 0;
    return `${fmtMW(Math.abs(mw))} ${mw >= 0 ? '→' : '←'}`;
  });
  return (
    <div
      className="label label-link"
      ref={(el: HTMLDivElement | null) =>
        pinLabel(`l:${l.id}`, el, [at[0], HEIGHTS.node, at[1]], 1500)
      }
    >
      <strong>{l.name}</strong>
      <span ref={live} className="label-live" />
    </div>
  );
}

export function Labels({
  model,
  districts,
}: {
  model: SceneModel;
  districts: SceneState['districts'];
}): ReactElement {
  const linkPoints = useMemo(() => linkLabelPoints(model), [model]);
  return (
    <div className="labels" aria-hidden={true}>
      {CITIES.map(([name, lon, lat]) => {
        const [x, z] = plane.project(lon, lat);
        return (
          <div
            key={name}
            className="label label-city"
            ref={(el: HTMLDivElement | null) => pinLabel(`c:${name}`, el, [x, 1.5, z - 6])}
          >
            {name}
          </div>
        );
      })}
      {model.boundaries.map((_, k) => (
        <BoundaryLabel key={`b${k}`} m={model} k={k} />
      ))}
      {linkPoints.map((at, k) => (
        <LinkLabel key={`l${k}`} m={model} k={k} at={at} />
      ))}
      {districts.map((d) => (
        <div
          key={d.id}
          className="label label-district"
          ref={(el: HTMLDivElement | null) =>
            // names up close: Helsinki's 59 would crowd the city view, Tallinn's 8 do not
            pinLabel(
              `d:${d.id}`,
              el,
              [d.centroid[0], 1.2, d.centroid[1]],
              d.city === 'Tallinn' ? 50 : 28,
            )
          }
        >
          {d.name}
        </div>
      ))}
    </div>
  );
}
