// The app: the 3D twin in the middle, the library on the left, KPIs, charts and the inspector
// on the right, playback and the event log below; or, in wall mode, the scene full-window
// with large-type overlays. Keys work everywhere except while typing in a field.
import { useEffect, type ReactElement } from 'react';
import { h } from '../h.ts';
import { PRESETS } from '../scene/camera-presets.ts';
import { TwinCanvas } from '../scene/Twin.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { sceneStore } from '../state/scene-store.ts';
import { boot, setSpeed, togglePlay } from '../state/session.ts';
import { Charts } from './Charts.ts';
import { goPreset, Legend, toggleFullscreen, TopBar, Toasts } from './Chrome.ts';
import { Dialogs } from './Dialogs.ts';
import { awaitPick } from './EventRows.ts';
import { openEditor } from './Editor.ts';
import { EventLog } from './EventLog.ts';
import { Inspector, Tooltip } from './Inspect.ts';
import { KpiPanel } from './Kpis.ts';
import { Labels } from './Labels.ts';
import { Library } from './Library.ts';
import { savePng, SPEEDS, stepSeek, Transport } from './Transport.ts';
import { setWall, WallLayout } from './Wall.ts';

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
  else if (k === 'arrowleft') stepSeek(-1);
  else if (k === 'arrowright') stepSeek(1);
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

  const model = sceneStore.getState().model;
  const stage = h(
    'main',
    { className: `stage${picking ? ' picking' : ''}`, 'aria-label': 'The twin' },
    phase === 'ready' && model
      ? [
          h(TwinCanvas, { key: 'canvas', model }),
          h(Labels, { key: 'labels', model, districts: sceneStore.getState().districts }),
          h(Tooltip, { key: 'tip' }),
          h(Legend, { key: 'legend' }),
        ]
      : h(
          'p',
          { className: 'stage-message', role: phase === 'error' ? 'alert' : 'status' },
          phase === 'error'
            ? `The twin could not load: ${loadError ?? 'unknown error'}`
            : 'Loading the grid and the map…',
        ),
    picking
      ? h(
          'p',
          { className: 'pick-hint', role: 'status' },
          'Click an element on the map (Esc to cancel)',
        )
      : null,
  );

  return h(
    'div',
    { className: `app${wall ? ' wall' : ''}` },
    wall ? null : h(TopBar, null),
    stage,
    wall
      ? h(WallLayout, null)
      : [
          h('aside', { key: 'left', className: 'side left' }, h(Library, null)),
          h(
            'aside',
            { key: 'right', className: 'side right' },
            h(Inspector, null),
            h(KpiPanel, { model }),
            h(Charts, null),
          ),
          h(
            'footer',
            { key: 'bottom', className: 'bottom' },
            h(Transport, null),
            h(EventLog, null),
          ),
        ],
    h(Dialogs, null),
    h(Toasts, null),
  );
}
