// Hours of the profile year as a planner writes them: `all`, a list (`497,510`), ranges
// (`0-23`) and ranges with a step (`0-8759:24`), combined with commas. Returns the hours in
// ascending order without repeats, or throws a CliError naming the bad part.
import { CliError } from './cli-error.ts';

export function parseHoursSpec(spec: string, hoursInYear: number): number[] {
  const last = hoursInYear - 1;
  if (spec.trim() === 'all') return Array.from({ length: hoursInYear }, (_, h) => h);
  const out = new Set<number>();
  const hour = (text: string, part: string): number => {
    if (!/^\d+$/.test(text))
      throw new CliError(`--hours: "${part}" is not an hour, a range A-B or A-B:STEP`);
    const h = Number(text);
    if (h > last)
      throw new CliError(`--hours: hour ${h} in "${part}" is outside the profile (0–${last})`);
    return h;
  };
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (part === '') throw new CliError(`--hours: empty item in "${spec}"`);
    const m = /^(\d+)-(\d+)(?::(\d+))?$/.exec(part);
    if (!m) {
      out.add(hour(part, part));
      continue;
    }
    const [from, to] = [hour(m[1]!, part), hour(m[2]!, part)];
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (from > to) throw new CliError(`--hours: range "${part}" runs backwards`);
    if (!(step >= 1)) throw new CliError(`--hours: step in "${part}" must be at least 1`);
    for (let h = from; h <= to; h += step) out.add(h);
  }
  return [...out].sort((a, b) => a - b);
}
