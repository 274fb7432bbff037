// @ts-check
// Builds the `finest` command into apps/cli/dist as plain JavaScript, so that a start loads
// compiled modules instead of transpiling the TypeScript sources through tsx (1.1 s before
// `--help` could answer). Run by the root `prepare` script at `npm install`/`npm ci`, by
// `npm run build -w @finest/cli`, and by bin/finest.mjs itself when a source is newer than
// the build (a checkout being edited).
//
// esbuild bundles src/main.ts with the workspace packages (@finest/*, followed through their
// package.json exports into their sources); every other package stays an import resolved from
// node_modules at run time. Commands are dynamic imports in main.ts, so code splitting gives
// each its own chunks and `--help` loads only main.mjs. Imports from the barrels of packages
// marked `"sideEffects": false` are read as imports of the defining modules (barrels.mjs), so a
// command's chunks hold what it uses, not all the barrel re-exports. All files land flat in
// dist/, because two kinds of `import.meta.url` must keep meaning what they meant in the sources:
//  - `new URL('./X.mjs', import.meta.url)` beside a worker-thread wrapper (ac-n1-worker.mjs,
//    thread.mjs, …) names a worker entry: each wrapper is built as dist/X.mjs, so the
//    reference, left as is, finds the compiled worker next to whichever chunk spawns it;
//  - any other `import.meta.url` (data/ found relative to a source file) becomes the URL of
//    that source file, written relative to dist/ so that a moved checkout still works.
// The wrappers load their job through tsx's register(); in the build that is a no-op, since
// the job is already compiled into the same bundle.
// dist/manifest.json lists every input (relative to the repository) for the staleness check.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { barrelResolver } from './barrels.mjs';

const CLI_DIR = fileURLToPath(new URL('./', import.meta.url));
const ROOT = join(CLI_DIR, '..', '..');
export const DIST = join(CLI_DIR, 'dist');
export const MANIFEST = join(DIST, 'manifest.json');
const WORKSPACES = ['packages', 'apps'];
const WORKER_REF = /new URL\(\s*(['"])\.\/([\w.-]+\.mjs)\1\s*,\s*import\.meta\.url\s*\)/g;

const posix = (/** @type {string} */ p) => p.split(sep).join('/');

/** Non-test sources of the workspaces (where worker wrappers are referenced). */
function* workspaceSources() {
  for (const ws of WORKSPACES)
    for (const name of readdirSync(join(ROOT, ws))) {
      const src = join(ROOT, ws, name, 'src');
      let entries;
      try {
        entries = readdirSync(src, { recursive: true, withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries)
        if (e.isFile() && /\.(ts|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
          yield join(e.parentPath, e.name);
    }
}

/** Worker wrappers referenced by `new URL('./X.mjs', import.meta.url)`: name → wrapper path. */
function workerEntries() {
  /** @type {Record<string, string>} */
  const entries = {};
  for (const file of workspaceSources()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(WORKER_REF)) {
      const name = /** @type {string} */ (m[2]).slice(0, -'.mjs'.length);
      const path = join(dirname(file), /** @type {string} */ (m[2]));
      if (entries[name] !== undefined && entries[name] !== path)
        throw new Error(`two worker wrappers named ${name}.mjs: ${entries[name]} and ${path}`);
      entries[name] = path;
    }
  }
  return entries;
}

/**
 * @param {ReturnType<typeof barrelResolver>} barrels
 * @returns {import('esbuild').Plugin}
 */
function workspacePlugin(barrels) {
  return {
    name: 'finest-workspace',
    setup(build) {
      // every bare import but our own packages is resolved by node at run time
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path === 'tsx/esm/api') return { path: 'tsx-register', namespace: 'finest' };
        if (args.path.startsWith('@finest/')) return undefined;
        return { path: args.path, external: true };
      });
      build.onLoad({ filter: /.*/, namespace: 'finest' }, () => ({
        contents: '// the bundle is compiled already\nexport function register() {}\n',
        loader: 'js',
      }));
      build.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const self = JSON.stringify(posix(relative(DIST, args.path)));
        const kept = '\u0000WORKER_URL\u0000';
        const workers = [...text.matchAll(WORKER_REF)].map((m) => m[0]);
        const contents = barrels
          .rewrite(text)
          .replace(WORKER_REF, kept)
          .replaceAll('import.meta.url', `new URL(${self}, import.meta.url).href`)
          .replaceAll(kept, () => /** @type {string} */ (workers.shift()));
        return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * Builds dist/. Files are written next to the old ones, each by an atomic rename, chunks (whose
 * names carry a content hash) first, the entries and manifest.json last, so a `finest` started
 * meanwhile sees the old build or the new one, and one still running finds the chunks it has
 * yet to import. `clean` (the prepare script, a manual build) also removes files the new build
 * does not have; a rebuild on a stale start does not, since a running command may need them.
 * @param {{ clean?: boolean }} [options]
 * @returns {Promise<{ ms: number, inputs: number, files: number }>}
 */
export async function buildCli({ clean = false } = {}) {
  const start = performance.now();
  // inputs are compared with the time the build began: one edited while it ran is stale
  const startedAt = Date.now();
  const { build } = await import('esbuild');
  const workers = workerEntries();
  const barrels = barrelResolver(ROOT);
  const result = await build({
    entryPoints: { main: join(CLI_DIR, 'src', 'main.ts'), ...workers },
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    outdir: DIST,
    write: false,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [workspacePlugin(barrels)],
  });
  // the barrels read to rewrite imports decide the build even when esbuild no longer reads them
  const inputs = [
    ...new Set([
      ...Object.keys(result.metafile.inputs)
        .filter((p) => !p.startsWith('finest:'))
        .map((p) => posix(p)),
      ...[...barrels.barrelFiles].map((f) => posix(relative(ROOT, f))),
    ]),
  ];
  // package.json files decide what @finest/* resolves to: a change there is a change too
  const manifests = WORKSPACES.flatMap((ws) =>
    readdirSync(join(ROOT, ws)).map((n) => posix(join(ws, n, 'package.json'))),
  );
  const outputs = result.outputFiles.map((f) => ({ name: relative(DIST, f.path), file: f }));
  const names = new Set(outputs.map((o) => o.name));
  for (const { name, file } of outputs) {
    if (!name.endsWith('.mjs')) continue;
    for (const m of file.text.matchAll(WORKER_REF))
      if (!names.has(/** @type {string} */ (m[2])))
        throw new Error(`dist/${name} spawns ./${m[2]}, which the build did not emit`);
  }
  const entryNames = new Set(['main.mjs', ...Object.keys(workers).map((w) => `${w}.mjs`)]);
  const last = (/** @type {string} */ n) => (entryNames.has(n.replace(/\.map$/, '')) ? 1 : 0);
  outputs.sort((a, b) => last(a.name) - last(b.name));
  mkdirSync(DIST, { recursive: true });
  const put = (/** @type {string} */ name, /** @type {string | Uint8Array} */ data) => {
    const tmp = join(DIST, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(DIST, name));
  };
  for (const { name, file } of outputs) put(name, file.contents);
  put(
    'manifest.json',
    `${JSON.stringify({ builtAt: startedAt, inputs: [...inputs, ...manifests, 'apps/cli/build.mjs', 'apps/cli/barrels.mjs'] }, null, 1)}\n`,
  );
  if (clean)
    for (const f of readdirSync(DIST))
      if (!names.has(f) && f !== 'manifest.json') rmSync(join(DIST, f), { force: true });
  return { ms: performance.now() - start, inputs: inputs.length, files: outputs.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await buildCli({ clean: true });
  process.stderr.write(
    `finest: built apps/cli/dist (${r.files} files from ${r.inputs} sources) in ${Math.round(r.ms)} ms\n`,
  );
}
