// The one door to HiGHS (npm `highs`: HiGHS 1.15 compiled to WebAssembly, MIT; Huangfu & Hall,
// "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10, 2018). The runtime
// is loaded once per process, lazily. Models are passed as typed arrays (ModelData), not as
// LP-format text: nothing is printed and parsed back, so every coefficient arrives exactly,
// and building costs no string work. Each model's Wasm memory is freed before the call that
// made it returns (or, for a session, at `dispose`).
//
// Solver outcomes (infeasible, unbounded, limits, a solver that gave up) come back as a
// status; nothing here throws for them.
//
// Settings: presolve on (it matters: the B-θ LP of case_ACTIVSg10k takes 2.7 s with it,
// 20 s without), HiGHS's choice of solver (dual simplex for an LP, the active-set QP solver
// for a QP: this build has no other QP solver), feasibility tolerances ten times tighter than
// the defaults, and matrix entries down to 1e-12 kept (the default drops |a| ≤ 1e-9, which in
// a row of sensitivities would move a flow by up to 1e-9 MW per MW of dispatch), and the QP
// solver's regularisation down from 1e-7 to 1e-12 (at 1e-7 case300's dispatch was 0.014 MW
// from MATPOWER's, at 1e-12 5e-5 MW). When a run
// ends without a verdict (presolve's "infeasible or unbounded", a solve error, "unknown"),
// it is solved again from scratch with the next settings of ATTEMPTS.
import highsLoader, { type Highs, type ModelData, type ModelStatusCode } from 'highs';
import type { LpModel, LpRows } from './lp-model.ts';

export type LpStatus =
  'optimal' | 'infeasible' | 'unbounded' | 'time-limit' | 'iteration-limit' | 'solver-error';

export interface LpSolution {
  readonly status: LpStatus;
  /** HiGHS's own words for the final model status, e.g. "infeasible or unbounded" */
  readonly highsStatus: string;
  readonly colValue: Float64Array;
  readonly rowValue: Float64Array;
  /** ∂objective/∂(active row bound), HiGHS's sign for a minimisation: > 0 for a binding lower bound */
  readonly rowDual: Float64Array;
  /** simplex + interior-point + QP iterations of this run (its retries included) */
  readonly iterations: number;
  /** the settings that produced the answer: "default", "presolve off", … */
  readonly attempt: string;
}

export interface LpSolveOptions {
  /** wall-clock limit in ms for all runs together (default none) */
  readonly timeLimitMs?: number;
  /** extra HiGHS options (snake_case names), applied after ours */
  readonly highsOptions?: Readonly<Record<string, boolean | number | string>>;
}

type Settings = Readonly<Record<string, boolean | number | string>>;

export const HIGHS_DEFAULTS: Settings = {
  output_flag: false,
  presolve: 'on',
  primal_feasibility_tolerance: 1e-8,
  dual_feasibility_tolerance: 1e-8,
  small_matrix_value: 1e-12,
  qp_regularization_value: 1e-12,
};

/** the settings tried in turn, over HIGHS_DEFAULTS */
const ATTEMPTS: readonly (readonly [string, Settings])[] = [
  ['default', {}],
  ['presolve off', { presolve: 'off' }],
  ['interior point', { presolve: 'on', solver: 'ipm', run_crossover: 'on' }],
];

let runtime: Promise<Highs> | undefined;

let loaded: Highs | undefined;

/** The HiGHS runtime, loaded on first use and shared by every later call. */
export function loadHighs(): Promise<Highs> {
  runtime ??= highsLoader().then(
    (h) => (loaded = h),
    (err: unknown) => {
      runtime = undefined; // a failed load may be retried
      throw err;
    },
  );
  return runtime;
}

/** The runtime if loadHighs has finished, for synchronous callers (the scenario engine). */
export function loadedHighs(): Highs | undefined {
  return loaded;
}

/** A model kept open between runs: rows can be added and the model solved again, warm. */
export interface LpSession {
  run(): LpSolution;
  /** appends rows from `first` on of `rows` (their columns must exist) */
  addRows(rows: LpRows, first: number): void;
  dispose(): void;
}

/** Solves one LP/QP; synchronous (the Wasm call blocks). */
export function solveLp(highs: Highs, lp: LpModel, options: LpSolveOptions = {}): LpSolution {
  const session = openLp(highs, lp, options);
  try {
    return session.run();
  } finally {
    session.dispose();
  }
}

/**
 * Opens a session on a model. A run after the first starts from the previous basis (HiGHS
 * skips presolve then), which is what makes adding a few rows and solving again cheap. A run
 * without a verdict is repeated from scratch with the next settings of ATTEMPTS, which then
 * stay for the session's later runs.
 */
export function openLp(highs: Highs, lp: LpModel, options: LpSolveOptions = {}): LpSession {
  const deadline =
    options.timeLimitMs === undefined ? Infinity : performance.now() + options.timeLimitMs;
  let numRows = lp.numRows;
  let model: ReturnType<Highs['createModel']> | undefined;
  let refused: string | undefined;
  let attempt = 0;
  const apply = (): void => {
    model!.options.set({ ...HIGHS_DEFAULTS, ...ATTEMPTS[attempt]![1], ...options.highsOptions });
  };
  try {
    model = highs.createModel(toModelData(lp));
    apply();
  } catch (err) {
    model?.dispose();
    model = undefined;
    refused = `model refused: ${(err as Error).message}`;
  }
  const failed = (highsStatus: string, status: LpStatus = 'solver-error'): LpSolution => ({
    status,
    highsStatus,
    colValue: new Float64Array(lp.numCols),
    rowValue: new Float64Array(numRows),
    rowDual: new Float64Array(numRows),
    iterations: 0,
    attempt: ATTEMPTS[attempt]![0],
  });
  const runOnce = (m: NonNullable<typeof model>): LpSolution => {
    const left = (deadline - performance.now()) / 1000;
    if (left <= 0) return failed('time limit reached', 'time-limit');
    try {
      if (Number.isFinite(left)) m.options.set('time_limit', left);
      const { modelStatus } = m.run();
      const [status, words] = STATUS[modelStatus] ?? [
        'solver-error',
        STATUS_WORDS[modelStatus] ?? `status ${modelStatus}`,
      ];
      const { colValue, rowValue, rowDual } = m.getSolution();
      const count = (name: string): number => Math.max(0, Number(m.info.get(name)));
      const iterations =
        count('simplex_iteration_count') +
        count('ipm_iteration_count') +
        count('qp_iteration_count');
      return {
        status,
        highsStatus: words,
        colValue,
        rowValue,
        rowDual,
        iterations,
        attempt: ATTEMPTS[attempt]![0],
      };
    } catch (err) {
      return failed(`HiGHS failed: ${(err as Error).message}`);
    }
  };
  return {
    run(): LpSolution {
      if (model === undefined) return failed(refused ?? 'no model');
      let iterations = 0;
      for (;;) {
        const result = runOnce(model);
        iterations += result.iterations;
        // a verdict, or a limit: no retry changes it
        const verdict =
          result.status !== 'solver-error' && result.highsStatus !== UNBOUNDED_OR_INFEASIBLE;
        if (verdict || attempt + 1 === ATTEMPTS.length) return { ...result, iterations };
        attempt++;
        try {
          model.clearSolver();
          apply();
        } catch (err) {
          return { ...failed(`HiGHS failed: ${(err as Error).message}`), iterations };
        }
      }
    },
    addRows(rows: LpRows, first: number): void {
      if (model === undefined || rows.count === first) return;
      const v = rows.view(first);
      model.addRows({
        lower: v.lower,
        upper: v.upper,
        matrix: {
          format: 'csr',
          numRows: rows.count - first,
          numCols: lp.numCols,
          starts: v.starts,
          indices: v.indices,
          values: v.values,
        },
      });
      numRows += rows.count - first;
    },
    dispose(): void {
      model?.dispose();
      model = undefined;
    },
  };
}

const UNBOUNDED_OR_INFEASIBLE = 'infeasible or unbounded';

const STATUS: Partial<Record<ModelStatusCode, readonly [LpStatus, string]>> = {
  7: ['optimal', 'optimal'],
  8: ['infeasible', 'infeasible'],
  // presolve's "primal infeasible or unbounded": solveLp's retry without presolve tells which
  9: ['solver-error', UNBOUNDED_OR_INFEASIBLE],
  10: ['unbounded', 'unbounded'],
  13: ['time-limit', 'time limit reached'],
  14: ['iteration-limit', 'iteration limit reached'],
};

const STATUS_WORDS: Readonly<Record<number, string>> = {
  0: 'not set',
  1: 'load error',
  2: 'model error',
  3: 'presolve error',
  4: 'solve error',
  5: 'postsolve error',
  6: 'empty model',
  11: 'objective bound reached',
  12: 'objective target reached',
  15: 'unknown',
  16: 'solution limit reached',
  17: 'interrupted',
};

function toModelData(lp: LpModel): ModelData {
  const data: ModelData = {
    numCols: lp.numCols,
    numRows: lp.numRows,
    offset: lp.offset,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: {
      format: 'csr',
      numRows: lp.numRows,
      numCols: lp.numCols,
      starts: lp.starts,
      indices: lp.indices,
      values: lp.values,
    },
  };
  const q = lp.hessianDiagonal;
  if (q === null) return data;
  // the diagonal as a lower-triangular CSC matrix: column j holds (j, j) when Q_jj ≠ 0
  const starts = new Int32Array(lp.numCols + 1);
  let nz = 0;
  for (let j = 0; j < lp.numCols; j++) {
    if (q[j] !== 0) nz++;
    starts[j + 1] = nz;
  }
  const indices = new Int32Array(nz);
  const values = new Float64Array(nz);
  for (let j = 0, p = 0; j < lp.numCols; j++) {
    if (q[j] === 0) continue;
    indices[p] = j;
    values[p++] = q[j]!;
  }
  return {
    ...data,
    hessian: { format: 'triangular', dimension: lp.numCols, starts, indices, values },
  };
}

export type { Highs };
