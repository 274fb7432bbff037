// Errors that end a command with a one-line message and a given exit code.

/** Exit codes of the finest command. */
export const EXIT = { ok: 0, notConverged: 1, badInput: 2 } as const;

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.badInput) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
