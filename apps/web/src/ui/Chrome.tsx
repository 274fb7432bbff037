// The frame around the scene: the top bar (title, run, camera presets, modes) and toasts (the
// legend is Legend.tsx).
import type { ReactElement } from 'react';
import { PRESET_LABELS, PRESETS, presetGoal, type PresetId } from '../scene/camera-presets.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { flyTo, sceneStore } from '../state/scene-store.ts';
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
