import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { binNodeFlags } from './bin-node-flags.ts';

const FINEST = fileURLToPath(new URL('../../apps/cli/bin/finest.mjs', import.meta.url));

describe("the finest bin's node flags", () => {
  it('are read from its shebang, and node accepts them', () => {
    const flags = binNodeFlags(FINEST);
    expect(flags).toContain('--single-threaded-gc');
    expect(flags).toContain('--max-semi-space-size=2');
    const r = spawnSync(process.execPath, [...flags, '-e', ''], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('says what it expected of a first line that is not a node shebang', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'finest-bin-')), 'x.mjs');
    writeFileSync(file, '#!/bin/sh\n');
    expect(() => binNodeFlags(file)).toThrow(
      /expected a "#!\/usr\/bin\/env -S node \[flags\]" line/,
    );
  });
});
