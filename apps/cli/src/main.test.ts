// The finest command: JSON contract, exit codes and one-line errors. Most cases call main()
// in-process with captured output; one runs the real bin through a subprocess.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeNeeding } from '../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../testing/needs.ts';
import { main } from './main.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = join(SHARED_DIR, 'matpower');
const CASE9 = join(SHARED, 'case9.m');

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'finest-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const FIELDS = [
  'converged',
  'iterations',
  'baseMVA',
  'bus_id',
  'Vm',
  'Va',
  'Pf',
  'Qf',
  'Pt',
  'Qt',
  'Pg',
  'Qg',
  'timing',
];

describeNeeding(NEEDS.matpower, 'finest pf / dcpf', () => {
  it('prints exactly the contracted JSON fields, in row order', async () => {
    const { code, out } = await run('pf', CASE9, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(FIELDS);
    expect(json.bus_id).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(json.iterations).toBe(4);
    expect(Object.keys(json.timing as object)).toEqual(['parse_ms', 'solve_ms']);
    expect((json.Pg as number[])[0]).toBeCloseTo(71.641, 3);
  });

  it('adds solve_ms_median with --repeat', async () => {
    const { out } = await run('dcpf', CASE9, '--json', '--repeat', '3');
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([...FIELDS, 'solve_ms_median']);
    expect(json.Qg).toEqual([0, 0, 0]);
    expect((json.Pf as number[])[0]).toBeCloseTo(67, 9);
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await run('pf', CASE9);
    expect(code).toBe(0);
    expect(out).toMatch(/converged in 4 iteration\(s\)/);
    expect(out).toMatch(/lowest voltages \(pu\): {2}9 0\.9956/);
    expect(out).toMatch(/most loaded branches/);
  });

  it('exits 1 when Newton does not converge', async () => {
    const dir = tempDir();
    const file = join(dir, 'heavy.m');
    const text = (await import('node:fs'))
      .readFileSync(CASE9, 'utf8')
      .replace(/\t5\t1\t90\t30\t/, '\t5\t1\t9000\t3000\t');
    writeFileSync(file, text);
    const { code, out } = await run('pf', file, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out).converged).toBe(false);
  });
});

describeNeeding(NEEDS.matpower, 'finest n1', () => {
  it('prints the contracted N-1 summary with 1-based rows and writes the CSV', async () => {
    const dir = tempDir();
    const csv = join(dir, 'pairs.csv');
    const { code, out } = await run('n1', join(SHARED, 'case30.m'), '--json', '--csv', csv);
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'n_branch_in_service',
      'n_bridges_excluded',
      'bridge_branches',
      'n_contingencies',
      'n_monitored_rate_a_gt_0',
      'n_base_case_overloads',
      'n_overloaded_pairs',
      'n_overloaded_pairs_gt_100_0001pct',
      'n_overloaded_pairs_on_branches_not_overloaded_in_base_case',
      'top20_loading',
      'timing',
    ]);
    expect(json.bridge_branches).toEqual([13, 16, 34]);
    expect(json.n_contingencies).toBe(38);
    const top = (
      json.top20_loading as { contingency_branch: number; monitored_branch: number }[]
    )[0]!;
    expect([top.contingency_branch, top.monitored_branch]).toEqual([30, 32]);
    const lines = (await import('node:fs')).readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^contingency_branch,/);
    expect(lines.length - 1).toBe(json.n_overloaded_pairs);
  });
});

describeNeeding(NEEDS.matpower, 'finest n1 --ac', () => {
  it('solves every outage on worker threads and lists islanding outages with lost load', async () => {
    const { code, out } = await run(
      'n1',
      join(SHARED, 'case30.m'),
      '--ac',
      '--json',
      '--workers',
      '2',
    );
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      n_contingencies: number;
      n_islanding: number;
      n_not_converged: number;
      base_case_overloaded_branches: number[];
      contingencies: {
        branch: number;
        islanding: boolean;
        lost_load_MW: number;
        converged: boolean;
      }[];
    };
    expect(json.n_contingencies).toBe(41);
    expect(json.n_islanding).toBe(3);
    // case30's intact AC flow already loads branch 10 (6–8) to 108.8 % of RATE_A
    expect(
      (json as unknown as { base_case_overloaded_branches: number[] })
        .base_case_overloaded_branches,
    ).toEqual([10]);
    expect(json.contingencies.filter((c) => c.islanding).map((c) => c.branch)).toEqual([
      13, 16, 34,
    ]);
    expect(json.contingencies.find((c) => c.branch === 34)!.lost_load_MW).toBeCloseTo(3.5, 9);
  });

  it('with --screen K solves only the K worst outages by DC loading', async () => {
    const { out } = await run(
      'n1',
      join(SHARED, 'case30.m'),
      '--ac',
      '--json',
      '--screen',
      '3',
      '--workers',
      '1',
    );
    const json = JSON.parse(out) as {
      n_contingencies: number;
      contingencies: { branch: number }[];
    };
    expect(json.n_contingencies).toBe(3);
    // DC ranking of case30: outages 30 and 32 load each other to 100 %, then 10 and 40 load
    // each other to 93.75 % (equal up to rounding)
    const branches = json.contingencies.map((c) => c.branch);
    expect(branches.slice(0, 2).sort((a, b) => a - b)).toEqual([30, 32]);
    expect([10, 40]).toContain(branches[2]);
  });

  it('runs an N-k set and reports every bad field of an invalid one', async () => {
    const dir = tempDir();
    const good = join(dir, 'set.json');
    writeFileSync(
      good,
      JSON.stringify({
        formatVersion: 1,
        contingencies: [
          {
            id: 'pair',
            elements: [
              { type: 'branch', id: '10' },
              { type: 'branch', id: '40' },
            ],
          },
        ],
      }),
    );
    const ok = await run('n1', join(SHARED, 'case30.m'), '--set', good, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).contingencies[0].lost_load_MW).toBeCloseTo(30, 9);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        formatVersion: 2,
        contingencies: [{ id: 'x', elements: [{ type: 'line', id: '1' }] }],
      }),
    );
    const r = await run('n1', join(SHARED, 'case30.m'), '--set', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/formatVersion: .*; contingencies\[0\]\.elements\[0\]\.type: /);
  });

  it('rejects --workers without --ac', async () => {
    const r = await run('n1', join(SHARED, 'case30.m'), '--workers', '2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/apply to --ac only/);
  });
});

describeNeeding(NEEDS.matpower, 'network JSON input', () => {
  it('solves a FinEst network file like the MATPOWER case it came from', async () => {
    const { matpowerToNetwork, parseMatpower } = await import('@finest/grid');
    const fs = await import('node:fs');
    const net = matpowerToNetwork(parseMatpower(fs.readFileSync(CASE9, 'utf8'), 'case9.m'));
    const dir = tempDir();
    const file = join(dir, 'case9.json');
    writeFileSync(file, JSON.stringify(net));
    const fromJson = JSON.parse((await run('pf', file, '--json')).out);
    const fromM = JSON.parse((await run('pf', CASE9, '--json')).out);
    expect(fromJson.Vm).toEqual(fromM.Vm);
    expect(fromJson.Pg).toEqual(fromM.Pg);
  });

  it('names every bad field of an invalid network file', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        name: 'x',
        baseMVA: -1,
        buses: [{ id: '1' }],
        branches: [],
        generators: [],
        hvdcLinks: [],
        areas: [],
        countries: [],
        datasets: [],
      }),
    );
    const r = await run('pf', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json: invalid network: baseMVA: .*; buses\[0\]\.type: /);
    writeFileSync(file, '{ not json');
    expect((await run('pf', file)).err).toMatch(/bad\.json: not valid JSON/);
  });
});

describe('finest snapshot', () => {
  it('writes the FI–EE network at an hour, which finest pf then solves', async () => {
    const out = join(tempDir(), 'peak.json');
    const r = await run('snapshot', '--hour', '510', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2015-01-22T06:00:00\.000Z \(hour 510\): demand FI 13584 MW/);
    const pf = JSON.parse((await run('pf', out, '--json')).out) as { converged: boolean };
    expect(pf.converged).toBe(true);
  });

  it('rejects a missing or bad hour', async () => {
    expect((await run('snapshot')).err).toMatch(/exactly one of --hour/);
    expect((await run('snapshot', '--time', 'soon')).err).toMatch(/"soon" is not a date-time/);
  });
});

describe('finest errors', () => {
  it('exits 2 with a one-line message for a missing file', async () => {
    const { code, err } = await run('pf', 'no/such/case.m');
    expect(code).toBe(2);
    expect(err).toBe('finest pf: cannot read no/such/case.m: no such file\n');
  });

  it('exits 2 naming file and line for a malformed case', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.m');
    writeFileSync(
      file,
      'mpc.baseMVA = 100;\nmpc.bus = [\n 1 3 0 0 0 0 1 1 0 345 1 1.1 0.9;\n 2 1 x 0 0 0 1 1 0 345 1 1.1 0.9;\n];\n',
    );
    const { code, err } = await run('dcpf', file);
    expect(code).toBe(2);
    expect(err).toBe('finest dcpf: broken.m:4: mpc.bus row 2: "x" is not a number\n');
  });

  it('exits 2 on unknown options and commands', async () => {
    expect((await run('pf', CASE9, '--bogus')).code).toBe(2);
    expect((await run('pf', CASE9, '--repeat', '0')).err).toMatch(
      /--repeat expects a positive integer/,
    );
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describeNeeding(NEEDS.matpower, 'the finest bin', () => {
  it('runs from the repository root through npx-style resolution', () => {
    const bin = join(ROOT, 'node_modules', '.bin', 'finest');
    const out = execFileSync(bin, ['dcpf', CASE9, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out).converged).toBe(true);
    const bad = spawnSync(bin, ['pf', join(ROOT, 'missing.m')], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
