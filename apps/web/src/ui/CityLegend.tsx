// The twin city's legend: which drawn things are real buildings and which are modelled blocks,
// and, per city, how many of each are lit and dark now. The counts follow the frame on screen
// without React (subscribeLive writes the text and data-* attributes the browser tests read).
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { cityCounts, countScratch } from '../scene/city/city-counts.ts';
import { CITIES } from '../scene/city/city-model.ts';
import { appStore } from '../state/app-store.ts';
import { sceneStore } from '../state/scene-store.ts';
import { fmtInt } from './format.ts';
import { subscribeLive } from './live.ts';

function CityCount({ city }: { city: string }): ReactElement {
  const ref = useRef<HTMLLIElement | null>(null);
  const scratch = useMemo(() => countScratch(sceneStore.getState()), []);
  useEffect(() => {
    const write = (): void => {
      const el = ref.current;
      if (!el || !scratch) return;
      const c = cityCounts(sceneStore.getState(), scratch).find((x) => x.city === city);
      if (!c) return;
      const set = (k: string, v: string): void => {
        if (el.getAttribute(k) !== v) el.setAttribute(k, v);
      };
      set('data-buildings', String(c.buildings));
      set('data-buildings-lit', String(c.buildings - c.buildingsDark));
      set('data-buildings-dark', String(c.buildingsDark));
      set('data-blocks', String(c.blocks));
      set('data-blocks-lit', String(c.blocks - c.blocksDark));
      set('data-blocks-dark', String(c.blocksDark));
      set('data-dark-feeders', c.darkFeeders.join(' '));
      const dark = c.buildingsDark + c.blocksDark;
      const text =
        `${city}: ${c.buildings > 0 ? `${fmtInt(c.buildings - c.buildingsDark)}/${fmtInt(c.buildings)} buildings lit, ` : ''}` +
        `${fmtInt(c.blocks - c.blocksDark)}/${fmtInt(c.blocks)} blocks lit` +
        (dark > 0 ? ` · ~${fmtInt(c.peopleWithoutPower)} people without power` : '');
      if (el.textContent !== text) el.textContent = text;
    };
    write();
    return subscribeLive(write);
  }, [city, scratch]);
  return <li ref={ref} data-testid={`city-${city}`} />;
}

export function CityLegend(): ReactElement | null {
  if (!sceneStore.getState().city) return null;
  return (
    <section className="legend-city" aria-label="City legend">
      <ul className="legend-styles">
        <li>
          <i className="sw sw-real" />
          real buildings: OpenStreetMap, City of Helsinki 3D model (warm, windows)
        </li>
        <li>
          <i className="sw sw-modelled" />
          modelled blocks: volume from population and workplace statistics, not buildings
          (blue-grey, banded)
        </li>
        <li>heights exaggerated up to ×8 from afar, true scale up close</li>
      </ul>
      <ul className="city-counts" data-testid="city-counts" aria-live="off">
        {CITIES.map((c) => (
          <CityCount key={c} city={c} />
        ))}
      </ul>
      <button
        type="button"
        className="link"
        onClick={() => appStore.setState({ dialog: 'about' })}
        title="Sources and licences (A)"
      >
        About and sources
      </button>
    </section>
  );
}
