// Entry points of the CGMES importer: paths (loose profiles, a folder, a zip) or byte buffers
// (an upload) → the twin's network, with what the import approximated. Every failure is a
// CgmesError naming the file, the element and what is wrong.
import { basename } from 'node:path';
import { assembleModel } from './assemble.ts';
import type { ImportOptions } from './builder.ts';
import { DEFAULT_READ_LIMITS } from './rdf-reader.ts';
import {
  DEFAULT_SOURCE_LIMITS,
  expandSources,
  readSourcePaths,
  type CgmesSource,
  type SourceLimits,
} from './sources.ts';
import { cgmesToNetwork, type CgmesImport } from './to-network.ts';

export interface LoadCgmesOptions extends ImportOptions {
  limits?: SourceLimits;
  /** network name (default: the first path's or source's name without extension) */
  name?: string;
}

export function loadCgmes(paths: string[], options: LoadCgmesOptions = {}): CgmesImport {
  const sources = readSourcePaths(paths, options.limits ?? DEFAULT_SOURCE_LIMITS);
  const name = options.name ?? basename(paths[0] ?? 'cgmes').replace(/\.(zip|xml)$/i, '');
  return cgmesToNetwork(assembleModel(sources, DEFAULT_READ_LIMITS), name, options);
}

export function parseCgmes(sources: CgmesSource[], options: LoadCgmesOptions = {}): CgmesImport {
  const expanded = expandSources(sources, options.limits ?? DEFAULT_SOURCE_LIMITS);
  const name = options.name ?? (sources[0]?.name ?? 'cgmes').replace(/\.(zip|xml)$/i, '');
  return cgmesToNetwork(assembleModel(expanded, DEFAULT_READ_LIMITS), name, options);
}
