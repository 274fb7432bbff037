// `finest opf CASE --dc`: the JSON report against MATPOWER's rundcopf for case9 and case30, the
// readable summary, exit 1 with the cause for an infeasible case, and exit 2 for bad input
// (no --dc, an unknown option, a missing or malformed file).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';
import { main } from '../main.ts';

const SHARED = join(SHARED_DIR, 'matpower', '/');
const CASE9 = join(SHARED, 'case9.m');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'finest-opf-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('finest opf: bad input', () => {
  it('says that only the DC OPF exists without --dc', async () => {
    const { code, err } = await run('opf', 'any.m');
    expect(code).toBe(2);
    expect(err).toBe(
      'finest opf: only the DC OPF is available (the AC OPF is not implemented): use finest opf CASE --dc\n',
    );
  });

  it('refuses an unknown option, a missing file and a missing argument', async () => {
    expect(await run('opf', 'x.m', '--dc', '--ac')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/Unknown option '--ac'/),
    });
    expect(await run('opf', '/nonexistent/case.m', '--dc')).toMatchObject({
      code: 2,
      err: 'finest opf: cannot read /nonexistent/case.m: no such file\n',
    });
    expect(await run('opf', '--dc')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/missing CASE argument/),
    });
  });

  it('refuses a malformed case and one without gencost, naming the problem', async () => {
    const broken = tempFile('broken.m', 'function mpc = broken\nmpc.bus = [1 3 0 0;\n');
    const r = await run('opf', broken, '--dc');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^finest opf: .*broken\.m/);
    const noCost = `function mpc = nocost
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [1 3 0 0 0 0 1 1 0 110 1 1.1 0.9; 2 1 50 0 0 0 1 1 0 110 1 1.1 0.9];
mpc.gen = [1 0 0 100 -100 1 100 1 200 0];
mpc.branch = [1 2 0.01 0.1 0 0 0 0 0 0 1 -360 360];
`;
    const n = await run('opf', tempFile('nocost.m', noCost), '--dc');
    expect(n.code).toBe(2);
    expect(n.err).toMatch(/needs a gencost row for each of the 1 generators; the case has 0/);
  });
});

describeNeeding(NEEDS.matpower, 'finest opf CASE --dc', () => {
  it.each(['case9', 'case30'])('%s: the JSON report matches MATPOWER rundcopf', async (name) => {
    const { code, out } = await run('opf', join(SHARED, `${name}.m`), '--dc', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const ref = JSON.parse(readFileSync(join(SHARED, 'ref', `${name}.dcopf.json`), 'utf8'));
    expect(report).toMatchObject({ success: true, status: 'optimal' });
    expect(Math.abs(report.objective - ref.objective) / ref.objective).toBeLessThan(1e-6);
    for (const field of ['Pg', 'Pf', 'lam_P'] as const) {
      expect(report[field]).toHaveLength(ref[field].length);
      report[field].forEach((v: number, i: number) =>
        expect(Math.abs(v - ref[field][i])).toBeLessThan(1e-3),
      );
    }
    expect(Object.keys(report.timing)).toEqual(['parse_ms', 'solve_ms', 'build_ms', 'highs_ms']);
  });

  it('prints a readable summary: objective, status, prices, binding branches', async () => {
    // branch 1 → 4 carries the whole of unit 1 (≈ 90 MW at the optimum); a 60 MW rating binds
    const text = readFileSync(CASE9, 'utf8').replace(/(\n\t1\t4\t0\t0\.0576\t0\t)250/, '$160');
    const { code, out } = await run('opf', tempFile('tight9.m', text), '--dc');
    expect(code).toBe(0);
    expect(out).toMatch(/^DC optimal power flow: case9\n/); // the name of the case's function
    expect(out).toMatch(/\n {2}optimal: ptdf \(1 limit row, 2 rounds\)/);
    expect(out).toMatch(/\n {2}objective \d+\.\d\d \$\/h/);
    expect(out).toMatch(/\n {2}prices \(lam_P\) \d+\.\d\d … \d+\.\d\d \$\/MWh/);
    expect(out).toMatch(
      /\n {2}1 branch\(es\) at their rating \(RATE_A\)[^\n]*\n {4}branch 1 \(bus 1 → 4\) {2}60\.00 of 60\.00/,
    );
    expect(out).toMatch(/\n {2}parse [\d.]+ ms, solve [\d.]+ ms/);
  });

  it('exits 1 with the cause when the load exceeds the units’ capacity', async () => {
    // PMAX of every unit down to 10 MW: 315 MW of load, 30 MW of capacity
    const text = readFileSync(CASE9, 'utf8').replace(
      /(mpc\.gen = \[\n(?:\t[^\n]*\n){3})/,
      (block) => block.replace(/^(\t(?:[^\t]+\t){8})\d+/gm, '$110'),
    );
    const human = await run('opf', tempFile('short9.m', text), '--dc');
    expect(human.code).toBe(1);
    expect(human.out).toMatch(
      /NOT solved \(infeasible\): infeasible: island of bus 1 \(9 buses\) has a load of 315 MW above its units' total PMAX 30 MW/,
    );
    const json = await run('opf', tempFile('short9.m', text), '--dc', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      success: false,
      status: 'infeasible',
      objective: null,
    });
    expect(json.err).toMatch(/^finest opf: infeasible: island of bus 1/);
  });
});
