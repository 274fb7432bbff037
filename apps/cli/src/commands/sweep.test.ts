// finest sweep in-process: the aggregate, --csv, a rerun that resumes from the store, and bad
// sweeps refused with exit code 2 and the bad part named, before anything is stored.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SweepResultSchema } from '@finest/protocol';
import { main } from '../main.ts';

const ESTLINK2 = fileURLToPath(
  new URL('../../../../data/scenarios/estlink2-2024-12-25.json', import.meta.url),
);

async function finest(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('finest sweep (in-process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'finest-sweep-'));
  const db = join(dir, 'sweeps.db');

  it('sweeps hours and the operator variant, stores the runs and resumes', async () => {
    const csv = join(dir, 'runs.csv');
    const args = [
      'sweep',
      ESTLINK2,
      '--hours',
      '0-8759:2920',
      '--operator',
      'on,off',
      '--workers',
      '2',
      '--db',
      db,
    ];
    const first = await finest(...args, '--json', '--csv', csv);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const r = SweepResultSchema.parse(JSON.parse(first.out));
    expect(r.complete).toBe(true);
    expect(r.sweep.hours).toEqual([0, 2920, 5840]);
    expect(r.aggregates.map((g) => [g.variant, g.runs, g.done])).toEqual([
      ['operator=on', 3, 3],
      ['operator=off', 3, 3],
    ]);
    // the replay: Estlink 2 lost, no load shed (as recorded), a frequency dip in IPS/UPS
    expect(r.aggregates[0]!.energyNotServedMWh?.max).toBe(0);
    expect(r.aggregates[0]!.worstNadir?.area).toBe('ips-ups');
    expect(r.timing).toMatchObject({ mode: 'in-process', workers: 2, computed: 6, reused: 0 });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^scenario,variant,hour,time,seed,status,energy_not_served_mwh/);
    expect(lines[1]).toMatch(/^estlink2-2024-12-25,operator=on,0,2015-01-01T00:00:00.000Z,1,done,/);

    const again = await finest(...args, '--json');
    const r2 = SweepResultSchema.parse(JSON.parse(again.out));
    expect(r2.timing).toMatchObject({ computed: 0, reused: 6 });
    expect(JSON.stringify({ ...r2, timing: 0 })).toBe(JSON.stringify({ ...r, timing: 0 }));

    const human = await finest(...args);
    expect(human.out).toContain('estlink2-2024-12-25 · operator=off');
    expect(human.out).toMatch(/hours with shedding\s+0 of 3/);
  });

  it('refuses bad sweeps with exit code 2, naming what is wrong, and stores nothing', async () => {
    const fresh = join(dir, 'never.db');
    const cases: [string[], RegExp][] = [
      [
        ['nope-scenario', '--hours', '0'],
        /nope-scenario: no such file, and not a library scenario id/,
      ],
      [
        [ESTLINK2, '--hours', '0-9000:24'],
        /--hours: hour 9000 in "0-9000:24" is outside the profile/,
      ],
      [[ESTLINK2], /--hours is required/],
      [
        [ESTLINK2, '--hours', '0', '--set', 'options.nope=1'],
        /options\.nope is not a field of a scenario/,
      ],
      [[ESTLINK2, '--hours', '0', '--set', 'start=5'], /start hour/],
      [
        [ESTLINK2, '--hours', '0', '--topology', 'future'],
        /--topology: "future" is not current or pre-2025/,
      ],
      [[ESTLINK2, '--hours', '0', '--operator', 'maybe'], /--operator: "maybe" is not on or off/],
      [[ESTLINK2, '--hours', '0', '--seeds', '1-x'], /--seeds: "1-x" is not a seed/],
      [[ESTLINK2, '--hours', 'noon'], /--hours: "noon" is not an hour, a range/],
      [[ESTLINK2, '--hours', '0', '--queue', 'http://x'], /not a Redis URL/],
      [[ESTLINK2, '--hours', '0', '--workers', 'two'], /--workers expects an integer/],
    ];
    for (const [argv, message] of cases) {
      const r = await finest('sweep', ...argv, '--db', fresh);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^finest sweep: /);
      expect(r.err).toMatch(message);
    }
    expect(existsSync(fresh)).toBe(false);
  });

  it('says how to get Redis when none answers, before storing anything', async () => {
    const fresh = join(dir, 'no-redis.db');
    // port 1 on loopback: nothing listens there
    const r = await finest(
      'sweep',
      ESTLINK2,
      '--hours',
      '0',
      '--queue',
      'redis://127.0.0.1:1',
      '--db',
      fresh,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect(r.err).toMatch(/apt-get install -y redis-server/);
    expect(existsSync(fresh)).toBe(false);
  });
});
