// The legend of the scene: the loading colour scale, the line styles, what load shed looks like
// and the city (CityLegend.tsx). In wall mode it names what the wall's palette draws: tripped
// lines in red and white with their names, districts without supply in red.
import type { ReactElement } from 'react';
import { loadingGradientCss } from '../scene/color-scale.ts';
import { useApp } from '../state/app-store.ts';
import { CityLegend } from './CityLegend.tsx';

export function Legend(): ReactElement {
  const wall = useApp((s) => s.wall);
  return (
    <section className="legend" aria-label="Legend">
      <div className="legend-scale">
        <span>Line loading</span>
        <div
          className="scale-bar"
          style={{ background: loadingGradientCss() }}
          role="img"
          aria-label="blue idle, green, amber, orange at 100 %, dark red overloaded"
        />
        <div className="scale-ticks">
          <span>0</span>
          <span>50</span>
          <span>100 %</span>
          <span>130</span>
        </div>
      </div>
      <ul className="legend-styles">
        <li>
          <i className="sw sw-flow" />
          chevrons: flow direction, faster = more MW
        </li>
        <li>
          <i className="sw sw-over" />
          wide, striped edges: overloaded
        </li>
        {wall ? (
          <li className="legend-alert">
            <i className="sw sw-trip-wall" />
            red and white, named: tripped
          </li>
        ) : (
          <li>
            <i className="sw sw-trip" />
            white dashes: tripped
          </li>
        )}
        <li>
          <i className="sw sw-out" />
          grey dots: out of service
        </li>
        <li>
          <i className="sw sw-shed" />
          pulsing ring / dark blocks: load shed
        </li>
        {wall ? (
          <li className="legend-alert" data-testid="legend-no-supply">
            <i className="sw sw-no-supply" />
            no supply: red (up close: black, red outline)
          </li>
        ) : null}
        <li>
          <i className="sw sw-ext" />
          diamond: neighbouring system
        </li>
      </ul>
      <CityLegend />
    </section>
  );
}
