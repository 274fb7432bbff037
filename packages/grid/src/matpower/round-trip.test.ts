// parse → network → MATPOWER → text → parse gives the same network, for every shared case.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { networkToMatpower } from './from-network.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';
import { writeMatpower } from './write.ts';

const SHARED = fileURLToPath(new URL('../../../../../shared/matpower/', import.meta.url));
let files: string[] = [];
try {
  files = readdirSync(SHARED).filter((f) => f.endsWith('.m'));
} catch {
  files = [];
}

describe.skipIf(files.length === 0)('MATPOWER round trip', () => {
  it.each(files)('%s', (file) => {
    const first = matpowerToNetwork(parseMatpower(readFileSync(SHARED + file, 'utf8'), file));
    const text = writeMatpower(networkToMatpower(first));
    const second = matpowerToNetwork(parseMatpower(text, file));
    // The dataset entry names the file and case, which the writer keeps; compare the model.
    expect({ ...second, datasets: [] }).toEqual({ ...first, datasets: [] });
    expect(second.name).toBe(first.name);
  });
});
