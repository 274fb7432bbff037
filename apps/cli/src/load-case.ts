// Reads a network for a command: a MATPOWER .m case or a FinEst network .json, timed, with
// file errors turned into one-line CLI errors.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  loadCgmes,
  looksLikeCgmes,
  matpowerToNetwork,
  parseMatpower,
  parseNetworkJson,
  type CgmesImport,
  type Network,
} from '@finest/grid';
import { CliError } from './cli-error.ts';

export interface LoadedCase {
  network: Network;
  /** ms spent reading and parsing */
  parseMs: number;
  /** set for a CGMES model (a folder, a .zip or an .xml profile): what the import found */
  cgmes?: CgmesImport;
}

export function loadCase(path: string | undefined): LoadedCase {
  if (path === undefined)
    throw new CliError(
      'missing CASE argument (a MATPOWER .m file, a network .json, or a CGMES folder or zip)',
    );
  const start = performance.now();
  if (looksLikeCgmes(path)) {
    // errors are CgmesErrors (FINEST_CGMES): one line naming the file, element and cause
    const cgmes = loadCgmes([path]);
    return { network: cgmes.network, parseMs: performance.now() - start, cgmes };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (code ?? 'unreadable');
    throw new CliError(`cannot read ${path}: ${why}`);
  }
  const network =
    extname(path).toLowerCase() === '.json'
      ? parseNetworkJson(parseJson(text, path), path)
      : matpowerToNetwork(parseMatpower(text, basename(path)));
  return { network, parseMs: performance.now() - start };
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}
