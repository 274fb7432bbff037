// Errors of the sweep engine. A bad sweep (unknown scenario, hour outside the profile, unknown
// variant key, …) is a SweepSpecError, raised while planning, before anything is enqueued; its
// message names what is wrong and where. The CLI maps FINEST_ codes to exit 2 and the server
// to a 400.
export class SweepSpecError extends Error {
  readonly code = 'FINEST_SWEEP_SPEC';
  /** where in the request, e.g. "set.0.path" (the server reports it as an issue path) */
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'SweepSpecError';
    this.path = path;
  }
}

/** A worker cannot compute a job as sent: its data or engine differs from the sweep's. */
export class SweepDataMismatchError extends Error {
  readonly code = 'FINEST_SWEEP_DATA_MISMATCH';
}

/** Redis cannot be used (bad URL, unreachable, too old). */
export class SweepQueueError extends Error {
  readonly code = 'FINEST_SWEEP_QUEUE';
}
