// Differences between two runs (B − A): every KPI per country and city, and the elements
// that tripped in one run only.
import type { RunSummary } from './schema/run.ts';

export interface KpiDifference {
  a: number | null;
  b: number | null;
  /** b − a, null when either is null */
  diff: number | null;
}

export interface RunComparison {
  a: { scenarioId: string; title: string; seed: number };
  b: { scenarioId: string; title: string; seed: number };
  countries: Record<string, Record<string, KpiDifference>>;
  cities: Record<string, Record<string, KpiDifference>>;
  branchesTrippedOnlyInA: string[];
  branchesTrippedOnlyInB: string[];
}

const NUMERIC_COUNTRY_KPIS = [
  'energyNotServedMWh',
  'peakShedMW',
  'peopleAffected',
  'branchesTripped',
  'timeToRestoreS',
  'frequencyNadirHz',
  'frequencyZenithHz',
  'maxRocofHzPerS',
  'icsScale',
] as const;

const NUMERIC_CITY_KPIS = ['energyNotServedMWh', 'peakShedMW', 'peakPeopleAffected'] as const;

function diffRecord<K extends string>(
  keys: readonly K[],
  a: Partial<Record<K, unknown>> | undefined,
  b: Partial<Record<K, unknown>> | undefined,
): Record<string, KpiDifference> {
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return Object.fromEntries(
    keys.map((k) => {
      const x = num(a?.[k]);
      const y = num(b?.[k]);
      return [k, { a: x, b: y, diff: x === null || y === null ? null : y - x }];
    }),
  );
}

export function compareRuns(a: RunSummary, b: RunSummary): RunComparison {
  const countries = [
    ...new Set([...Object.keys(a.kpis.countries), ...Object.keys(b.kpis.countries)]),
  ].sort();
  const cities = [
    ...new Set([...Object.keys(a.kpis.cities), ...Object.keys(b.kpis.cities)]),
  ].sort();
  const inA = new Set(a.kpis.branchesTripped);
  const inB = new Set(b.kpis.branchesTripped);
  const head = (r: RunSummary): RunComparison['a'] => ({
    scenarioId: r.scenarioId,
    title: r.title,
    seed: r.seed,
  });
  return {
    a: head(a),
    b: head(b),
    countries: Object.fromEntries(
      countries.map((c) => [
        c,
        diffRecord(NUMERIC_COUNTRY_KPIS, a.kpis.countries[c], b.kpis.countries[c]),
      ]),
    ),
    cities: Object.fromEntries(
      cities.map((c) => [c, diffRecord(NUMERIC_CITY_KPIS, a.kpis.cities[c], b.kpis.cities[c])]),
    ),
    branchesTrippedOnlyInA: [...inA].filter((id) => !inB.has(id)),
    branchesTrippedOnlyInB: [...inB].filter((id) => !inA.has(id)),
  };
}
