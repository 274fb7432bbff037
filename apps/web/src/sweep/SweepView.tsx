// The sweep view: a planner's "how bad is this incident across the year". A panel over the
// twin (the Sweeps button, or /?view=sweeps) lists the stored sweeps (the server's and those
// run with `finest sweep` on the same store), starts new ones, follows their progress over the
// WebSocket (`watch-sweep`), and shows per scenario and variant the aggregate and a heatmap of
// energy not served by day × hour; clicking a cell opens that run in the twin.
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import {
  IntSpecError,
  parseHoursSpec,
  type ScenarioSummary,
  type SweepInfo,
  type SweepResult,
  type SweepRunRow,
  type SweepSpec,
} from '@finest/protocol';
import { api } from '../api/rest.ts';
import { socketUrl, TwinSocket } from '../api/socket.ts';
import { playFrom, reportError } from '../state/session.ts';
import { Heatmap } from './Heatmap.tsx';
import { heatGrid, type HeatCell } from './heatmap-data.ts';
import { sweepApi } from './sweep-api.ts';
import './sweep.css';

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const mwh = (x: number): string => x.toLocaleString('en-GB', { maximumFractionDigits: 1 });

function statusText(s: SweepInfo): string {
  const eta =
    s.etaS !== null && s.status === 'running' ? `, ${Math.ceil(s.etaS / 60)} min left` : '';
  const rate = s.status === 'running' ? ` at ${s.rate.toFixed(1)} runs/s` : '';
  return `${s.status}: ${s.finished.toLocaleString('en-GB')} of ${s.jobs.toLocaleString('en-GB')} runs${s.failed ? ` (${s.failed} failed)` : ''}${rate}${eta}`;
}

function NewSweep({ onCreated }: { onCreated: (s: SweepInfo) => void }): ReactElement {
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  const [scenarioId, setScenarioId] = useState('estlink2-2024-12-25');
  const [hours, setHours] = useState('0-8759:24');
  const [seeds, setSeeds] = useState('');
  const [operator, setOperator] = useState({ on: false, off: false });
  const [topology, setTopology] = useState({ current: false, 'pre-2025': false });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.scenarios().then(setScenarios, (e: unknown) => setError(String(e)));
  }, []);
  const submit = async (): Promise<void> => {
    try {
      parseHoursSpec(hours, 8760);
    } catch (e) {
      if (e instanceof IntSpecError) return setError(`hours: ${e.message}`);
      throw e;
    }
    const ops = (['on', 'off'] as const).filter((k) => operator[k]);
    const tops = (['current', 'pre-2025'] as const).filter((k) => topology[k]);
    const spec: SweepSpec = {
      scenarioIds: [scenarioId],
      hours,
      ...(seeds.trim() ? { seeds: seeds.trim() } : {}),
      ...(ops.length ? { operator: [...ops] } : {}),
      ...(tops.length ? { topology: [...tops] } : {}),
    };
    try {
      setError(null);
      onCreated(await sweepApi.create(spec));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form
      className="sweep-new"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Scenario
        <select value={scenarioId} onChange={(e) => setScenarioId(e.target.value)}>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Hours
        <input value={hours} onChange={(e) => setHours(e.target.value)} size={14} />
      </label>
      <label>
        Seeds
        <input
          value={seeds}
          onChange={(e) => setSeeds(e.target.value)}
          size={6}
          placeholder="own"
        />
      </label>
      <fieldset>
        <legend>Operator</legend>
        {(['on', 'off'] as const).map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={operator[k]}
              onChange={(e) => setOperator({ ...operator, [k]: e.target.checked })}
            />
            {k}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Topology</legend>
        {(['current', 'pre-2025'] as const).map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={topology[k]}
              onChange={(e) => setTopology({ ...topology, [k]: e.target.checked })}
            />
            {k}
          </label>
        ))}
      </fieldset>
      <button type="submit">Start sweep</button>
      {error ? (
        <p className="sweep-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function SweepView(): ReactElement {
  const [open, setOpen] = useState(
    () => new URLSearchParams(window.location.search).get('view') === 'sweeps',
  );
  const [sweeps, setSweeps] = useState<SweepInfo[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [result, setResult] = useState<SweepResult | null>(null);
  const [runs, setRuns] = useState<{ profileStart: string; runs: SweepRunRow[] } | null>(null);
  const socket = useRef<TwinSocket | null>(null);
  const lastLoad = useRef(0);

  /** Fetches the sweep's aggregate and runs; applies them when they come. */
  const load = useCallback((id: string): void => {
    lastLoad.current = Date.now();
    Promise.all([sweepApi.aggregate(id), sweepApi.runs(id)]).then(
      ([r, rows]) => {
        setResult(r);
        setRuns(rows);
      },
      (e: unknown) => reportError('Could not load the sweep', e),
    );
  }, []);

  // the list, and a socket of the view's own for progress, while the view is open
  useEffect(() => {
    if (!open) return;
    sweepApi.list().then(
      (list) => {
        setSweeps(list);
        setSelected((s) => s ?? list[0]?.id ?? null);
      },
      (e: unknown) => reportError('Could not list the sweeps', e),
    );
    const s = new TwinSocket(socketUrl(), {
      message: (m) => {
        if (m.type !== 'sweep') return;
        setSweeps((list) =>
          list.some((x) => x.id === m.sweep.id)
            ? list.map((x) => (x.id === m.sweep.id ? m.sweep : x))
            : [m.sweep, ...list],
        );
      },
      frame: () => {},
      status: () => {},
      reopened: () => {},
    });
    s.connect();
    socket.current = s;
    return () => {
      s.close();
      socket.current = null;
    };
  }, [open]);

  useEffect(() => {
    if (!open || !selected) return;
    socket.current?.send({ type: 'watch-sweep', sweepId: selected });
    load(selected);
    return () => socket.current?.send({ type: 'unwatch-sweep', sweepId: selected });
  }, [open, selected, load]);

  // reload the results as the selected sweep progresses (every few seconds) and at its end
  const info = sweeps.find((s) => s.id === selected);
  useEffect(() => {
    if (!info || !selected) return;
    const final = info.status !== 'running' && info.status !== 'queued';
    if (final || Date.now() - lastLoad.current > 3000) load(selected);
  }, [info, selected, load]);

  useEffect(() => {
    if (!open) return;
    const esc = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [open]);

  const openRun = useCallback(
    async (cell: HeatCell) => {
      if (!selected) return;
      try {
        const run = await sweepApi.open(selected, cell.openKey);
        setOpen(false);
        await playFrom(run.id);
      } catch (e) {
        reportError('Could not open the run', e);
      }
    },
    [selected],
  );

  if (!open)
    return (
      <button type="button" className="sweep-toggle" onClick={() => setOpen(true)}>
        Sweeps
      </button>
    );
  return (
    <section className="sweep-view" role="dialog" aria-label="Sweeps" data-testid="sweep-view">
      <header>
        <h2>Sweeps: incidents across the year</h2>
        <button type="button" onClick={() => setOpen(false)} aria-label="Close the sweeps">
          ×
        </button>
      </header>
      <NewSweep
        onCreated={(s) => {
          setSweeps((list) => [s, ...list.filter((x) => x.id !== s.id)]);
          setSelected(s.id);
        }}
      />
      <label className="sweep-pick">
        Sweep
        <select value={selected ?? ''} onChange={(e) => setSelected(e.target.value || null)}>
          {sweeps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title} ({s.status})
            </option>
          ))}
        </select>
      </label>
      {info ? (
        <p className="sweep-status" role="status" data-testid="sweep-status">
          {statusText(info)} ·{' '}
          <a href={sweepApi.csvUrl(info.id)} download>
            CSV
          </a>{' '}
          ·{' '}
          <a href={sweepApi.jsonUrl(info.id)} download>
            JSON
          </a>
        </p>
      ) : (
        <p className="sweep-status">No sweep yet: start one above or with `finest sweep`.</p>
      )}
      {result && runs
        ? result.aggregates.map((g) => {
            const grid = heatGrid(runs.runs, g.scenarioId, g.variant, runs.profileStart);
            const e = g.energyNotServedMWh;
            return (
              <article key={`${g.scenarioId}/${g.variant}`} className="sweep-group">
                <h3>
                  {g.title} · {g.variant}
                </h3>
                <p>
                  {g.done} of {g.runs} runs{g.failed ? `, ${g.failed} failed` : ''} · energy not
                  served{' '}
                  {e
                    ? `expected ${mwh(e.expected)}, p95 ${mwh(e.p95)}, max ${mwh(e.max)} MWh`
                    : '—'}{' '}
                  · shedding in {g.hoursWithShedding} of {g.hours} hours (
                  {pct(g.shareOfHoursWithShedding)}) · peak shed {mwh(g.peakShedMW.max)} MW
                  {g.worstNadir
                    ? ` · worst nadir ${g.worstNadir.hz.toFixed(3)} Hz (${g.worstNadir.area})`
                    : ''}
                </p>
                <Heatmap
                  grid={grid}
                  profileStart={runs.profileStart}
                  label={`${g.title}, ${g.variant}`}
                  onOpen={(c) => void openRun(c)}
                />
              </article>
            );
          })
        : null}
    </section>
  );
}
