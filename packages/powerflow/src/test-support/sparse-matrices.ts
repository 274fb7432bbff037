// Test and bench support: a seeded PRNG and generators of sparse test matrices (2-D grid
// Laplacian, random unsymmetric, power-flow-like Jacobian) for the sparse LU and AMD.
import { cscFromTriplets, type CscMatrix } from '../sparse/csc.ts';

/** Uniform [0, 1) from a 32-bit seed (splitmix32 step, then a 32-bit integer hash). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

class Triplets {
  rows: number[] = [];
  cols: number[] = [];
  vals: number[] = [];
  add(i: number, j: number, v: number): void {
    this.rows.push(i);
    this.cols.push(j);
    this.vals.push(v);
  }
  build(n: number): CscMatrix {
    return cscFromTriplets(n, n, this.rows, this.cols, this.vals);
  }
}

/** 5-point Laplacian of an nx × ny grid, natural (row-by-row) numbering. */
export function gridLaplacian(nx: number, ny: number): CscMatrix {
  const t = new Triplets();
  const id = (x: number, y: number): number => y * nx + x;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const i = id(x, y);
      t.add(i, i, 4);
      if (x > 0) t.add(i, id(x - 1, y), -1);
      if (x < nx - 1) t.add(i, id(x + 1, y), -1);
      if (y > 0) t.add(i, id(x, y - 1), -1);
      if (y < ny - 1) t.add(i, id(x, y + 1), -1);
    }
  }
  return t.build(nx * ny);
}

/**
 * A random n × n matrix with about perColumn off-diagonal entries per column (unsymmetric
 * pattern and values) and a diagonal of size `diagonal` (0: no stored diagonal at all).
 */
export function randomSparse(
  n: number,
  perColumn: number,
  rand: () => number,
  diagonal = 1,
): CscMatrix {
  const t = new Triplets();
  for (let j = 0; j < n; j++) {
    if (diagonal !== 0) t.add(j, j, diagonal * (1 + rand()) * (rand() < 0.5 ? -1 : 1));
    for (let c = 0; c < perColumn; c++) {
      const i = Math.floor(rand() * n);
      if (i !== j) t.add(i, j, rand() * 2 - 1);
    }
  }
  return t.build(n);
}

/** Same pattern as a, values from fn(old value, position). */
export function withValues(a: CscMatrix, fn: (v: number, p: number) => number): CscMatrix {
  const values = a.values.map((v, p) => fn(v, p));
  return { ...a, values };
}

/**
 * A matrix shaped like a Newton power-flow Jacobian: a bus network on an nx × ny grid with
 * about half of the grid edges removed (a random spanning tree plus extra links) and a few
 * regional lines; each bus has two unknowns (θ, |V|), so every bus pair couples as a 2 × 2 block
 * with unsymmetric values. Structurally symmetric, about 7 entries per row.
 */
export function syntheticJacobian(nx: number, ny: number, rand: () => number): CscMatrix {
  const nBus = nx * ny;
  const t = new Triplets();
  const diag = new Float64Array(2 * nBus);
  const link = (a: number, b: number): void => {
    const bij = 5 + 20 * rand();
    const gij = bij * (0.05 + 0.2 * rand());
    // P-θ, P-V, Q-θ, Q-V blocks of a lossy line, slightly unsymmetric as in a real Jacobian.
    const blk = [-bij, gij, -gij * (1 + 0.1 * rand()), -bij * (1 + 0.1 * rand())];
    for (const [i, j] of [
      [a, b],
      [b, a],
    ] as const) {
      t.add(2 * i, 2 * j, blk[0]!);
      t.add(2 * i, 2 * j + 1, blk[1]!);
      t.add(2 * i + 1, 2 * j, blk[2]!);
      t.add(2 * i + 1, 2 * j + 1, blk[3]!);
      diag[2 * i]! += bij;
      diag[2 * i + 1]! += bij;
    }
  };
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const i = y * nx + x;
      // Every bus but the first links left or up (a spanning tree), then up again at random.
      const left = x > 0 && (y === 0 || rand() < 0.75);
      if (left) link(i, i - 1);
      else if (y > 0) link(i, i - nx);
      if (left && y > 0 && rand() < 0.35) link(i, i - nx);
    }
  }
  // Longer lines, but regional: up to 6 grid steps each way.
  for (let k = 0; k < nBus / 20; k++) {
    const a = Math.floor(rand() * nBus);
    const bx = Math.min(nx - 1, Math.max(0, (a % nx) + Math.floor(rand() * 13) - 6));
    const by = Math.min(ny - 1, Math.max(0, Math.floor(a / nx) + Math.floor(rand() * 13) - 6));
    const b = by * nx + bx;
    if (a !== b) link(a, b);
  }
  for (let i = 0; i < nBus; i++) {
    t.add(2 * i, 2 * i, diag[2 * i]! * 1.01 + 0.1);
    t.add(2 * i, 2 * i + 1, 0.3 * diag[2 * i]! * rand());
    t.add(2 * i + 1, 2 * i, -0.3 * diag[2 * i]! * rand());
    t.add(2 * i + 1, 2 * i + 1, diag[2 * i + 1]! * 1.02 + 0.1);
  }
  return t.build(2 * nBus);
}
