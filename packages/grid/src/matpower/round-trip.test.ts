// parse → network → MATPOWER → text → parse gives the same network, for every shared case.
import { expect, it } from 'vitest';
import { networkToMatpower } from './from-network.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';
import { writeMatpower } from './write.ts';
import {
  describeOnCases,
  readSharedCase,
  sharedCaseFiles,
} from '../test-support/shared-matpower.ts';
import { rowsOf } from '../test-support/matpower-rows.ts';

const files = sharedCaseFiles;

describeOnCases('MATPOWER round trip', () => {
  it.each(files)('%s', (file) => {
    const first = matpowerToNetwork(parseMatpower(readSharedCase(file), file));
    const text = writeMatpower(networkToMatpower(first));
    const second = matpowerToNetwork(parseMatpower(text, file));
    // The dataset entry names the file and case, which the writer keeps; compare the model.
    expect({ ...second, datasets: [] }).toEqual({ ...first, datasets: [] });
    expect(second.name).toBe(first.name);
  });

  it.each(files)('%s: case → text → case keeps every number', (file) => {
    const mpc = parseMatpower(readSharedCase(file), file);
    const again = parseMatpower(writeMatpower(mpc), file);
    for (const f of ['bus', 'gen', 'branch', 'gencost'] as const)
      expect(rowsOf(again[f])).toEqual(rowsOf(mpc[f]));
    expect(again.busName).toEqual(mpc.busName);
  });
});
