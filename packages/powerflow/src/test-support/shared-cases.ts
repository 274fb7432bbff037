// Test support: locates ../shared/matpower beside the repository and loads its cases and
// MATPOWER's reference results.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matpowerToNetwork, parseMatpower, type Network } from '@finest/grid';

export const MATPOWER_DIR = fileURLToPath(
  new URL('../../../../../shared/matpower/', import.meta.url),
);

export const hasSharedCases = existsSync(MATPOWER_DIR);

/**
 * FINEST_REQUIRE_SHARED=1 (set by .ci/run) turns a missing ../shared into a failing test
 * instead of skipped ones, so that a CI run without the cases cannot pass unnoticed.
 */
export const sharedRequired = process.env.FINEST_REQUIRE_SHARED === '1';

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
