// Rows of scenario events for the editor and the what-if dialog: a type, a time, the fields of
// that type, and elements chosen from a list or picked on the map. Rows are loose drafts; the
// scenario schema (the same the server uses) decides what is valid.
import type { ReactElement } from 'react';
import type { SceneModel } from '../scene/network-model.ts';
import { appStore, type PickRef } from '../state/app-store.ts';

export type DraftEvent = { type: string; at: number } & Record<string, unknown>;

export const EVENT_TYPES: [string, string][] = [
  ['trip', 'Trip'],
  ['restore', 'Restore'],
  ['derate', 'Derate a unit'],
  ['set-hvdc', 'Set HVDC transfer'],
  ['scale-demand', 'Scale demand'],
  ['activate-reserve', 'Activate reserve'],
  ['redispatch', 'Redispatch a unit'],
];

/** A new event of a type with sensible blanks. */
export function blankEvent(type: string, at: number): DraftEvent {
  switch (type) {
    case 'trip':
    case 'restore':
      return { type, at, element: { kind: 'branch', id: '' } };
    case 'derate':
      return { type, at, generator: '', PmaxMW: 0 };
    case 'set-hvdc':
      return { type, at, link: '', MW: 0 };
    case 'scale-demand':
      return { type, at, scope: { country: 'FI' }, factor: 1.05 };
    case 'activate-reserve':
      return { type, at, bus: '', MW: 100, rampS: 0, name: 'Emergency reserve' };
    default:
      return { type, at, generator: '', MW: 0 };
  }
}

/** Datalists of element ids (with names) for the inputs. */
export function ElementLists({ model }: { model: SceneModel | null }): ReactElement | null {
  if (!model) return null;
  const net = model.network;
  const name = (id: string): string => net.buses[model.busIndex.get(id) ?? -1]?.name || id;
  const list = (id: string, items: [string, string][]): ReactElement => (
    <datalist id={id} key={id}>
      {items.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </datalist>
  );
  return (
    <div hidden={true}>
      {list(
        'dl-branch',
        net.branches.map((b) => [b.id, `${name(b.from)} – ${name(b.to)}`]),
      )}
      {list(
        'dl-hvdc',
        net.hvdcLinks.map((l) => [l.id, l.name]),
      )}
      {list(
        'dl-generator',
        net.generators.map((g) => [g.id, `${g.name || g.technology} ${g.Pmax} MW`]),
      )}
      {list(
        'dl-substation',
        net.buses.map((b) => [b.id, b.name || b.id]),
      )}
    </div>
  );
}

interface RowsProps {
  events: DraftEvent[];
  onChange(events: DraftEvent[]): void;
  /** path prefixes with issues, e.g. "events.2.at" */
  invalid: Set<string>;
  /** which row waits for a pick on the map */
  pickRow: number;
  onPick(row: number): void;
  minAt?: number;
  prefix?: string;
}

const num = (v: string): number => (v.trim() === '' ? NaN : Number(v));

export function EventRows(p: RowsProps): ReactElement {
  const set = (k: number, patch: Record<string, unknown>): void =>
    p.onChange(p.events.map((e, i) => (i === k ? ({ ...e, ...patch } as DraftEvent) : e)));
  const bad = (k: number, field: string): boolean =>
    p.invalid.has(`${p.prefix ?? 'events'}.${k}.${field}`);
  const field = (
    k: number,
    key: string,
    label: string,
    value: unknown,
    opts: { type?: string; list?: string; onValue?: (v: string) => unknown } = {},
  ): ReactElement => (
    <label key={key}>
      <span>{label}</span>
      <input
        type={opts.type ?? 'text'}
        list={opts.list}
        value={
          value === undefined || (typeof value === 'number' && Number.isNaN(value))
            ? ''
            : String(value)
        }
        aria-invalid={bad(k, key) || undefined}
        onChange={(e) =>
          set(k, { [key]: (opts.onValue ?? ((v: string) => v))(e.currentTarget.value) })
        }
      />
    </label>
  );

  return (
    <ol className="event-rows">
      {p.events.map((e, k) => {
        const fields: ReactElement[] = [];
        if (e.type === 'trip' || e.type === 'restore') {
          const el = (e['element'] ?? { kind: 'branch', id: '' }) as { kind: string; id: string };
          fields.push(
            <label key="kind">
              <span>Element</span>
              <select
                value={el.kind}
                onChange={(ev) => set(k, { element: { ...el, kind: ev.currentTarget.value } })}
              >
                {['branch', 'hvdc', 'generator', 'substation'].map((x) => (
                  <option key={x} value={x}>
                    {x}
                  </option>
                ))}
              </select>
            </label>,
            <label key="id">
              <span>Id</span>
              <input
                value={el.id}
                list={`dl-${el.kind}`}
                aria-invalid={bad(k, 'element') || undefined}
                onChange={(ev) => set(k, { element: { ...el, id: ev.currentTarget.value } })}
              />
            </label>,
            <button
              type="button"
              key="pick"
              className={p.pickRow === k ? 'active' : undefined}
              aria-pressed={p.pickRow === k}
              onClick={() => p.onPick(p.pickRow === k ? -1 : k)}
              title="Click an element in the 3D view"
            >
              {p.pickRow === k ? 'Click the map…' : 'Pick on map'}
            </button>,
          );
        } else if (e.type === 'derate') {
          fields.push(
            field(k, 'generator', 'Unit', e['generator'], { list: 'dl-generator' }),
            field(k, 'PmaxMW', 'New max MW', e['PmaxMW'], { type: 'number', onValue: num }),
          );
        } else if (e.type === 'set-hvdc') {
          fields.push(
            field(k, 'link', 'Link', e['link'], { list: 'dl-hvdc' }),
            field(k, 'MW', 'MW (+ from→to)', e['MW'], { type: 'number', onValue: num }),
          );
        } else if (e.type === 'scale-demand') {
          const scope = (e['scope'] ?? {}) as { country?: string; area?: string };
          const byTemp = e['temperatureDeltaC'] !== undefined;
          fields.push(
            <label key="scope">
              <span>Country or area</span>
              <input
                value={scope.country ?? scope.area ?? ''}
                aria-invalid={bad(k, 'scope') || undefined}
                onChange={(ev) => {
                  const v = ev.currentTarget.value;
                  set(k, { scope: v.length === 2 ? { country: v.toUpperCase() } : { area: v } });
                }}
              />
            </label>,
            <label key="mode">
              <span>By</span>
              <select
                value={byTemp ? 'temp' : 'factor'}
                onChange={(ev) => {
                  const rest: DraftEvent = { ...e };
                  delete rest['factor'];
                  delete rest['temperatureDeltaC'];
                  p.onChange(
                    p.events.map((x, i) =>
                      i === k
                        ? {
                            ...rest,
                            ...(ev.currentTarget.value === 'temp'
                              ? { temperatureDeltaC: -5 }
                              : { factor: 1.05 }),
                          }
                        : x,
                    ),
                  );
                }}
              >
                <option value="factor">factor</option>
                <option value="temp">°C change</option>
              </select>
            </label>,
            byTemp
              ? field(k, 'temperatureDeltaC', '°C', e['temperatureDeltaC'], {
                  type: 'number',
                  onValue: num,
                })
              : field(k, 'factor', '×', e['factor'], { type: 'number', onValue: num }),
          );
        } else if (e.type === 'activate-reserve') {
          fields.push(
            field(k, 'bus', 'Bus', e['bus'], { list: 'dl-substation' }),
            field(k, 'MW', 'MW', e['MW'], { type: 'number', onValue: num }),
            field(k, 'rampS', 'Ramp s', e['rampS'], { type: 'number', onValue: num }),
            field(k, 'name', 'Name', e['name']),
          );
        } else {
          fields.push(
            field(k, 'generator', 'Unit', e['generator'], { list: 'dl-generator' }),
            field(k, 'MW', 'MW', e['MW'], { type: 'number', onValue: num }),
          );
        }
        return (
          <li key={k} className="event-row">
            <label>
              <span>Event</span>
              <select
                value={e.type}
                onChange={(ev) =>
                  p.onChange(
                    p.events.map((x, i) =>
                      i === k ? blankEvent(ev.currentTarget.value, e.at) : x,
                    ),
                  )
                }
              >
                {EVENT_TYPES.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            {field(
              k,
              'at',
              p.minAt !== undefined ? `At s (≥ ${Math.round(p.minAt)})` : 'At s',
              e.at,
              {
                type: 'number',
                onValue: num,
              },
            )}
            {...fields}
            {field(k, 'cause', 'Cause', e['cause'] ?? '', {
              onValue: (v) => (v === '' ? undefined : v),
            })}
            <button
              type="button"
              className="remove"
              aria-label={`Remove event ${k + 1}`}
              onClick={() => p.onChange(p.events.filter((_, i) => i !== k))}
            >
              ×
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** Waits for the next element clicked on the map (null: stop waiting). */
export function awaitPick(handler: ((ref: PickRef) => void) | null): void {
  appStore.setState({ picking: handler !== null, pickHandler: handler });
}

/** Hands an element clicked on the map to whoever waits for one. */
export function deliverPick(ref: PickRef): void {
  const f = appStore.getState().pickHandler;
  appStore.setState({ picking: false, pickHandler: null });
  f?.(ref);
}

/** Puts the map's pick into the waiting row, if any. */
export function applyPick(
  events: DraftEvent[],
  row: number,
  ref: { kind: string; id: string },
): DraftEvent[] {
  const e = events[row];
  if (!e) return events;
  let patch: Record<string, unknown>;
  if (e.type === 'trip' || e.type === 'restore')
    patch = { element: { kind: ref.kind, id: ref.id } };
  else if (e.type === 'set-hvdc' && ref.kind === 'hvdc') patch = { link: ref.id };
  else if (e.type === 'activate-reserve' && ref.kind === 'substation') patch = { bus: ref.id };
  else return events;
  return events.map((x, i) => (i === row ? ({ ...x, ...patch } as DraftEvent) : x));
}
