// Test support: the tally of the power-flow fuzz tests (robustness.fuzz.test.ts): networks
// tried, solver errors by kind, and converged / not converged solves, with the reasons for not
// converging by kind. With FINEST_FUZZ_REPORT=1 it is written to .fuzz-counts/<name>.json at
// the repository root; a normal run writes nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const KINDS: readonly (readonly [RegExp, string])[] = [
  [/has (\w+) = .*must be finite/, 'non-finite input: $1'],
  [/zero impedance|impedance too small/, 'zero or tiny impedance'],
  [/zero reactance|reactance too small/, 'zero or tiny reactance (DC)'],
  [/non-finite admittance/, 'non-finite admittance'],
  [/no REF or PV bus/, 'island without a reference'],
  [/singular Jacobian/, 'singular Jacobian'],
  [/singular DC matrix/, 'singular DC matrix'],
  [/no convergence/, 'max iterations'],
  [/^diverged/, 'diverged'],
  [/time limit/, 'time limit'],
  [/not finite/, 'non-finite solution'],
  [/reactive limit/, 'reactive limits infeasible'],
];

/** A short name for the kind of a refusal or of a reason for not converging. */
export function kindOf(message: string): string {
  const text = message.replace(/^@finest\/powerflow: /, '');
  for (const [pattern, kind] of KINDS) {
    const m = pattern.exec(text);
    if (m) return kind.replace('$1', m[1] ?? '');
  }
  return text.slice(0, 60);
}

export class PfFuzzTally {
  inputs = 0;
  converged = 0;
  notConverged = 0;
  readonly errors: Record<string, number> = {};
  readonly reasons: Record<string, number> = {};
  constructor(readonly name: string) {}

  error(code: string, message: string): void {
    const key = `${code}: ${kindOf(message)}`;
    this.errors[key] = (this.errors[key] ?? 0) + 1;
  }

  solved(converged: boolean, reason?: string): void {
    if (converged) {
      this.converged++;
      return;
    }
    this.notConverged++;
    const key = kindOf(reason ?? '');
    this.reasons[key] = (this.reasons[key] ?? 0) + 1;
  }

  report(): void {
    if (process.env.FINEST_FUZZ_REPORT !== '1') return;
    const dir = fileURLToPath(new URL('../../../../.fuzz-counts/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const { name, inputs, errors, converged, notConverged, reasons } = this;
    const json = { name, inputs, errors, converged, notConverged, notConvergedReasons: reasons };
    writeFileSync(`${dir}${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
  }
}
