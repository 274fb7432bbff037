// Where a CGMES model comes from: loose profile files, a folder of them, or a zip (also a zip of
// zips, as ENTSO-E ships profiles one per archive). Each source becomes a named byte buffer; the
// name is what errors cite ("model.zip/MicroGrid_EQ.xml"). Sizes are checked against limits
// before anything is inflated, so a zip bomb is refused by its directory, not by running out of
// memory; fflate inflates into a buffer of the declared size, so an entry that lies about its
// size cannot grow past it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { CgmesError } from '../errors.ts';

export interface CgmesSource {
  name: string;
  bytes: Uint8Array;
}

export interface SourceLimits {
  /** bytes of one profile (after inflating) */
  maxFileBytes: number;
  /** bytes of all profiles together (after inflating) */
  maxTotalBytes: number;
  /** profiles (and nested archives) in one model */
  maxFiles: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = {
  maxFileBytes: 2 ** 30,
  maxTotalBytes: 4 * 2 ** 30,
  maxFiles: 1000,
};

const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  bytes[2] === 0x03 &&
  bytes[3] === 0x04;

/** True for names this reader takes from a folder or an archive. */
const isProfileName = (name: string): boolean => /\.(xml|rdf)$/i.test(name);

/**
 * Expands zips (one level of nesting) and keeps the XML files; other entries (a README, a
 * manifest) are ignored. Throws CgmesError 'too-large' past a limit, 'unreadable' for a broken
 * archive.
 */
export function expandSources(
  inputs: CgmesSource[],
  limits: SourceLimits = DEFAULT_SOURCE_LIMITS,
): CgmesSource[] {
  const out: CgmesSource[] = [];
  let total = 0;
  const add = (s: CgmesSource): void => {
    if (out.length >= limits.maxFiles)
      throw new CgmesError('too-large', { file: s.name }, `more than ${limits.maxFiles} profiles`);
    total += s.bytes.length;
    if (total > limits.maxTotalBytes)
      throw new CgmesError(
        'too-large',
        { file: s.name },
        `the model exceeds ${limits.maxTotalBytes} bytes`,
      );
    out.push(s);
  };
  const walk = (s: CgmesSource, depth: number): void => {
    if (!isZip(s.bytes)) {
      if (s.bytes.length > limits.maxFileBytes)
        throw new CgmesError(
          'too-large',
          { file: s.name },
          `larger than ${limits.maxFileBytes} bytes`,
        );
      add(s);
      return;
    }
    if (depth > 1)
      throw new CgmesError(
        'unsupported',
        { file: s.name },
        'a zip nested more than one level deep',
      );
    let entries: Record<string, Uint8Array>;
    let declared = 0;
    try {
      entries = unzipSync(s.bytes, {
        filter: (f) => {
          const wanted = isProfileName(f.name) || /\.zip$/i.test(f.name);
          if (!wanted) return false;
          if (f.originalSize > limits.maxFileBytes)
            throw new CgmesError(
              'too-large',
              { file: `${s.name}/${f.name}` },
              `inflates to ${f.originalSize} bytes, more than ${limits.maxFileBytes}`,
            );
          declared += f.originalSize;
          if (declared + total > limits.maxTotalBytes)
            throw new CgmesError(
              'too-large',
              { file: `${s.name}/${f.name}` },
              `the archive inflates past ${limits.maxTotalBytes} bytes`,
            );
          return true;
        },
      });
    } catch (err) {
      if (err instanceof CgmesError) throw err;
      throw new CgmesError(
        'unreadable',
        { file: s.name },
        `not a readable zip archive (${(err as Error).message})`,
      );
    }
    const names = Object.keys(entries).sort();
    for (const name of names) {
      if (name.endsWith('/')) continue;
      walk({ name: `${s.name}/${name}`, bytes: entries[name] as Uint8Array }, depth + 1);
    }
  };
  for (const s of inputs) walk(s, 0);
  return out;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
};

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new CgmesError('unreadable', { file: path }, `cannot read (${REASONS[code] ?? code})`);
  }
}

/** Reads paths (files, folders, zips) into sources; a folder gives its .xml and .zip files. */
export function readSourcePaths(
  paths: string[],
  limits: SourceLimits = DEFAULT_SOURCE_LIMITS,
): CgmesSource[] {
  const inputs: CgmesSource[] = [];
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      throw new CgmesError('unreadable', { file: path }, `cannot read (${REASONS[code] ?? code})`);
    }
    if (!isDir) {
      inputs.push({ name: basename(path), bytes: readBytes(path) });
      continue;
    }
    const names = readdirSync(path)
      .filter((n) => isProfileName(n) || /\.zip$/i.test(n))
      .sort();
    if (names.length === 0)
      throw new CgmesError(
        'missing-profile',
        { file: path },
        'the folder holds no .xml or .zip profile',
      );
    for (const n of names) {
      const full = join(path, n);
      if (statSync(full).size > limits.maxTotalBytes)
        throw new CgmesError(
          'too-large',
          { file: full },
          `larger than ${limits.maxTotalBytes} bytes`,
        );
      inputs.push({ name: n, bytes: readBytes(full) });
    }
  }
  return expandSources(inputs, limits);
}
