// @ts-check
// Imports from our packages' entry files ("barrels": index.ts re-exporting the modules of the
// package) are read by the CLI build as imports from the modules that define the names:
//
//   import { parseMatpower, runDcN1 } from '@finest/grid'
//     → import { parseMatpower } from "/…/packages/grid/src/matpower/parse.ts"; …
//
// Why: with code splitting, esbuild assigns every module a barrel re-exports to the chunk of
// every command that imports the barrel, used or not (a known limit of its splitting, evanw/
// esbuild#2869). `finest pf` then loaded the CGMES importer, the zod schemas, HiGHS and
// graphology — 230 ms of its cold start — because other commands use them. Only packages whose
// package.json says `"sideEffects": false` are read this way, since skipping a barrel also skips
// running it. A name that is not found (defined in the barrel itself, or a form this reader does
// not know) keeps its import from the barrel, which is correct, only less lean.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const IMPORT_FROM_PACKAGE =
  /\b(import|export)\s*\{([^{}]*)\}\s*from\s*(['"])(@finest\/[\w./-]+)\3[ \t]*;?/g;
const REEXPORT = /\bexport\s*(type\s+)?\{([^{}]*)\}\s*from\s*(['"])([^'"]+)\3/g;
const REEXPORT_ALL = /\bexport\s*\*\s*from\s*(['"])([^'"]+)\1/g;

/** `a`, `b as c`, `type T` → [{ name, alias, type }] */
function specifiers(/** @type {string} */ list) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const type = /^type\s/.test(s);
      const [name, alias] = s.replace(/^type\s+/, '').split(/\s+as\s+/);
      return {
        name: /** @type {string} */ (name),
        alias: alias ?? /** @type {string} */ (name),
        type,
      };
    });
}

const stripComments = (/** @type {string} */ text) =>
  text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"])\/\/.*$/gm, '$1');

/**
 * @param {string} root the repository
 * @returns {{ rewrite(text: string): string, barrelFiles: Set<string> }}
 */
export function barrelResolver(root) {
  /** package name → folder, for the packages that declare no side effects */
  const packages = new Map();
  for (const ws of ['packages', 'apps'])
    for (const dir of readdirSync(join(root, ws))) {
      let pkg;
      try {
        pkg = JSON.parse(readFileSync(join(root, ws, dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (pkg.sideEffects === false && typeof pkg.exports === 'object')
        packages.set(pkg.name, { dir: join(root, ws, dir), exports: pkg.exports });
    }
  /** files whose exports decided a rewrite: inputs of the build for its staleness check */
  const barrelFiles = new Set();
  /** @type {Map<string, string>} */
  const texts = new Map();
  const read = (/** @type {string} */ file) => {
    let text = texts.get(file);
    if (text === undefined) {
      text = stripComments(readFileSync(file, 'utf8'));
      texts.set(file, text);
    }
    barrelFiles.add(file);
    return text;
  };

  /** The entry file of '@finest/x' or '@finest/x/sub', or undefined. */
  const entryOf = (/** @type {string} */ specifier) => {
    const [, scope, name, ...rest] = /^(@finest)\/([\w-]+)(.*)$/.exec(specifier) ?? [];
    if (scope === undefined) return undefined;
    const pkg = packages.get(`@finest/${name}`);
    const target = pkg?.exports[`.${rest.join('')}`];
    return typeof target === 'string' ? resolve(pkg.dir, target) : undefined;
  };

  /**
   * The module that defines `name` as exported by `file`, following relative re-exports
   * (`export { a as b } from`, `export * from`); null when `file` does not export it by these.
   * @returns {{ file: string, name: string } | null}
   */
  const lookup = (/** @type {string} */ file, /** @type {string} */ name, depth = 0) => {
    if (depth > 20) return null;
    const text = read(file);
    const local = new RegExp(
      `\\bexport\\s+(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|const|let|var|class|abstract\\s+class|enum)\\s+${name}\\b`,
    );
    // a declaration, or a local list `export { a, b as name };` (no `from`)
    const list = new RegExp(`\\bexport\\s*\\{[^{}]*\\b${name}\\b[^{}]*\\}(?!\\s*from)`);
    if (local.test(text) || list.test(text)) return { file, name };
    for (const m of text.matchAll(REEXPORT)) {
      if (m[1] !== undefined || !m[4]?.startsWith('.')) continue;
      for (const s of specifiers(/** @type {string} */ (m[2]))) {
        if (s.type || s.alias !== name) continue;
        const target = resolve(dirname(file), m[4]);
        return lookup(target, s.name, depth + 1) ?? { file: target, name: s.name };
      }
    }
    for (const m of text.matchAll(REEXPORT_ALL)) {
      if (!m[2]?.startsWith('.')) continue;
      const found = lookup(resolve(dirname(file), m[2]), name, depth + 1);
      if (found) return found;
    }
    return null;
  };

  const rewrite = (/** @type {string} */ text) =>
    text.replace(IMPORT_FROM_PACKAGE, (statement, keyword, list, _q, specifier) => {
      const barrel = entryOf(specifier);
      if (barrel === undefined) return statement;
      /** @type {Map<string, string[]>} */
      const byFile = new Map();
      const kept = [];
      for (const s of specifiers(list)) {
        if (s.type) continue; // erased by the compiler anyway
        const found = lookup(barrel, s.name);
        const clause = (/** @type {string} */ n) => (n === s.alias ? n : `${n} as ${s.alias}`);
        if (found === null || found.file === barrel) kept.push(clause(s.name));
        else byFile.set(found.file, [...(byFile.get(found.file) ?? []), clause(found.name)]);
      }
      const parts = [...byFile].map(
        ([file, names]) => `${keyword} { ${names.join(', ')} } from ${JSON.stringify(file)};`,
      );
      if (kept.length > 0) parts.push(`${keyword} { ${kept.join(', ')} } from '${specifier}';`);
      // one line, then the statement's line breaks: later lines keep their numbers (source maps)
      return parts.join(' ') + '\n'.repeat(statement.split('\n').length - 1);
    });

  return { rewrite, barrelFiles };
}
