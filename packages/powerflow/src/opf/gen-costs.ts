// Generator cost curves from MATPOWER's gencost rows (MATPOWER manual, table B-4), read as
// MATPOWER's opf_setup.m reads them for a DC OPF:
//
//   MODEL 2 (polynomial):  f(P) = c_{n-1} P^{n-1} + … + c_1 P + c_0,  NCOST = n coefficients
//   MODEL 1 (piecewise linear): points (x_1, y_1) … (x_n, y_n), MW and $/h, NCOST = n
//
// Leading zero coefficients are dropped first (a cubic with c_3 = 0 is a quadratic), a
// one-segment piecewise-linear curve becomes the line through its two points, and anything
// still of degree three or more is refused: a DC OPF here is an LP or a convex QP. Rows after
// the first nGen (reactive costs) are ignored, as the DC model has no reactive power; so are
// the rows of units out of service (MATPOWER's ext2int drops them before the OPF looks).
import { PowerflowInputError } from '../errors.ts';

/** f(P) = c2 P² + c1 P + c0 ($/h, P in MW) */
export interface PolynomialCost {
  readonly kind: 'polynomial';
  /** $/MW²h, ≥ 0 */
  readonly c2: number;
  /** $/MWh */
  readonly c1: number;
  /** $/h */
  readonly c0: number;
}

/**
 * f(P) = max over segments j of  y_j + m_j (P − x_j),  m_j = (y_{j+1} − y_j) / (x_{j+1} − x_j):
 * MATPOWER's constrained cost variable (an epigraph y ≥ each segment's line), which equals the
 * curve where the curve is convex and extends its end segments beyond the points.
 */
export interface PiecewiseLinearCost {
  readonly kind: 'piecewise';
  /** MW, strictly ascending, at least 3 points (2 points become a PolynomialCost) */
  readonly x: Float64Array;
  /** $/h */
  readonly y: Float64Array;
}

export type GenCost = PolynomialCost | PiecewiseLinearCost;

const POLYNOMIAL = 2;
const PW_LINEAR = 1;
/** index of NCOST and of the first cost entry in a gencost row */
const NCOST = 3;
const COST = 4;

const NO_COST: PolynomialCost = { kind: 'polynomial', c2: 0, c1: 0, c0: 0 };

/**
 * The active-power cost curve of each of the nGen generators, in generator row order (zero
 * for a unit out of service, whose row is not read).
 * @param genOn 1 per unit in service
 * @throws PowerflowInputError for missing rows, an unknown model, a truncated row, a cost of
 *   degree above 2, a concave quadratic, or piecewise-linear points not ascending in MW
 */
export function readGenCosts(
  gencost: readonly (readonly number[])[] | undefined,
  nGen: number,
  genOn?: Uint8Array,
): GenCost[] {
  if (gencost === undefined || gencost.length < nGen) {
    throw new PowerflowInputError(
      `the OPF needs a gencost row for each of the ${nGen} generators; the case has ` +
        `${gencost?.length ?? 0}`,
    );
  }
  const costs: GenCost[] = new Array<GenCost>(nGen);
  for (let k = 0; k < nGen; k++) costs[k] = genOn && !genOn[k] ? NO_COST : readRow(gencost[k]!, k);
  return costs;
}

function readRow(row: readonly number[], k: number): GenCost {
  const where = `gencost row ${k + 1}`;
  const model = row[0];
  const n = row[NCOST];
  if (n === undefined || !Number.isInteger(n) || n < 0) {
    throw new PowerflowInputError(`${where}: NCOST must be a whole number ≥ 0, got ${n}`);
  }
  const width = model === PW_LINEAR ? 2 * n : n;
  if (row.length < COST + width) {
    throw new PowerflowInputError(
      `${where}: NCOST = ${n} needs ${width} cost entries, the row has ${row.length - COST}`,
    );
  }
  if (model === POLYNOMIAL) return polynomial(row.slice(COST, COST + n), where);
  if (model === PW_LINEAR) return piecewise(row.slice(COST, COST + 2 * n), where);
  throw new PowerflowInputError(
    `${where}: MODEL must be 1 (piecewise linear) or 2 (polynomial), got ${model}`,
  );
}

/** coefficients highest order first, as gencost stores them */
function polynomial(coefficients: number[], where: string): PolynomialCost {
  let first = 0;
  while (coefficients.length - first > 1 && coefficients[first] === 0) first++;
  const c = coefficients.slice(first);
  if (c.length > 3) {
    throw new PowerflowInputError(
      `${where}: a polynomial cost of degree ${c.length - 1}; the DC OPF handles degree 2 at most`,
    );
  }
  const [c2, c1, c0] = [
    c.length === 3 ? c[0]! : 0,
    c.length >= 2 ? c[c.length - 2]! : 0,
    c.at(-1) ?? 0,
  ];
  if (c2 < 0) {
    throw new PowerflowInputError(
      `${where}: quadratic coefficient ${c2} < 0 makes the cost concave; the DC OPF needs convex costs`,
    );
  }
  return { kind: 'polynomial', c2, c1, c0 };
}

/** x1 y1 x2 y2 … */
function piecewise(points: number[], where: string): GenCost {
  const n = points.length / 2;
  if (n < 2)
    throw new PowerflowInputError(
      `${where}: a piecewise-linear cost needs 2 points or more, got ${n}`,
    );
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    x[j] = points[2 * j]!;
    y[j] = points[2 * j + 1]!;
    if (j > 0 && !(x[j]! > x[j - 1]!)) {
      throw new PowerflowInputError(
        `${where}: piecewise-linear points must ascend in MW, but point ${j + 1} (${x[j]} MW) ` +
          `does not follow point ${j} (${x[j - 1]} MW)`,
      );
    }
  }
  if (n === 2) {
    const m = (y[1]! - y[0]!) / (x[1]! - x[0]!);
    return { kind: 'polynomial', c2: 0, c1: m, c0: y[0]! - m * x[0]! };
  }
  return { kind: 'piecewise', x, y };
}

/** $/h of one unit at P MW */
export function costAt(cost: GenCost, P: number): number {
  if (cost.kind === 'polynomial') return (cost.c2 * P + cost.c1) * P + cost.c0;
  const { x, y } = cost;
  let f = -Infinity;
  for (let j = 0; j + 1 < x.length; j++) {
    const m = (y[j + 1]! - y[j]!) / (x[j + 1]! - x[j]!);
    f = Math.max(f, y[j]! + m * (P - x[j]!));
  }
  return f;
}
