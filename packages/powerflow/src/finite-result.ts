// The last guard of every solver: a result is only reported as converged when every number in
// it is finite. The iterations already treat a NaN mismatch as divergence; this catches what
// they cannot see (a value at a bus outside every equation, a flow through an extreme
// admittance). One pass over the result, once per solve.

/** "Va at index 3 is NaN" for the first non-finite entry of the named arrays, or null. */
export function firstNonFinite(arrays: Readonly<Record<string, Float64Array>>): string | null {
  for (const [name, values] of Object.entries(arrays)) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i]!)) return `${name}[${i}] is ${values[i]}`;
    }
  }
  return null;
}
