// Hover tooltip and click inspector for any element of the scene: fixed facts and the live
// line (flow, loading, status, supply) of the frame on screen. The tooltip follows the pointer
// by direct style updates; React re-renders only when the hovered element changes.
import { useEffect, useRef, useSyncExternalStore, type ReactElement } from 'react';
import { h } from '../h.ts';
import { elementGoal } from '../scene/camera-presets.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { flyTo, sceneStore, type Pick } from '../state/scene-store.ts';
import { elementInfo, liveText } from './element-info.ts';
import { deliverPick } from './EventRows.ts';
import { fmtMW } from './format.ts';
import { useLive } from './live.ts';
import { elementPosition } from '../scene/network-model.ts';

function useScene<T>(sel: (s: ReturnType<typeof sceneStore.getState>) => T): T {
  return useSyncExternalStore(sceneStore.subscribe, () => sel(sceneStore.getState()));
}

export function Tooltip(): ReactElement | null {
  const hover = useScene((s) => s.hover);
  const el = useRef<HTMLDivElement | null>(null);
  const live = useLive<HTMLParagraphElement>((s) => liveText(s, s.hover));
  useEffect(() => {
    const move = (e: PointerEvent): void => {
      if (el.current)
        el.current.style.transform = `translate(${e.clientX + 14}px, ${e.clientY + 14}px)`;
    };
    window.addEventListener('pointermove', move);
    return () => window.removeEventListener('pointermove', move);
  }, []);
  const info = hover ? elementInfo(sceneStore.getState(), hover) : null;
  return h(
    'div',
    { ref: el, className: 'tooltip', role: 'tooltip', hidden: !info },
    info ? h('strong', null, info.title) : null,
    info ? h('small', null, info.subtitle) : null,
    h('p', { ref: live, className: 'live' }),
  );
}

function focus(p: Pick): void {
  const s = sceneStore.getState();
  if (!s.model) return;
  if (p.kind === 'district') {
    const d = s.districts[p.index];
    if (d) flyTo(elementGoal(d.centroid, 'district'));
    return;
  }
  const info = elementInfo(s, p);
  if (!info?.ref) return;
  const xz = elementPosition(s.model, info.ref.kind, info.ref.id);
  if (xz) flyTo(elementGoal(xz, info.ref.kind));
}

function UnitRow({ k }: { k: number }): ReactElement {
  const g = sceneStore.getState().model!.network.generators[k]!;
  const live = useLive<HTMLTableCellElement>((s) => {
    const i = s.maps?.generatorInv[k] ?? -1;
    return s.frame && i >= 0 ? fmtMW(s.frame.generatorMW[i] ?? NaN) : '–';
  });
  return h(
    'tr',
    null,
    h('th', { scope: 'row' }, g.name || g.id, h('small', null, ` ${g.technology}`)),
    h('td', null, fmtMW(g.Pmax)),
    h('td', { ref: live }),
  );
}

/** The generating units at a bus, with their output now. */
function Units({ bus }: { bus: number }): ReactElement | null {
  const m = sceneStore.getState().model;
  const id = m?.network.buses[bus]?.id;
  const units = m ? m.network.generators.flatMap((g, k) => (g.bus === id ? [k] : [])) : [];
  if (units.length === 0) return null;
  return h(
    'table',
    { className: 'units' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Unit'),
        h('th', { scope: 'col' }, 'Max'),
        h('th', { scope: 'col' }, 'Now'),
      ),
    ),
    h(
      'tbody',
      null,
      units.map((k) => h(UnitRow, { key: k, k })),
    ),
  );
}

export function Inspector(): ReactElement | null {
  const selected = useScene((s) => s.selected);
  const picking = useApp((s) => s.picking);
  const live = useLive<HTMLParagraphElement>((s) => liveText(s, s.selected));
  useEffect(() => {
    if (!selected || !picking) return;
    const info = elementInfo(sceneStore.getState(), selected);
    if (info?.ref) deliverPick(info.ref);
  }, [selected, picking]);
  if (!selected) return null;
  const info = elementInfo(sceneStore.getState(), selected);
  if (!info) return null;
  return h(
    'section',
    { className: 'inspector panel', 'aria-label': 'Selected element', 'data-testid': 'inspector' },
    h(
      'header',
      null,
      h('h2', null, info.title),
      h(
        'button',
        {
          type: 'button',
          className: 'close',
          'aria-label': 'Close the inspector',
          onClick: () => sceneStore.setState({ selected: null }),
        },
        '×',
      ),
    ),
    h('p', { className: 'muted' }, info.subtitle),
    h('p', { ref: live, className: 'live' }),
    h(
      'dl',
      null,
      info.facts.flatMap((f) => [
        h('dt', { key: `t${f.label}` }, f.label),
        h('dd', { key: `d${f.label}` }, f.value),
      ]),
    ),
    selected.kind === 'substation' ? h(Units, { bus: selected.index }) : null,
    h(
      'div',
      { className: 'inspector-actions' },
      h('button', { type: 'button', onClick: () => focus(selected) }, 'Fly to'),
      info.ref && appStore.getState().run
        ? h(
            'button',
            {
              type: 'button',
              title: 'Trip this element in a what-if from now',
              onClick: () => {
                const ref = info.ref!;
                appStore.setState({
                  dialog: 'whatif',
                  whatIfEvents: [{ type: 'trip', at: 0, element: { kind: ref.kind, id: ref.id } }],
                });
              },
            },
            'Trip in what-if…',
          )
        : null,
    ),
  );
}
