#!/usr/bin/env -S node --max-semi-space-size=2 --single-threaded-gc
// Entry point of the `finest` command: runs the compiled build in ../dist (apps/cli/build.mjs,
// made by `npm install` through the root prepare script), so a start transpiles nothing.
// A source newer than the build (a checkout being edited) is rebuilt first, in about a
// second, so the command never runs stale code; a missing build is an error that says how to
// make one. A 2 MB young generation keeps the peak memory of large N-1 runs lower (10k buses:
// 161 → 132 MB) at no measurable cost in time. Garbage is collected on the thread that made it
// (--single-threaded-gc): the commands are batch work (a sweep worker runs one engine per core),
// where V8's parallel and concurrent collection only takes cores from the other workers — per
// sweep run it cost ~7 ms of helper-thread CPU against ~36 ms of the run itself and did not
// shorten the run (docs/scale-out.md); pf and n1 on 10k buses time the same either way.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dist = new URL('../dist/', import.meta.url);

/** Why the build cannot be used as it is: 'missing', the first newer input, or null. */
function staleness() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', dist), 'utf8'));
  } catch {
    return 'missing';
  }
  for (const input of manifest.inputs) {
    let mtime;
    try {
      mtime = statSync(root + input).mtimeMs;
    } catch {
      return input; // deleted or moved: its importers changed too
    }
    if (mtime > manifest.builtAt) return input;
  }
  return null;
}

const why = staleness();
if (why === 'missing') {
  process.stderr.write(
    'finest: the command is not built (no apps/cli/dist/manifest.json): run `npm install` in the repository, or `npm run build -w @finest/cli`\n',
  );
  process.exit(2);
}
if (why !== null) {
  let buildCli;
  try {
    ({ buildCli } = await import('../build.mjs'));
    const r = await buildCli();
    process.stderr.write(
      `finest: ${why} changed since the build; rebuilt in ${Math.round(r.ms)} ms\n`,
    );
  } catch (err) {
    process.stderr.write(
      `finest: ${why} changed since the build and the rebuild failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); run \`npm run build -w @finest/cli\` to see why\n`,
    );
    process.exit(2);
  }
}
// A reader that stops early (`finest pf case.m --json | head`) closes the pipe: the command
// ends there quietly, as Unix tools do, instead of dying on an unhandled EPIPE with a stack.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
const { main } = await import('../dist/main.mjs');
process.exitCode = await main(process.argv.slice(2));
