// Validates a network read from JSON against NetworkSchema; every bad field is reported with
// its path (e.g. "buses[3].Vm: expected number").
import { NetworkValidationError } from '../errors.ts';
import { NetworkSchema, type Network } from './network.ts';

export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? String(p) : `.${String(p)}`))
      .join('') || '(root)'
  );
}

export function parseNetworkJson(json: unknown, source: string): Network {
  const parsed = NetworkSchema.safeParse(json);
  if (!parsed.success) {
    throw new NetworkValidationError(
      source,
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  }
  return parsed.data;
}
