// Test support: locates ../shared/matpower beside the repository (testing/needs.ts) and loads
// its cases and MATPOWER's reference results. Tests on them run under describeOnCases: skipped
// without the cases (and said so at the end of the run), failing under FINEST_REQUIRE_SHARED=1.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matpowerToNetwork, parseMatpower, type Network } from '@finest/grid';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';

export const MATPOWER_DIR = join(SHARED_DIR, 'matpower', '/');

export const hasSharedCases = NEEDS.matpower.present;

/** describe() for tests on the shared MATPOWER cases (testing/describe-needing.ts). */
export const describeOnCases = (name: string, body: () => void): void =>
  describeNeeding(NEEDS.matpower, name, body);

export type ReferenceKind = 'ac' | 'dc' | 'n1dc' | 'dcopf';

/** Case names (without .m) that have a reference result of the given kind. */
export function casesWithReference(kind: ReferenceKind): string[] {
  if (!hasSharedCases) return [];
  return readdirSync(`${MATPOWER_DIR}ref`)
    .filter((f) => f.endsWith(`.${kind}.json`))
    .map((f) => f.slice(0, -`.${kind}.json`.length))
    .sort();
}

export function loadSharedCase(name: string): Network {
  const text = readFileSync(`${MATPOWER_DIR}${name}.m`, 'utf8');
  return matpowerToNetwork(parseMatpower(text, `${name}.m`));
}

/** ref/<case>.dcopf.json: MATPOWER's rundcopf (see ../shared/matpower/README.md) */
export interface DcOpfReference {
  success: number;
  /** $/h */
  objective: number;
  /** MW, $/MWh */
  Pg: number[];
  Pf: number[];
  lam_P: number[];
  bus_id: number[];
  solver: string;
  /** s, the whole rundcopf call */
  time_s: number;
}

export interface ReferenceResult {
  converged: boolean;
  iterations: number;
  bus_id: number[];
  Vm: number[];
  Va: number[];
  Pf: number[];
  Qf: number[];
  Pt: number[];
  Qt: number[];
  gen_bus: number[];
  gen_status: number[];
  Pg: number[];
  Qg: number[];
  Qg_legacy_core?: number[];
}

export function loadReference<T = ReferenceResult>(name: string, kind: ReferenceKind): T {
  return JSON.parse(readFileSync(`${MATPOWER_DIR}ref/${name}.${kind}.json`, 'utf8')) as T;
}

/** Largest absolute difference between two equal-length arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Sums per-generator values by bus (in-service generators only). */
export function sumByBus(
  bus: ArrayLike<number>,
  status: ArrayLike<number>,
  v: ArrayLike<number>,
): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 0; k < bus.length; k++) {
    if (!((status[k] as number) > 0)) continue;
    const b = bus[k] as number;
    out.set(b, (out.get(b) ?? 0) + (v[k] as number));
  }
  return out;
}
