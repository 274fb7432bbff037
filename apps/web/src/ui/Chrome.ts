// The frame around the scene: the top bar (title, run, camera presets, modes), the legend of
// the line styles and colour scale, and toasts.
import type { ReactElement } from 'react';
import { h } from '../h.ts';
import { loadingGradientCss } from '../scene/color-scale.ts';
import { PRESET_LABELS, PRESETS, presetGoal, type PresetId } from '../scene/camera-presets.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { flyTo, sceneStore } from '../state/scene-store.ts';
import { fmtDate } from './format.ts';
import { setWall } from './Wall.ts';

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
  return h(
    'header',
    { className: 'topbar' },
    h('h1', null, 'FinEst Twin', h('small', null, 'energy incidents on the Finnish–Estonian grid')),
    h(
      'p',
      { className: 'run-title', 'data-testid': 'run-title' },
      run
        ? `${run.title}${run.parentRunId ? ' (what-if)' : ''} · ${fmtDate(run.startTime)}`
        : 'No run on screen',
    ),
    h(
      'nav',
      { className: 'presets', 'aria-label': 'Camera' },
      PRESETS.map((p, k) =>
        h(
          'button',
          {
            key: p,
            type: 'button',
            onClick: () => goPreset(p),
            title: `${PRESET_LABELS[p]} (${k + 1})`,
          },
          PRESET_LABELS[p],
        ),
      ),
    ),
    h(
      'div',
      { className: 'modes' },
      h(
        'span',
        {
          className: `conn conn-${connection}`,
          role: 'status',
          title: `Server stream: ${connection}`,
        },
        connection === 'open' ? 'live' : connection,
      ),
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': wall,
          onClick: () => setWall(!wall),
          title: 'Big-screen mode (W)',
        },
        'Wall',
      ),
      h(
        'button',
        {
          type: 'button',
          onClick: () => appStore.setState({ dialog: 'help' }),
          'aria-label': 'Keys and help',
          title: 'Keys (H)',
        },
        '?',
      ),
    ),
  );
}

export function Legend(): ReactElement {
  return h(
    'section',
    { className: 'legend', 'aria-label': 'Legend' },
    h(
      'div',
      { className: 'legend-scale' },
      h('span', null, 'Line loading'),
      h('div', {
        className: 'scale-bar',
        style: { background: loadingGradientCss() },
        role: 'img',
        'aria-label': 'blue idle, green, amber, orange at 100 %, dark red overloaded',
      }),
      h(
        'div',
        { className: 'scale-ticks' },
        h('span', null, '0'),
        h('span', null, '50'),
        h('span', null, '100 %'),
        h('span', null, '130'),
      ),
    ),
    h(
      'ul',
      { className: 'legend-styles' },
      h(
        'li',
        null,
        h('i', { className: 'sw sw-flow' }),
        'chevrons: flow direction, faster = more MW',
      ),
      h('li', null, h('i', { className: 'sw sw-over' }), 'wide, striped edges: overloaded'),
      h('li', null, h('i', { className: 'sw sw-trip' }), 'white dashes: tripped'),
      h('li', null, h('i', { className: 'sw sw-out' }), 'grey dots: out of service'),
      h('li', null, h('i', { className: 'sw sw-shed' }), 'pulsing ring / dark blocks: load shed'),
      h('li', null, h('i', { className: 'sw sw-ext' }), 'diamond: neighbouring system'),
    ),
  );
}

export function Toasts(): ReactElement {
  const toasts = useApp((s) => s.toasts);
  return h(
    'div',
    { className: 'toasts', role: 'status', 'aria-live': 'polite' },
    toasts.map((t) => h('p', { key: t.id, className: `toast toast-${t.kind}` }, t.text)),
  );
}
