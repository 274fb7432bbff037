// Setting a value at a dotted path of a scenario, and finding out whether the scenario schema
// kept it. The schema drops keys it does not know (zod's default), so a value that is not
// there after parsing was set at an unknown key: the first part of the path that vanished is
// the one to name in the error.
import type { JsonValue } from './axes.ts';

type Json = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Json => v !== null && typeof v === 'object';

/** A deep copy of `root` with `value` at `path` (missing objects on the way are created). */
export function setAtPath(root: unknown, path: string, value: JsonValue): unknown {
  const parts = path.split('.');
  const copy = structuredClone(root) as Json;
  let node: Json = copy;
  parts.forEach((part, k) => {
    const last = k === parts.length - 1;
    if (Array.isArray(node)) {
      const i = Number(part);
      if (!/^\d+$/.test(part) || i >= node.length)
        throw new RangeError(
          `${parts.slice(0, k).join('.')} has ${node.length} items; "${part}" is not one of them`,
        );
      if (last) node[i] = structuredClone(value);
      else {
        if (!isContainer(node[i])) node[i] = {};
        node = node[i] as Json;
      }
      return;
    }
    if (last) node[part] = structuredClone(value);
    else {
      if (!isContainer(node[part])) node[part] = {};
      node = node[part] as Json;
    }
  });
  return copy;
}

/**
 * The first part of `path` (as a dotted prefix) under which `given` is not found in `parsed`,
 * or null when everything given was kept. Objects are compared key by key, so defaults the
 * schema filled in beside the given keys do not count as a difference.
 */
export function droppedPart(parsed: unknown, path: string, given: JsonValue): string | null {
  const parts = path.split('.');
  let node: unknown = parsed;
  for (let k = 0; k < parts.length; k++) {
    if (!isContainer(node) || !(parts[k]! in node)) return parts.slice(0, k + 1).join('.');
    node = (node as Record<string, unknown>)[parts[k]!];
  }
  return droppedWithin(node, given, path);
}

function droppedWithin(kept: unknown, given: JsonValue, at: string): string | null {
  if (given === null || typeof given !== 'object') return kept === given ? null : at;
  if (Array.isArray(given)) {
    if (!Array.isArray(kept) || kept.length !== given.length) return at;
    for (let i = 0; i < given.length; i++) {
      const d = droppedWithin(kept[i], given[i]!, `${at}.${i}`);
      if (d) return d;
    }
    return null;
  }
  if (!isContainer(kept) || Array.isArray(kept)) return at;
  for (const [k, v] of Object.entries(given)) {
    if (!(k in kept)) return `${at}.${k}`;
    const d = droppedWithin((kept as Record<string, unknown>)[k], v, `${at}.${k}`);
    if (d) return d;
  }
  return null;
}
