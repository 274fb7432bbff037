// Hours of the profile year as a planner writes them (`all`, `497,510`, `0-23`, `0-8759:24`):
// the shared parser of @finest/protocol (the server's sweeps use it too), its errors turned
// into CLI errors naming the option.
import { IntSpecError, parseHoursSpec as parseHours } from '@finest/protocol';
import { CliError } from './cli-error.ts';

export function parseHoursSpec(spec: string, hoursInYear: number, option = '--hours'): number[] {
  try {
    return parseHours(spec, hoursInYear);
  } catch (err) {
    if (err instanceof IntSpecError) throw new CliError(`${option}: ${err.message}`);
    throw err;
  }
}
