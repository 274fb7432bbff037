// The app: the 3D twin in the middle, the library on the left, KPIs, charts and the inspector
// on the right, playback and the event log below; or, in wall mode, the scene full-window
// with large-type overlays. Keys work everywhere except while typing in a field.
import { useEffect, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { PRESETS } from '../scene/camera-presets.ts';
import { TwinCanvas } from '../scene/canvas-root.tsx';
import { appStore, useApp } from '../state/app-store.ts';
import { sceneStore } from '../state/scene-store.ts';
import { boot, setSpeed, togglePlay } from '../state/session.ts';
import { Charts } from './Charts.tsx';
import { goPreset, toggleFullscreen, TopBar, Toasts } from './Chrome.tsx';
import { Dialogs } from './Dialogs.tsx';
import { awaitPick } from './EventRows.tsx';
import { openEditor } from './Editor.tsx';
import { EventLog } from './EventLog.tsx';
import { Inspector, Tooltip } from './Inspect.tsx';
import { KpiPanel } from './Kpis.tsx';
import { Labels } from './Labels.tsx';
import { Legend } from './Legend.tsx';
import { Library } from './Library.tsx';
import { savePng, SPEEDS, stepSeek, Transport } from './Transport.tsx';
import { setWall, WallLayout } from './Wall.tsx';
import { SweepView } from '../sweep/SweepView.tsx';

const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** True when the key belongs to the focused field (typing, or moving a slider). */
function typing(t: EventTarget | null, key: string): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  if (el instanceof HTMLInputElement && el.type === 'range') return SLIDER_KEYS.has(key);
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function onKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const s = appStore.getState();
  if (e.key === 'Escape') {
    if (s.picking) awaitPick(null);
    else if (s.dialog) appStore.setState({ dialog: null });
    else sceneStore.setState({ selected: null });
    return;
  }
  if (typing(e.target, e.key)) return;
  // buttons keep Space and Enter for themselves
  const onButton = (e.target as HTMLElement | null)?.tagName === 'BUTTON';
  const k = e.key.toLowerCase();
  const preset = Number(e.key);
  if (k === ' ' && !onButton) togglePlay();
  else if (k === 'arrowleft') stepSeek(-1, e.shiftKey);
  else if (k === 'arrowright') stepSeek(1, e.shiftKey);
  else if (k === '[' || k === ']') {
    const i = SPEEDS.findIndex((v) => v >= s.speed);
    const next =
      SPEEDS[
        Math.max(
          0,
          Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + (k === ']' ? 1 : -1)),
        )
      ];
    if (next) setSpeed(next);
  } else if (preset >= 1 && preset <= PRESETS.length) goPreset(PRESETS[preset - 1]!);
  else if (k === 'w') setWall(!s.wall);
  else if (k === 'f') toggleFullscreen();
  else if (k === 'n') void openEditor(null, false);
  else if (k === 'b' && s.run) appStore.setState({ dialog: 'whatif' });
  else if (k === 'c') appStore.setState({ dialog: 'compare' });
  else if (k === 'p') savePng();
  else if (k === 'a') appStore.setState({ dialog: s.dialog === 'about' ? null : 'about' });
  else if (k === 'h' || k === '?')
    appStore.setState({ dialog: s.dialog === 'help' ? null : 'help' });
  else return;
  e.preventDefault();
}

export function App(): ReactElement {
  const phase = useApp((s) => s.phase);
  const loadError = useApp((s) => s.loadError);
  const wall = useApp((s) => s.wall);
  const picking = useApp((s) => s.picking);

  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('mode') === 'wall') setWall(true);
    void boot();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // subscribed: opening a run on another network (an uploaded CGMES model) redraws the scene
  const model = useStore(sceneStore, (s) => s.model);
  const stage = (
    <main className={`stage${picking ? ' picking' : ''}`} aria-label="The twin">
      {phase === 'ready' && model ? (
        [
          <TwinCanvas key="canvas" model={model} />,
          <Labels key="labels" model={model} districts={sceneStore.getState().districts} />,
          <Tooltip key="tip" />,
          // the wall has the legend in its own layout (Wall.tsx)
          wall ? null : <Legend key="legend" />,
        ]
      ) : (
        <p className="stage-message" role={phase === 'error' ? 'alert' : 'status'}>
          {phase === 'error'
            ? `The twin could not load: ${loadError ?? 'unknown error'}`
            : 'Loading the grid and the map…'}
        </p>
      )}
      {picking ? (
        <p className="pick-hint" role="status">
          Click an element on the map (Esc to cancel)
        </p>
      ) : null}
    </main>
  );

  return (
    <div className={`app${wall ? ' wall' : ''}`}>
      {wall ? null : <TopBar />}
      {stage}
      {wall ? (
        <WallLayout />
      ) : (
        [
          <aside key="left" className="side left">
            <Library />
          </aside>,
          <aside key="right" className="side right">
            <Inspector />
            <KpiPanel model={model} />
            <Charts />
          </aside>,
          <footer key="bottom" className="bottom">
            <Transport />
            <EventLog />
          </footer>,
        ]
      )}
      <Dialogs />
      <Toasts />
      {wall ? null : <SweepView />}
    </div>
  );
}
