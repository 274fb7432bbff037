// Command-line parsing shared by the subcommands: node's parseArgs in strict mode, with its
// errors (unknown option, missing value) turned into one-line CLI errors, and the parsers of
// option values (integers in a range, milliseconds), each error naming the option and the
// value given.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options and positionals of a command; parseArgs's own errors become CLI errors. */
export function parseCommandLine<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, allowPositionals, strict: true, options });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** A command of at most one positional, the CASE file. */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  const parsed = parseCommandLine(args, options);
  if (parsed.positionals.length > 1) {
    throw new CliError(`expected one CASE file, got ${parsed.positionals.length}`);
  }
  return { values: parsed.values, casePath: parsed.positionals[0] };
}

/** An integer ≥ 1, or undefined when the option is not given. */
export function parsePositiveInt(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(`${option} expects a positive integer, got "${value}"`);
  return n;
}

/** An integer ≥ 0 (a seed), or undefined when the option is not given. */
export function parseNonNegativeInt(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new CliError(`${option} expects a non-negative integer, got "${value}"`);
  return n;
}

/** An integer in [min, max], or undefined when the option is not given. */
export function parseIntInRange(
  option: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new CliError(`${option} expects an integer ${min}–${max}, got "${value}"`);
  return n;
}

/** A number of milliseconds ≥ 0, or undefined when the option is not given. */
export function parseMilliseconds(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (value.trim() === '' || !Number.isFinite(ms) || ms < 0)
    throw new CliError(`${option} expects a number of milliseconds ≥ 0, got "${value}"`);
  return ms;
}
