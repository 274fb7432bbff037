// bin/finest.mjs runs the compiled build in apps/cli/dist: it answers from it, refuses clearly
// when there is none, and rebuilds before running when a source is newer than the build.
// The last two run on a copy of the workspaces in a temporary folder (node_modules linked
// to the repository's), so the real build is never removed or rewritten under other tests.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runBin(root: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'apps', 'cli', 'bin', 'finest.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** packages/* and apps/* (sources, package.json, the CLI's bin and build) under a temp root. */
function copyWorkspaces(): string {
  const root = mkdtempSync(join(tmpdir(), 'finest-bin-'));
  dirs.push(root);
  const skip = /(^|\/)(node_modules|dist|e2e|\.finest-data)(\/|$)/;
  for (const ws of ['packages', 'apps'])
    cpSync(join(ROOT, ws), join(root, ws), {
      recursive: true,
      filter: (src) => !skip.test(src.slice(ROOT.length)),
    });
  // third-party packages from the repository; our own packages from the copy
  mkdirSync(join(root, 'node_modules', '@finest'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'node_modules')))
    if (name !== '@finest' && name !== '.bin')
      symlinkSync(join(ROOT, 'node_modules', name), join(root, 'node_modules', name));
  for (const [pkg, dir] of [
    ['grid', 'packages/grid'],
    ['powerflow', 'packages/powerflow'],
    ['protocol', 'packages/protocol'],
    ['scenario', 'packages/scenario'],
    ['sweep', 'packages/sweep'],
    ['server', 'apps/server'],
  ] as const)
    symlinkSync(join(root, dir), join(root, 'node_modules', '@finest', pkg));
  return root;
}

describe('bin/finest.mjs', { timeout: 120_000 }, () => {
  it('answers --help from the build', () => {
    const r = runBin(ROOT, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: finest <command>/);
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'apps', 'cli', 'dist', 'manifest.json'), 'utf8'),
    ) as { inputs: string[] };
    expect(manifest.inputs).toContain('apps/cli/src/main.ts');
    expect(manifest.inputs).toContain('packages/powerflow/src/ac/newton.ts');
  });

  it('ends quietly when the reader of its output goes away (| head)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'finest-epipe-'));
    dirs.push(dir);
    // a 3,000-bus chain: its report (~400 kB) outgrows the pipe, so the write fails once
    // head has exited
    const n = 3000;
    const rows = (f: (k: number) => string, count: number): string =>
      Array.from({ length: count }, (_, k) => `${f(k + 1)};`).join('\n');
    const caseFile = join(dir, 'chain.m');
    writeFileSync(
      caseFile,
      [
        'function mpc = chain',
        "mpc.version = '2';",
        'mpc.baseMVA = 100;',
        'mpc.bus = [',
        rows((k) => `${k} ${k === 1 ? 3 : 1} ${k === 1 ? 0 : 1} 0 0 0 1 1 0 110 1 1.1 0.9`, n),
        '];',
        'mpc.gen = [',
        `1 ${n} 0 9999 -9999 1 100 1 ${2 * n} 0;`,
        '];',
        'mpc.branch = [',
        rows((k) => `${k} ${k + 1} 0 0.0001 0 0 0 0 0 0 1 -360 360`, n - 1),
        '];',
      ].join('\n'),
    );
    const bin = join(ROOT, 'apps', 'cli', 'bin', 'finest.mjs');
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync(
      'sh',
      [
        '-c',
        `{ ${quote(process.execPath)} ${quote(bin)} dcpf ${quote(caseFile)} --json 2>${quote(join(dir, 'err'))}; echo $? >${quote(join(dir, 'code'))}; } | head -c 10`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stdout).toBe('{"converge');
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'code'), 'utf8').trim()).toBe('0');
  });

  it('without a build, exits 2 saying how to make one', () => {
    const root = mkdtempSync(join(tmpdir(), 'finest-nobuild-'));
    dirs.push(root);
    cpSync(join(ROOT, 'apps', 'cli', 'bin'), join(root, 'apps', 'cli', 'bin'), { recursive: true });
    const r = runBin(root, '--help');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'finest: the command is not built (no apps/cli/dist/manifest.json): run `npm install` in the repository, or `npm run build -w @finest/cli`',
    );
  });

  it('rebuilds when a source is newer than the build, then runs the new code', () => {
    const root = copyWorkspaces();
    const build = spawnSync(process.execPath, [join(root, 'apps', 'cli', 'build.mjs')], {
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    expect(readdirSync(join(root, 'apps', 'cli', 'dist'))).toEqual(
      expect.arrayContaining(['main.mjs', 'ac-n1-worker.mjs', 'thread.mjs', 'worker-thread.mjs']),
    );
    const fresh = runBin(root, '--help');
    expect(fresh.status).toBe(0);
    expect(fresh.stderr).toBe('');

    // a source the build read changes: the usage text gains a line
    const main = join(root, 'apps', 'cli', 'src', 'main.ts');
    const text = readFileSync(main, 'utf8');
    const edited = text.replace(
      'usage: finest <command> [options]',
      'usage: finest <command> [options] (edited)',
    );
    expect(edited).not.toBe(text);
    writeFileSync(main, edited);
    const stale = runBin(root, '--help');
    expect(stale.status).toBe(0);
    expect(stale.stderr).toMatch(
      /^finest: apps\/cli\/src\/main\.ts changed since the build; rebuilt in \d+ ms\n$/,
    );
    expect(stale.stdout).toMatch(/^usage: finest <command> \[options\] \(edited\)/);
  });
});
