// KPIs with Finland and Estonia side by side: live values of the frame on screen (shed, served,
// frequency of each country's synchronous area, the Estlink transfers) and the run's KPIs as
// the server reports them (energy not served, peak shed, people affected, nadir, RoCoF, ICS).
import type { CountryKpis, RunKpis } from '@finest/scenario/schema';
import type { ReactElement } from 'react';
import { writeSummary, summaryWidth } from '../scene/buffers.ts';
import { COUNTRIES, type SceneModel } from '../scene/network-model.ts';
import { useApp } from '../state/app-store.ts';
import type { SceneState } from '../state/scene-store.ts';
import { fmtDuration, fmtHz, fmtInt, fmtMW, fmtOne } from './format.ts';
import { useLive } from './live.ts';

const COUNTRY_NAMES: Record<string, string> = { FI: 'Finland', EE: 'Estonia' };

/** The summary row of the frame on screen (shared scratch, recomputed once per frame). */
const scratch = { seq: -1, runId: '', row: new Float64Array(0) };
export function liveRow(s: SceneState): Float64Array | null {
  if (!s.frame || !s.maps) return null;
  if (scratch.seq !== s.frameSeq || scratch.runId !== s.maps.runId) {
    const w = summaryWidth(s.maps.summary);
    if (scratch.row.length !== w) scratch.row = new Float64Array(w);
    writeSummary(s.frame, s.maps.summary, scratch.row);
    scratch.seq = s.frameSeq;
    scratch.runId = s.maps.runId;
  }
  return scratch.row;
}

/** The synchronous area a country's buses mostly belong to. */
export function countryArea(m: SceneModel | null, country: string, kpis: RunKpis | null): string {
  const k = kpis?.countries[country]?.area;
  if (k) return k;
  if (!m) return '';
  const count = new Map<string, number>();
  for (const b of m.network.buses)
    if (b.country === country && !b.external) count.set(b.area, (count.get(b.area) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function LiveCell({
  text,
  testId,
}: {
  text: (s: SceneState) => string;
  testId?: string;
}): ReactElement {
  const ref = useLive<HTMLTableCellElement>(text);
  return <td ref={ref} data-testid={testId} />;
}

type Row = [label: string, value: (c: CountryKpis) => string, title?: (c: CountryKpis) => string];

const RUN_ROWS: Row[] = [
  ['Energy not served', (c) => `${fmtOne(c.energyNotServedMWh)} MWh`],
  ['Peak load shed', (c) => fmtMW(c.peakShedMW)],
  ['People affected', (c) => fmtInt(c.peopleAffected)],
  ['Branches tripped', (c) => fmtInt(c.branchesTripped)],
  ['Frequency nadir', (c) => fmtHz(c.frequencyNadirHz)],
  ['Frequency peak', (c) => fmtHz(c.frequencyZenithHz)],
  ['Max RoCoF', (c) => `${c.maxRocofHzPerS.toFixed(3)} Hz/s`],
  [
    'Time to restore',
    (c) =>
      c.timeToRestoreS === null
        ? 'nothing shed'
        : `${fmtDuration(c.timeToRestoreS)}${c.restored ? '' : ' (not yet)'}`,
  ],
  ['ICS scale (est.)', (c) => `${c.icsScale}`, (c) => c.icsReason],
];

/** the rows a wall shows in larger type: how much is off now, and how many people it hits */
const HEADLINE_ROWS = new Set(['Load shed now', 'People affected']);

/** the live rows a wall leaves out: its column is narrow, and served load tells no story */
const WALL_HIDDEN_LIVE = new Set(['Load served now']);

/** the run KPIs a wall shows (the rest stay in the planners' panel) */
const WALL_ROWS = new Set([
  'Energy not served',
  'Peak load shed',
  'People affected',
  'Frequency nadir',
  'ICS scale (est.)',
]);

export function KpiPanel({
  model,
  compact = false,
}: {
  model: SceneModel | null;
  compact?: boolean;
}): ReactElement {
  const kpis = useApp((s) => s.kpis);
  const run = useApp((s) => s.run);
  const areas = COUNTRIES.map((c) => countryArea(model, c, kpis));
  const nC = COUNTRIES.length;
  const live: [string, (c: number) => (s: SceneState) => string][] = [
    ['Load shed now', (c) => (s) => fmtMW(liveRow(s)?.[c] ?? NaN)],
    ['Load served now', (c) => (s) => fmtMW(liveRow(s)?.[nC + c] ?? NaN)],
    [
      'Frequency now',
      (c) => (s) => {
        const row = liveRow(s);
        const k = s.maps?.areaIds.indexOf(areas[c] ?? '') ?? -1;
        if (!row || !s.maps || k < 0) return '–';
        return fmtHz(row[2 * nC + s.maps.summary.links.length + k] ?? NaN);
      },
    ],
  ];
  return (
    <section
      className="kpis panel"
      aria-label="Key figures, Finland and Estonia"
      data-testid="kpis"
    >
      <h2>Finland vs Estonia</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Measure</span>
            </th>
            {COUNTRIES.map((c, k) => (
              <th key={c} scope="col">
                {COUNTRY_NAMES[c] ?? c}
                <small>{areas[k] ?? ''}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {live
            .filter(([label]) => !compact || !WALL_HIDDEN_LIVE.has(label))
            .map(([label, text]) => (
              <tr
                key={label}
                className={compact && HEADLINE_ROWS.has(label) ? 'live kpi-headline' : 'live'}
              >
                <th scope="row">{label}</th>
                {COUNTRIES.map((c, k) => (
                  <LiveCell
                    key={c}
                    text={text(k)}
                    testId={`live-${label.split(' ')[0]!.toLowerCase()}-${c}`}
                  />
                ))}
              </tr>
            ))}
          {RUN_ROWS.filter(([label]) => !compact || WALL_ROWS.has(label)).map(
            ([label, value, title]) => (
              <tr key={label} className={compact && HEADLINE_ROWS.has(label) ? 'kpi-headline' : ''}>
                <th scope="row">{label}</th>
                {COUNTRIES.map((c) => {
                  const ck = kpis?.countries[c];
                  return (
                    <td
                      key={c}
                      title={ck && title ? title(ck) : undefined}
                      data-testid={`kpi-${label}-${c}`}
                    >
                      {ck ? value(ck) : '–'}
                    </td>
                  );
                })}
              </tr>
            ),
          )}
        </tbody>
      </table>
      <EstlinkRow />
      {kpis ? <CityRows kpis={kpis} /> : null}
      {run && kpis && kpis.nonConvergedSteps > 0 ? (
        <p className="muted">{`${kpis.nonConvergedSteps} steps used a DC estimate (AC did not converge).`}</p>
      ) : null}
    </section>
  );
}

function EstlinkRow(): ReactElement {
  const ref = useLive<HTMLParagraphElement>((s) => {
    const row = liveRow(s);
    if (!row || !s.maps) return 'Estlink transfers appear with a run.';
    const base = 2 * s.maps.summary.countries;
    return s.maps.linkNames
      .map((n, l) => {
        const v = row[base + l] ?? NaN;
        return `${n}: ${Number.isFinite(v) ? (Math.abs(v) < 0.5 ? '0 MW' : `${fmtMW(Math.abs(v))} ${v > 0 ? 'FI→EE' : 'EE→FI'}`) : '–'}`;
      })
      .join(' · ');
  });
  return <p className="estlinks" ref={ref} data-testid="estlinks" />;
}

function CityRows({ kpis }: { kpis: RunKpis }): ReactElement {
  const cities = Object.entries(kpis.cities);
  return (
    <table className="cities">
      <thead>
        <tr>
          <th scope="col">City</th>
          <th scope="col">Peak shed</th>
          <th scope="col">People</th>
          <th scope="col">Districts</th>
        </tr>
      </thead>
      <tbody>
        {cities.map(([name, c]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{fmtMW(c.peakShedMW)}</td>
            <td>{`${fmtInt(c.peakPeopleAffected)} / ${fmtInt(c.population)}`}</td>
            <td title={c.districtsAffected.join(', ')}>{fmtInt(c.districtsAffected.length)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
