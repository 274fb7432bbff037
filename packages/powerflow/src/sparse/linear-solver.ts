// The linear solver behind Newton–Raphson (MATPOWER's mplinsolve, for sparse LU): the
// fill-reducing ordering is computed once per sparsity pattern, and while the pattern stays
// the same each factor() is a numeric refactorisation with the previous pivot sequence,
// falling back to a full factorisation when a reused pivot has become too small. For a
// structurally symmetric matrix the ordering and the symbolic factorisation work on the graph
// of indistinguishable unknowns (supervariables.ts), a quarter of a Jacobian's size.
import { PowerflowError } from '../errors.ts';
import { approximateMinimumDegree } from './amd.ts';
import type { CscMatrix } from './csc.ts';
import { LU_DEFAULTS, type LuFactors } from './lu.ts';
import { luFactor } from './lu-factor.ts';
import { luRefactor } from './lu-refactor.ts';
import { luSolve, luSolveMany, luSolveTranspose } from './lu-solve.ts';
import { isStructurallySymmetric, symbolicGroupedLu, type LuPattern } from './lu-symbolic.ts';
import { compressPattern, expandOrdering, findSupervariables } from './supervariables.ts';

export interface SparseLuSolverOptions {
  /** see LU_DEFAULTS.pivotTolerance */
  pivotTolerance?: number;
  /** 'amd' (default) or 'natural' (no reordering, for tests and comparisons) */
  ordering?: 'amd' | 'natural';
}

export interface SparseLuStats {
  /** fill-reducing orderings computed (one per new pattern) */
  orderings: number;
  /** full factorisations, including fallbacks */
  factorizations: number;
  /** successful numeric refactorisations */
  refactorizations: number;
  /** refactorisations rejected for a degraded pivot, then factored from scratch */
  fallbacks: number;
}

export interface SparseLuSolver {
  /** factors a; throws SingularMatrixError when it has no usable pivot in some column */
  factor(a: CscMatrix): void;
  /** x = A⁻¹ b for the last factored A; x may be b */
  solve(b: Float64Array, x?: Float64Array): Float64Array;
  /** x = A⁻ᵀ b */
  solveTranspose(b: Float64Array, x?: Float64Array): Float64Array;
  /** X = A⁻¹ B, nRhs right-hand sides column-major in b */
  solveMany(b: Float64Array, nRhs: number, x?: Float64Array): Float64Array;
  /** the current factors, null before the first (or after a failed) factor() */
  readonly factors: LuFactors | null;
  readonly stats: SparseLuStats;
}

export function createSparseLuSolver(options: SparseLuSolverOptions = {}): SparseLuSolver {
  const pivotTolerance = options.pivotTolerance ?? LU_DEFAULTS.pivotTolerance;
  const natural = options.ordering === 'natural';
  const stats: SparseLuStats = {
    orderings: 0,
    factorizations: 0,
    refactorizations: 0,
    fallbacks: 0,
  };
  let colPtr: Int32Array | null = null;
  let rowIdx: Int32Array | null = null;
  let perm: Int32Array | null = null;
  let pattern: LuPattern | null = null;
  let factors: LuFactors | null = null;

  const current = (): LuFactors => {
    if (factors === null) {
      throw new PowerflowError(
        'FINEST_LU_NOT_FACTORED',
        'sparse/linear-solver: solve called without a factorisation',
      );
    }
    return factors;
  };

  return {
    factor(a: CscMatrix): void {
      const samePattern =
        perm !== null &&
        colPtr !== null &&
        rowIdx !== null &&
        a.nRows === a.nCols &&
        sameInts(colPtr, a.colPtr) &&
        sameInts(rowIdx, a.rowIdx);
      if (samePattern && factors !== null) {
        const old = factors;
        factors = null; // a refactor that fails half-way leaves unusable values
        if (luRefactor(old, a)) {
          factors = old;
          stats.refactorizations++;
          return;
        }
        stats.fallbacks++;
      }
      if (!samePattern || perm === null) {
        factors = null;
        pattern = null;
        if (natural) {
          perm = identity(a.nCols);
        } else {
          ({ perm, pattern } = orderAndAnalyse(a));
          stats.orderings++;
        }
        colPtr = a.colPtr.slice();
        rowIdx = a.rowIdx.slice();
      }
      factors = null;
      stats.factorizations++;
      factors = luFactor(a, perm, pattern ? { pivotTolerance, pattern } : { pivotTolerance });
    },
    solve: (b, x) => luSolve(current(), b, x),
    solveTranspose: (b, x) => luSolveTranspose(current(), b, x),
    solveMany: (b, nRhs, x) => luSolveMany(current(), b, nRhs, x),
    get factors() {
      return factors;
    },
    stats,
  };
}

/**
 * AMD ordering and, for a structurally symmetric A, the symbolic factorisation with diagonal
 * pivots, both on the graph of indistinguishable unknowns (one node per bus in a Jacobian).
 */
function orderAndAnalyse(a: CscMatrix): { perm: Int32Array; pattern: LuPattern | null } {
  if (a.nRows !== a.nCols || !isStructurallySymmetric(a)) {
    return { perm: approximateMinimumDegree(a), pattern: null };
  }
  const sv = findSupervariables(a);
  const g = compressPattern(a, sv);
  const weights = new Int32Array(sv.count);
  for (let k = 0; k < sv.count; k++) weights[k] = sv.start[k + 1]! - sv.start[k]!;
  const groupOrder = approximateMinimumDegree(g, { symmetric: true, weights });
  return {
    perm: expandOrdering(groupOrder, sv),
    pattern: symbolicGroupedLu(g, groupOrder, sv),
  };
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function identity(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}
