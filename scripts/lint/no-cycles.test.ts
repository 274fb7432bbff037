// The import-cycle check that `npm run lint` runs (.dependency-cruiser.mjs) must catch the
// cycles this tree could grow: two modules importing each other's values, a cycle of type-only
// imports (as check-finite.ts ↔ pf-case.ts was), and one across workspace packages imported by
// name through a node_modules symlink. Each is planted in a throwaway tree and cruised with
// the repository's own config and dependency-cruiser's own command line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.mjs');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

const trees: string[] = [];
afterAll(() => trees.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes files (path → text) under a fresh directory with the repository's tsconfig. */
function plant(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'finest-cycles-'));
  trees.push(dir);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function cruise(dir: string): { status: number | null; out: string } {
  const r = spawnSync(DEPCRUISE, ['--config', CONFIG, 'src'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

// each cruise starts node and TypeScript's parser: seconds on a loaded machine
describe('the import-cycle check', { timeout: 60_000 }, () => {
  it('passes a tree without cycles', () => {
    const dir = plant({
      'src/a.ts': "import { b } from './b.ts';\nexport const a = b + 1;\n",
      'src/b.ts': 'export const b = 1;\n',
    });
    const r = cruise(dir);
    expect(r.out).toMatch(/no dependency violations/);
    expect(r.status).toBe(0);
  });

  // one tree with the three kinds side by side: one cruise (a few seconds) reports them all
  it('fails on value, type-only and cross-package cycles, naming each', () => {
    const dir = plant({
      'src/value/a.ts': "import { b } from './b.ts';\nexport const a = (): number => b();\n",
      'src/value/b.ts': "import { a } from './a.ts';\nexport const b = (): number => a();\n",
      'src/types/check.ts':
        "import type { Case } from './case.ts';\nexport const check = (c: Case): number => c.n;\n",
      'src/types/case.ts':
        "import { check } from './check.ts';\nexport interface Case { n: number }\nexport const build = (): number => check({ n: 1 });\n",
      'pkg/package.json': JSON.stringify({
        name: '@fx/pkg',
        type: 'module',
        exports: { '.': './index.ts' },
      }),
      'pkg/index.ts':
        "import { app } from '../src/app.ts';\nexport const lib = (): number => app();\n",
      'src/app.ts': "import { lib } from '@fx/pkg';\nexport const app = (): number => lib();\n",
    });
    mkdirSync(join(dir, 'node_modules', '@fx'), { recursive: true });
    symlinkSync(join(dir, 'pkg'), join(dir, 'node_modules', '@fx', 'pkg'));
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/3 dependency violations/);
    expect(r.out).toMatch(/no-circular: src\/value\/[ab]\.ts/);
    expect(r.out).toMatch(/no-circular: src\/types\/(check|case)\.ts/);
    expect(r.out).toMatch(/no-circular: (src\/app|pkg\/index)\.ts/);
  });
});
