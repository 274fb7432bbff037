// Reads a MATPOWER case file from disk into a network; file errors name the path.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Network } from '../schema/network.ts';
import { GridError } from '../errors.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';

export function loadMatpowerFile(path: string): Network {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new GridError(
      'FINEST_FILE_UNREADABLE',
      `${path}: cannot read (${code === 'ENOENT' ? 'no such file' : code})`,
    );
  }
  return matpowerToNetwork(parseMatpower(text, basename(path)));
}
