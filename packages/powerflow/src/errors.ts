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
