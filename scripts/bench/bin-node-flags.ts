// The node flags the `finest` bin runs with: its shebang (`#!/usr/bin/env -S node FLAGS…`) is
// their one owner. A bench that measures what `npx finest` does runs its own process under
// them (the in-process sweep's worker threads share their process's V8 flags) and spawns the
// bin itself, so the kernel reads the same shebang.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function binNodeFlags(bin: string): string[] {
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0]!;
  const m = /^#!\S*env -S node((?: --[\w-]+(?:=\S+)?)*)\s*$/.exec(first);
  if (!m)
    throw new Error(`${bin}: expected a "#!/usr/bin/env -S node [flags]" line, not "${first}"`);
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}

/**
 * Runs this script again under the bin's node flags unless it already has them, and exits
 * with that run's status; returns when the flags are in place.
 */
export function underBinFlags(bin: string): void {
  const missing = binNodeFlags(bin).filter((f) => !process.execArgv.includes(f));
  if (missing.length === 0) return;
  const r = spawnSync(
    process.execPath,
    [...missing, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}
