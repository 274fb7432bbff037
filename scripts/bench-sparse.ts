// `npx tsx scripts/bench-sparse.ts`: median times of the sparse direct solver (AMD ordering,
// first factorisation, numeric refactorisation, one solve, a batch of 64 solves) on generated
// matrices: a 2-D grid Laplacian and power-flow-like Jacobians (2 unknowns per bus, see
// packages/powerflow/src/test-support/sparse-matrices.ts). A benchmark, not a test.
import {
  gridLaplacian,
  seededRandom,
  syntheticJacobian,
} from '../packages/powerflow/src/test-support/sparse-matrices.ts';
import { approximateMinimumDegree } from '../packages/powerflow/src/sparse/amd.ts';
import { cscMultiply, cscNnz, type CscMatrix } from '../packages/powerflow/src/sparse/csc.ts';
import { luFactor } from '../packages/powerflow/src/sparse/lu-factor.ts';
import { luRefactor } from '../packages/powerflow/src/sparse/lu-refactor.ts';
import { luSolve, luSolveMany } from '../packages/powerflow/src/sparse/lu-solve.ts';

const REPEAT = Number(process.env.FINEST_BENCH_REPEAT ?? 15);
const BATCH = 64;

function median(fn: () => unknown, repeat = REPEAT): number {
  for (let k = 0; k < 3; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

function bench(name: string, a: CscMatrix): string[] {
  const n = a.nCols;
  let perm = approximateMinimumDegree(a);
  const amd = median(() => (perm = approximateMinimumDegree(a)));
  let f = luFactor(a, perm);
  const factor = median(() => (f = luFactor(a, perm)));
  const pivotSearch = median(() => luFactor(a, perm, { symmetricFastPath: false }), 5);
  const refactor = median(() => luRefactor(f, a));
  const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
  const x = new Float64Array(n);
  const solve = median(() => luSolve(f, b, x));
  const ax = cscMultiply(a, x, new Float64Array(n));
  let res = 0;
  for (let i = 0; i < n; i++) res = Math.max(res, Math.abs(ax[i]! - b[i]!));
  const B = new Float64Array(n * BATCH).map((_, i) => Math.cos(i));
  const X = new Float64Array(n * BATCH);
  const many = median(() => luSolveMany(f, B, BATCH, X), 5);
  return [
    name,
    String(n),
    String(cscNnz(a)),
    String(cscNnz(f.L) + cscNnz(f.U)),
    amd.toFixed(2),
    factor.toFixed(2),
    pivotSearch.toFixed(2),
    refactor.toFixed(2),
    solve.toFixed(3),
    (many / BATCH).toFixed(3),
    res.toExponential(1),
  ];
}

const rows = [
  bench('grid Laplacian 141×142', gridLaplacian(141, 142)),
  bench('Jacobian-like, 2,000 buses', syntheticJacobian(50, 40, seededRandom(1))),
  bench('Jacobian-like, 10,000 buses', syntheticJacobian(100, 100, seededRandom(2))),
];
const header = [
  'matrix',
  'n',
  'nnz(A)',
  'nnz(L+U)',
  'AMD ms',
  'factor ms',
  '(search) ms',
  'refactor ms',
  'solve ms',
  `solve/rhs ×${BATCH}`,
  '‖Ax-b‖∞',
];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
const line = (cells: string[]): string =>
  cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log('\n(search): luFactor forced through the pivot search (symmetricFastPath: false)');
