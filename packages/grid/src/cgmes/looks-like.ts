// Which paths the CGMES reader takes, in a module of its own: a command deciding how to read a
// path (apps/cli load-case.ts) asks this without loading the importer and its libraries.
import { statSync } from 'node:fs';

/** True when the path is a folder or zip the CGMES reader takes (not a MATPOWER or JSON file). */
export function looksLikeCgmes(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return true;
  } catch {
    return false;
  }
  return /\.(zip|xml)$/i.test(path);
}
