// Reads a network for a command: a MATPOWER .m case, a FinEst network .json or a CGMES model,
// timed, with file errors turned into one-line CLI errors. Only the MATPOWER reader is imported
// up front: the CGMES importer (saxes, fflate, graphology) and the network schema (zod) are
// imported when a path needs them, so `finest pf case.m` does not load them (about 130 ms of a
// cold start on this machine).
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  looksLikeCgmes,
  matpowerToNetwork,
  parseMatpower,
  type CgmesImport,
  type Network,
} from '@finest/grid';
import { CliError } from './cli-error.ts';

export interface LoadedCase {
  network: Network;
  /** ms spent reading and parsing (for CGMES and JSON, after their reader's modules loaded) */
  parseMs: number;
  /** set for a CGMES model (a folder, a .zip or an .xml profile): what the import found */
  cgmes?: CgmesImport;
}

type CaseFormat = 'matpower' | 'json' | 'cgmes';

/** The reader a path asks for: CGMES (looksLikeCgmes), a network .json, else MATPOWER. */
function caseFormat(path: string): CaseFormat {
  if (looksLikeCgmes(path)) return 'cgmes';
  return extname(path).toLowerCase() === '.json' ? 'json' : 'matpower';
}

export async function loadCase(path: string | undefined): Promise<LoadedCase> {
  if (path === undefined)
    throw new CliError(
      'missing CASE argument (a MATPOWER .m file, a network .json, or a CGMES folder or zip)',
    );
  const format = caseFormat(path);
  if (format === 'cgmes') {
    const { loadCgmes } = await import('@finest/grid');
    const start = performance.now();
    // errors are CgmesErrors (FINEST_CGMES): one line naming the file, element and cause
    const cgmes = loadCgmes([path]);
    return { network: cgmes.network, parseMs: performance.now() - start, cgmes };
  }
  if (format === 'json') {
    const { parseNetworkJson } = await import('@finest/grid/schema');
    const start = performance.now();
    const network = parseNetworkJson(parseJson(readText(path), path), path);
    return { network, parseMs: performance.now() - start };
  }
  const start = performance.now();
  const network = matpowerToNetwork(parseMatpower(readText(path), basename(path)));
  return { network, parseMs: performance.now() - start };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
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
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}
