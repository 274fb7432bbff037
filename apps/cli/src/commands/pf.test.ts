// `finest pf --time-limit MS` and how pf / dcpf report unsolvable cases: a time limit of 0 ms
// stops Newton before its first iteration (exit 1 with the reason), a bad value is a usage
// error, dcpf refuses the option, and an island without a source is a reason, not a crash.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, expect, it } from 'vitest';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';
import { main } from '../main.ts';

const CASE9 = join(SHARED_DIR, 'matpower', 'case9.m');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describeNeeding(NEEDS.matpower, 'finest pf --time-limit', () => {
  it('solves as usual within a generous limit', async () => {
    const { code, out } = await run('pf', CASE9, '--json', '--time-limit', '60000');
    expect(code).toBe(0);
    expect(JSON.parse(out).converged).toBe(true);
  });

  it('reports the time limit as the reason for not converging', async () => {
    // 0 ms is exceeded as soon as the clock moves at all, which it does while the starting
    // mismatch is computed: Newton stops before its first iteration, however fast the machine
    const { code, out } = await run('pf', CASE9, '--time-limit', '0');
    expect(code).toBe(1);
    expect(out).toMatch(/NOT converged \(time limit of 0 ms exceeded after 0 iterations\)/);
  });

  it('is a usage error for dcpf and for a bad value', async () => {
    const dc = await run('dcpf', CASE9, '--time-limit', '10');
    expect(dc.code).toBe(2);
    expect(dc.err).toBe('finest dcpf: --time-limit applies to the AC power flow (pf) only\n');
    expect((await run('pf', CASE9, '--time-limit', 'soon')).code).toBe(2);
  });

  it('names an island without a source instead of failing in the solver', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finest-pf-'));
    dirs.push(dir);
    const file = join(dir, 'cut.m');
    // branch 4–5 and 5–6 out of service: bus 5 (load, no unit) is cut off
    const text = readFileSync(CASE9, 'utf8')
      .replace(/(\t4\t5\t[^\n]*\t)1(\t-360\t360;)/, '$10$2')
      .replace(/(\t5\t6\t[^\n]*\t)1(\t-360\t360;)/, '$10$2');
    writeFileSync(file, text);
    for (const command of ['pf', 'dcpf']) {
      const { code, out } = await run(command, file);
      expect(code).toBe(1);
      expect(out).toMatch(/NOT converged \(island of 1 bus \(5\) has no REF or PV bus/);
    }
  });
});
