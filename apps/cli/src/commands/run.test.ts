import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunSummarySchema } from '@finest/scenario';
import { main } from '../main.ts';

const SCENARIOS = fileURLToPath(new URL('../../../../data/scenarios/', import.meta.url));

async function finest(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('finest run and compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'finest-run-'));

  it('runs a library scenario: KPIs side by side and the event log', async () => {
    const r = await finest('run', `${SCENARIOS}estlink2-2024-12-25.json`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\s+FI\s+EE$/m);
    expect(r.out).toContain('12:26:04  Estlink 2 tripped, 658 MW FI→EE lost');
    expect(r.out).toMatch(/peak load shed \(MW\)\s+0\s+0/);
  });

  it('saves a run as JSON and writes frames as NDJSON with the layout first', async () => {
    const frames = join(dir, 'frames.ndjson');
    const r = await finest(
      'run',
      `${SCENARIOS}estlink2-2024-12-25.json`,
      '--json',
      '--frames',
      frames,
    );
    expect(r.code).toBe(0);
    const summary = RunSummarySchema.parse(JSON.parse(r.out));
    const lines = readFileSync(frames, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(summary.frameCount + 1);
    const head = JSON.parse(lines[0]!) as { layout: { hvdcIds: string[] } };
    expect(head.layout.hvdcIds).toContain('H14816');
    const last = JSON.parse(lines.at(-1)!) as { tick: number; hvdcMW: number[] };
    expect(last.tick).toBe(summary.frameCount - 1);
    expect(last.hvdcMW).toHaveLength(head.layout.hvdcIds.length);
  });

  it('compares a saved run with a scenario and marks the differences', async () => {
    const saved = join(dir, 'a.json');
    writeFileSync(
      saved,
      (await finest('run', `${SCENARIOS}estlink2-2024-12-25.json`, '--json')).out,
    );
    const r = await finest('compare', saved, `${SCENARIOS}ol3-trip-2023-11-19.json`);
    expect(r.code).toBe(0);
    // the OL3 trip pulls the Nordic frequency down; the Estlink 2 strike does not
    expect(r.out).toMatch(/frequencyNadirHz\s+50\s+49\.\d+\s+-0\.\d+\s+\*/);
  });

  it('rejects a bad scenario with the path of each bad field and exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        schemaVersion: 1,
        id: 'bad',
        title: 'bad',
        start: { hour: 1 },
        durationS: 60,
        events: [{ type: 'trip', at: 5, element: { kind: 'branch', id: 'nope' } }],
      }),
    );
    const r = await finest('run', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('events[0].element.id');
    const notJson = join(dir, 'x.json');
    writeFileSync(notJson, '{ nope');
    const r2 = await finest('run', notJson);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('not valid JSON');
    expect((await finest('run', join(dir, 'missing.json'))).err).toContain('ENOENT');
  });
});
