// Integer lists as a planner writes them: a list (`497,510`), ranges (`0-23`) and ranges with a
// step (`0-8759:24`), combined with commas, and `all` for hours. Used for the hours of the
// profile year (finest year, finest sweep, POST /api/sweeps) and for seeds. Browser-safe, so
// the web app checks a sweep form with the same rules the server applies.
// Errors are IntSpecError with a message naming the bad part; callers add where it came from
// (`--hours: …`, `body.hours: …`).

export class IntSpecError extends Error {
  readonly code = 'FINEST_INT_SPEC';
}

interface Limits {
  /** what one item is called in messages, e.g. "hour" */
  noun: string;
  /** largest value allowed, inclusive */
  max: number;
  /** the message when an item is above max */
  tooLarge: (value: number, part: string) => string;
  /** most items a spec may expand to (a range of seeds could otherwise fill the memory) */
  maxCount: number;
}

function parseIntSpec(spec: string, limits: Limits): number[] {
  const out = new Set<number>();
  const one = (text: string, part: string): number => {
    if (!/^\d+$/.test(text))
      throw new IntSpecError(`"${part}" is not ${article(limits.noun)}, a range A-B or A-B:STEP`);
    const v = Number(text);
    if (v > limits.max) throw new IntSpecError(limits.tooLarge(v, part));
    return v;
  };
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (part === '') throw new IntSpecError(`empty item in "${spec}"`);
    const m = /^(\d+)-(\d+)(?::(\d+))?$/.exec(part);
    if (!m) {
      out.add(one(part, part));
      continue;
    }
    const [from, to] = [one(m[1]!, part), one(m[2]!, part)];
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (from > to) throw new IntSpecError(`range "${part}" runs backwards`);
    if (!(step >= 1)) throw new IntSpecError(`step in "${part}" must be at least 1`);
    if (Math.floor((to - from) / step) + 1 + out.size > limits.maxCount)
      throw new IntSpecError(`"${spec}" gives more than ${limits.maxCount} ${limits.noun}s`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** "an hour", "a seed": by the sound, so a silent h takes "an" */
const article = (noun: string): string =>
  /^(?:[aeiou]|hour)/.test(noun) ? `an ${noun}` : `a ${noun}`;

/** Hours 0 … hoursInYear − 1 in ascending order without repeats. */
export function parseHoursSpec(spec: string, hoursInYear: number): number[] {
  const last = hoursInYear - 1;
  if (spec.trim() === 'all') return Array.from({ length: hoursInYear }, (_, h) => h);
  return parseIntSpec(spec, {
    noun: 'hour',
    max: last,
    tooLarge: (h, part) => `hour ${h} in "${part}" is outside the profile (0–${last})`,
    maxCount: hoursInYear,
  });
}

/** Largest seed: the engine's seeded generator takes 32-bit unsigned seeds. */
export const MAX_SEED = 2 ** 32 - 1;

/** Most seeds one sweep may name. */
export const MAX_SEEDS = 10_000;

/** Seeds (non-negative integers) in ascending order without repeats. */
export function parseSeedsSpec(spec: string): number[] {
  return parseIntSpec(spec, {
    noun: 'seed',
    max: MAX_SEED,
    tooLarge: (s, part) => `seed ${s} in "${part}" is above ${MAX_SEED}`,
    maxCount: MAX_SEEDS,
  });
}
