// Hover tooltip and click inspector for any element of the scene: fixed facts and the live
// line (flow, loading, status, supply) of the frame on screen. The tooltip follows the pointer
// by direct style updates; React re-renders only when the hovered element changes.
import { useEffect, useRef, useSyncExternalStore, type ReactElement } from 'react';
import { elementGoal } from '../scene/camera-presets.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { flyTo, sceneStore, type Pick } from '../state/scene-store.ts';
import { elementInfo, liveText } from './element-info.ts';
import { deliverPick } from './EventRows.tsx';
import { fmtMW } from './format.ts';
import { useLive } from './live.ts';
import { elementPosition } from '../scene/network-model.ts';

function useScene<T>(sel: (s: ReturnType<typeof sceneStore.getState>) => T): T {
  return useSyncExternalStore(sceneStore.subscribe, () => sel(sceneStore.getState()));
}

export function Tooltip(): ReactElement | null {
  const hover = useScene((s) => s.hover);
  const el = useRef<HTMLDivElement | null>(null);
  const live = useLive<HTMLParagraphElement>((s) => liveText(s, s.hover, appStore.getState().log));
  useEffect(() => {
    const move = (e: PointerEvent): void => {
      if (el.current)
        el.current.style.transform = `translate(${e.clientX + 14}px, ${e.clientY + 14}px)`;
    };
    window.addEventListener('pointermove', move);
    return () => window.removeEventListener('pointermove', move);
  }, []);
  const info = hover ? elementInfo(sceneStore.getState(), hover) : null;
  return (
    <div ref={el} className="tooltip" role="tooltip" hidden={!info}>
      {info ? <strong>{info.title}</strong> : null}
      {info ? <small>{info.subtitle}</small> : null}
      <p ref={live} className="live" />
    </div>
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
  return (
    <tr>
      <th scope="row">
        {g.name || g.id}
        <small>{` ${g.technology}`}</small>
      </th>
      <td>{fmtMW(g.Pmax)}</td>
      <td ref={live} />
    </tr>
  );
}

/** The generating units at a bus, with their output now. */
function Units({ bus }: { bus: number }): ReactElement | null {
  const m = sceneStore.getState().model;
  const id = m?.network.buses[bus]?.id;
  const units = m ? m.network.generators.flatMap((g, k) => (g.bus === id ? [k] : [])) : [];
  if (units.length === 0) return null;
  return (
    <table className="units">
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">Max</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {units.map((k) => (
          <UnitRow key={k} k={k} />
        ))}
      </tbody>
    </table>
  );
}

export function Inspector(): ReactElement | null {
  const selected = useScene((s) => s.selected);
  const picking = useApp((s) => s.picking);
  const live = useLive<HTMLParagraphElement>((s) =>
    liveText(s, s.selected, appStore.getState().log),
  );
  useEffect(() => {
    if (!selected || !picking) return;
    const info = elementInfo(sceneStore.getState(), selected);
    if (info?.ref) deliverPick(info.ref);
  }, [selected, picking]);
  if (!selected) return null;
  const info = elementInfo(sceneStore.getState(), selected);
  if (!info) return null;
  return (
    <section className="inspector panel" aria-label="Selected element" data-testid="inspector">
      <header>
        <h2>{info.title}</h2>
        <button
          type="button"
          className="close"
          aria-label="Close the inspector"
          onClick={() => sceneStore.setState({ selected: null })}
        >
          ×
        </button>
      </header>
      <p className="muted">{info.subtitle}</p>
      <p ref={live} className="live" />
      <dl>
        {info.facts.flatMap((f) => [
          <dt key={`t${f.label}`}>{f.label}</dt>,
          <dd key={`d${f.label}`}>{f.value}</dd>,
        ])}
      </dl>
      {selected.kind === 'substation' ? <Units bus={selected.index} /> : null}
      <div className="inspector-actions">
        <button type="button" onClick={() => focus(selected)}>
          Fly to
        </button>
        {info.ref && appStore.getState().run ? (
          <button
            type="button"
            title="Trip this element in a what-if from now"
            onClick={() => {
              const ref = info.ref!;
              appStore.setState({
                dialog: 'whatif',
                whatIfEvents: [{ type: 'trip', at: 0, element: { kind: ref.kind, id: ref.id } }],
              });
            }}
          >
            Trip in what-if…
          </button>
        ) : null}
      </div>
    </section>
  );
}
