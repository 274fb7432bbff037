// Byte-wise equality of two signatures: the engine's caches (islands, power-flow index) are
// keyed on the switching state as bytes, compared without building strings every step.
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
