// Test support for the property (fuzz) tests of the text and message parsers: how many inputs a
// property tries, a hang detector, and a tally of the inputs actually tried. Every property has
// a fixed seed, so a failure in CI reproduces. FINEST_FUZZ_RUNS=<n> sets the inputs per property
// for a long local campaign; FINEST_FUZZ_REPORT=1 writes the tally of each fuzz file to
// .fuzz-counts/<name>.json at the repository root (a normal run writes nothing).
// The scenario and protocol fuzz tests import this file by relative path: it is test code only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * ms one parse may take before it counts as hung. It detects loops that never end and blow-ups
 * (quadratic scans, catastrophic regex backtracking) on inputs of up to a few hundred kB; it is
 * not a speed test: an honest parse of any input here takes a few ms.
 */
export const HANG_BOUND_MS = 2000;

const campaignRuns = Number(process.env.FINEST_FUZZ_RUNS);
const isCampaign = Number.isInteger(campaignRuns) && campaignRuns > 0;

/** Inputs per property: `defaultRuns` in CI, FINEST_FUZZ_RUNS in a campaign. */
export const fuzzRuns = (defaultRuns: number): number => (isCampaign ? campaignRuns : defaultRuns);

/** ms per fuzz test (vitest's 5 s default is for unit tests), unbounded in a campaign */
export const FUZZ_TEST_TIMEOUT_MS = isCampaign ? 24 * 3_600_000 : 120_000;

/** What one call returned or threw, and how long it took. */
export type Outcome<T> =
  { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number };

export function attempt<T>(fn: () => T): Outcome<T> {
  const t0 = performance.now();
  try {
    const value = fn();
    return { ok: true, value, ms: performance.now() - t0 };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - t0 };
  }
}

/** Counts the inputs each property of one fuzz file tried, and how they came out. */
export class FuzzTally {
  private readonly perProperty = new Map<string, number>();
  private readonly outcomes = new Map<string, number>();
  private readonly started = performance.now();
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  count(property: string): void {
    this.perProperty.set(property, (this.perProperty.get(property) ?? 0) + 1);
  }

  /** e.g. "accepted", "refused: FINEST_MATPOWER_PARSE" */
  outcome(kind: string): void {
    this.outcomes.set(kind, (this.outcomes.get(kind) ?? 0) + 1);
  }

  get inputs(): number {
    let n = 0;
    for (const c of this.perProperty.values()) n += c;
    return n;
  }

  /** Writes .fuzz-counts/<name>.json, one line, when FINEST_FUZZ_REPORT=1. */
  report(): void {
    if (process.env.FINEST_FUZZ_REPORT !== '1') return;
    const dir = fileURLToPath(new URL('../../../../.fuzz-counts/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const line = JSON.stringify({
      name: this.name,
      inputs: this.inputs,
      perProperty: Object.fromEntries(this.perProperty),
      outcomes: Object.fromEntries(this.outcomes),
      wallMs: Math.round(performance.now() - this.started),
    });
    writeFileSync(`${dir}${this.name}.json`, `${line}\n`);
  }
}
