// The web app's own sources (.ts and .tsx, tests left out), for the structure tests
// (boundary.test.ts, module-state.test.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function webSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? webSources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}
