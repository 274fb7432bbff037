// Errors of the power-flow package: bad input is thrown with a stable code; failing to
// converge is never thrown (it is a field of the result).

export class PowerflowError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`@finest/powerflow: ${message}`);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The network cannot be solved as given (dangling reference, zero impedance, ...). */
export class PowerflowInputError extends PowerflowError {
  constructor(message: string) {
    super('FINEST_PF_INPUT', message);
  }
}

/**
 * The case is well formed but has no solution as given: an island without a reference, a
 * singular DC matrix. Thrown only where a function returns no result to carry it (the DC
 * system of N-1); the power-flow drivers report it as `converged: false` with `reason`.
 */
export class PowerflowUnsolvableError extends PowerflowError {
  /** the message without the package prefix, for a result's `reason` */
  readonly reason: string;
  constructor(reason: string) {
    super('FINEST_PF_UNSOLVABLE', reason);
    this.reason = reason;
  }
}
