// `npm run load` end to end, small: ten viewers and three REST clients for a few seconds
// against a server it starts itself. Proves the script works from a clean checkout (the real
// figures come from the default 200 viewers × 60 s run, docs/reliability.md); it judges
// delivery and errors, not speed, and memory is not judged on so short a run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface LoadReport {
  viewers: { framesTotal: number; framesPerViewerMin: number; connects: number };
  rest: { requests: number; expected4xx: number };
  errors: Record<string, number>;
  after: { alive: boolean; healthOk: boolean };
  failures: string[];
}

describe('npm run load (smoke)', () => {
  it('holds viewers and REST clients, delivers frames, reports no errors and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'finest-load-'));
    const out = join(dir, 'load.json');
    const res = spawnSync(
      TSX,
      [
        'scripts/load/load.ts',
        '--viewers',
        '10',
        '--duration',
        '8',
        '--rest-clients',
        '3',
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as LoadReport;
    rmSync(dir, { recursive: true, force: true });
    expect(report.errors).toEqual({});
    expect(report.failures).toEqual([]);
    expect(report.viewers.connects).toBeGreaterThanOrEqual(10);
    expect(report.viewers.framesPerViewerMin).toBeGreaterThan(0);
    expect(report.rest.requests).toBeGreaterThan(report.rest.expected4xx);
    expect(report.after).toMatchObject({ alive: true, healthOk: true });
    expect(res.stdout).toMatch(/verdict: PASS/);
  }, 180_000);

  it('refuses a target that is not on loopback', () => {
    const res = spawnSync(TSX, ['scripts/load/load.ts', '--url', 'http://example.org:8080'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(
      /refusing to load example\.org: only 127\.0\.0\.1, ::1 or localhost/,
    );
  });
});
