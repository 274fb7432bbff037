// The frame around the scene: the top bar (title, run, camera presets, modes), the legend of
// the line styles, colour scale and the city, and toasts.
import type { ReactElement } from 'react';
import { loadingGradientCss } from '../scene/color-scale.ts';
import { PRESET_LABELS, PRESETS, presetGoal, type PresetId } from '../scene/camera-presets.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { flyTo, sceneStore } from '../state/scene-store.ts';
import { CityLegend } from './CityLegend.tsx';
import { fmtDate } from './format.ts';
import { setWall } from './Wall.tsx';

export function goPreset(id: PresetId): void {
  flyTo(presetGoal(id, sceneStore.getState().model));
}

export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

export function TopBar(): ReactElement {
  const run = useApp((s) => s.run);
  const connection = useApp((s) => s.connection);
  const wall = useApp((s) => s.wall);
  return (
    <header className="topbar">
      <h1>
        FinEst Twin<small>energy incidents on the Finnish–Estonian grid</small>
      </h1>
      <p className="run-title" data-testid="run-title">
        {run
          ? `${run.title}${run.parentRunId ? ' (what-if)' : ''} · ${fmtDate(run.startTime)}`
          : 'No run on screen'}
      </p>
      <nav className="presets" aria-label="Camera">
        {PRESETS.map((p, k) => (
          <button
            key={p}
            type="button"
            onClick={() => goPreset(p)}
            title={`${PRESET_LABELS[p]} (${k + 1})`}
          >
            {PRESET_LABELS[p]}
          </button>
        ))}
      </nav>
      <div className="modes">
        <span
          className={`conn conn-${connection}`}
          role="status"
          title={`Server stream: ${connection}`}
        >
          {connection === 'open' ? 'live' : connection}
        </span>
        <button
          type="button"
          aria-pressed={wall}
          onClick={() => setWall(!wall)}
          title="Big-screen mode (W)"
        >
          Wall
        </button>
        <button
          type="button"
          onClick={() => appStore.setState({ dialog: 'help' })}
          aria-label="Keys and help"
          title="Keys (H)"
        >
          ?
        </button>
      </div>
    </header>
  );
}

export function Legend(): ReactElement {
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
        <li>
          <i className="sw sw-trip" />
          white dashes: tripped
        </li>
        <li>
          <i className="sw sw-out" />
          grey dots: out of service
        </li>
        <li>
          <i className="sw sw-shed" />
          pulsing ring / dark blocks: load shed
        </li>
        <li>
          <i className="sw sw-ext" />
          diamond: neighbouring system
        </li>
      </ul>
      <CityLegend />
    </section>
  );
}

export function Toasts(): ReactElement {
  const toasts = useApp((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <p key={t.id} className={`toast toast-${t.kind}`}>
          {t.text}
        </p>
      ))}
    </div>
  );
}
