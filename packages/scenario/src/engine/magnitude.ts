// |P + jQ|, bit for bit what Math.hypot(P, Q) returns, without its cost. Node's V8 runs
// Math.hypot as a C++ builtin that the optimising compiler does not inline: every call leaves
// JavaScript and boxes its result on the heap, and the engine calls it twice per branch per
// step (a sweep run: ~180,000 calls, 1.6 MB of garbage). This is the same arithmetic in plain
// JavaScript — each magnitude scaled by the larger, the squares summed (V8 sums them with
// Kahan's compensation, which for two terms changes nothing: the first carries no error), the
// square root scaled back — so results, and every run's outcome, stay identical
// (magnitude.test.ts checks).

/** √(a² + b²) as ECMAScript's Math.hypot(a, b) computes it in V8. */
export function magnitude(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  const max = x > y ? x : y;
  if (max === 0) return 0;
  const nx = x / max;
  const ny = y / max;
  return Math.sqrt(nx * nx + ny * ny) * max;
}
