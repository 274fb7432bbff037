// The skip summary and describeNeeding() on a real vitest run of a throwaway project: a
// missing need skips its tests and the run ends with one line saying how many, what is
// missing and how to install it; a required one fails, saying the same; a body that reads a
// missing file while its tests are listed does not fail the run; tests skipped without a need
// get a line of their own; a run that skips nothing prints no such line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './needs.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const need = (present: boolean, required: boolean): string =>
  JSON.stringify({
    id: 'widget',
    tests: 'widget tests',
    present,
    required,
    missing: 'the widget not found at /nowhere/widget',
    install: 'apt-get install -y widget',
    flag: 'FINEST_REQUIRE_WIDGET',
  });

function runVitest(testFile: string): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'finest-skips-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['*.test.ts'], reporters: ['default', ${JSON.stringify(join(REPO, 'testing', 'skip-summary.ts'))}] } };\n`,
  );
  writeFileSync(join(dir, 'x.test.ts'), testFile);
  const r = spawnSync(
    join(REPO, 'node_modules', '.bin', 'vitest'),
    ['run', '--root', dir, '--config', join(dir, 'vitest.config.mjs')],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const header = `import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeNeeding } from ${JSON.stringify(join(REPO, 'testing', 'describe-needing.ts'))};
`;

describe('describeNeeding and the skip summary', { timeout: 120_000 }, () => {
  it('skips a missing need with one line naming it, and other skips on a line of their own', () => {
    const r = runVitest(`${header}
describeNeeding(${need(false, false)}, 'on the widget', () => {
  const text = readFileSync('/nowhere/widget/data.txt', 'utf8'); // throws while listing
  it('a', () => expect(text).toBe(''));
});
describeNeeding(${need(false, false)}, 'more on the widget', () => {
  it('b', () => expect(1).toBe(2));
  it('c', () => expect(1).toBe(2));
  describe('nested', () => it('d', () => expect(1).toBe(2)));
});
describeNeeding(${need(false, false)}, 'cases listed from the folder', () => {
  it.each([] as string[])('reads %s', () => {});
});
it('runs', () => expect(1).toBe(1));
it.skip('not yet', () => {});
`);
    expect(r.status, r.out).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.startsWith('skipped:'));
    expect(lines).toEqual([
      'skipped: 5 widget tests — the widget not found at /nowhere/widget; apt-get install -y widget',
      'skipped: 1 other tests, without a stated need — x.test.ts (1)',
    ]);
  });

  it('fails a required need, saying what is missing and how to install it', () => {
    const r = runVitest(`${header}
describeNeeding(${need(false, true)}, 'on the widget', () => {
  const text = readFileSync('/nowhere/widget/data.txt', 'utf8');
  it('a', () => expect(text).toBe(''));
});
`);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'Error: the widget not found at /nowhere/widget; apt-get install -y widget (FINEST_REQUIRE_WIDGET=1 requires it)',
    );
    expect(r.out).not.toMatch(/^skipped:/m);
  });

  it('runs a present need and prints no skip line', () => {
    const r = runVitest(`${header}
describeNeeding(${need(true, true)}, 'on the widget', () => {
  it('a', () => expect(1).toBe(1));
});
`);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/1 passed/);
    expect(r.out).not.toMatch(/^skipped:/m);
  });
});
