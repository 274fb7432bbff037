// Command-line parsing shared by the subcommands: node's parseArgs in strict mode, with its
// errors (unknown option, missing value) turned into one-line CLI errors, and one CASE file.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (parsed.positionals.length > 1) {
    throw new CliError(`expected one CASE file, got ${parsed.positionals.length}`);
  }
  return { values: parsed.values, casePath: parsed.positionals[0] };
}
