// Reads a MATPOWER case file from disk into a network. Every error names the path as given:
// a file that cannot be read is a GridError (FINEST_FILE_UNREADABLE, "no such file" for
// ENOENT), a malformed case a MatpowerParseError whose file is that path.
import { readFileSync } from 'node:fs';
import type { Network } from '../schema/network.ts';
import { GridError } from '../errors.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork, type MatpowerToNetworkOptions } from './to-network.ts';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

export function loadMatpowerFile(path: string, options: MatpowerToNetworkOptions = {}): Network {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new GridError(
      'FINEST_FILE_UNREADABLE',
      `${path}: cannot read (${REASONS[code] ?? code})`,
    );
  }
  return matpowerToNetwork(parseMatpower(text, path), options);
}
