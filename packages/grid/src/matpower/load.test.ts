// loadMatpowerFile: reads a case from disk; every error names the path it was given.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GridError, MatpowerParseError } from '../errors.ts';
import { describeOnCases, SHARED_MATPOWER } from '../test-support/shared-matpower.ts';
import { loadMatpowerFile } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'finest-grid-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadMatpowerFile', () => {
  describeOnCases('case9', () => {
    it('loads a case', () => {
      const net = loadMatpowerFile(`${SHARED_MATPOWER}case9.m`);
      expect(net.name).toBe('case9');
      expect(net.buses).toHaveLength(9);
      expect(net.datasets[0]!.source).toBe('case9.m');
    });
  });

  it('reports a missing file with its path and a stable code', () => {
    const path = join(dir, 'nope.m');
    expect(() => loadMatpowerFile(path)).toThrow(GridError);
    expect(() => loadMatpowerFile(path)).toThrow(`${path}: cannot read (no such file)`);
    try {
      loadMatpowerFile(path);
    } catch (err) {
      expect((err as GridError).code).toBe('FINEST_FILE_UNREADABLE');
    }
  });

  it('reports a directory', () => {
    expect(() => loadMatpowerFile(dir)).toThrow(`${dir}: cannot read (is a directory)`);
  });

  it('names the path and line of a parse error', () => {
    const path = join(dir, 'broken.m');
    writeFileSync(path, 'mpc.baseMVA = 100;\nmpc.bus = [\n  1 3 0 0 x\n];\n');
    expect(() => loadMatpowerFile(path)).toThrow(MatpowerParseError);
    expect(() => loadMatpowerFile(path)).toThrow(`${path}:3: mpc.bus row 1: "x" is not a number`);
  });
});
