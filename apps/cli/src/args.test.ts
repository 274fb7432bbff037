// The option parsers every command shares: what each accepts, and that every refusal is a
// usage error (exit 2) naming the option and the value given.
import { describe, expect, it } from 'vitest';
import {
  parseCommandArgs,
  parseCommandLine,
  parseIntInRange,
  parseMilliseconds,
  parseNonNegativeInt,
  parsePositiveInt,
} from './args.ts';
import { CliError, EXIT } from './cli-error.ts';

function refusal(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError, got none');
}

describe('option values', () => {
  it('--time-limit: milliseconds ≥ 0', () => {
    expect(parseMilliseconds('--time-limit', undefined)).toBeUndefined();
    expect(parseMilliseconds('--time-limit', '250')).toBe(250);
    expect(parseMilliseconds('--time-limit', '0')).toBe(0);
    for (const bad of ['-1', 'soon', '', 'Infinity'])
      expect(refusal(() => parseMilliseconds('--time-limit', bad)).message).toBe(
        `--time-limit expects a number of milliseconds ≥ 0, got "${bad}"`,
      );
  });

  it('positive, non-negative and ranged integers', () => {
    expect(parsePositiveInt('--repeat', '3')).toBe(3);
    expect(parsePositiveInt('--repeat', undefined)).toBeUndefined();
    expect(refusal(() => parsePositiveInt('--repeat', '0')).message).toBe(
      '--repeat expects a positive integer, got "0"',
    );
    expect(parseNonNegativeInt('--seed', '0')).toBe(0);
    for (const bad of ['', '-1', '1.5', 'x'])
      expect(refusal(() => parseNonNegativeInt('--seed', bad)).message).toBe(
        `--seed expects a non-negative integer, got "${bad}"`,
      );
    expect(parseIntInRange('--workers', '256', 0, 256)).toBe(256);
    expect(parseIntInRange('--workers', undefined, 0, 256)).toBeUndefined();
    const e = refusal(() => parseIntInRange('--lock-ms', '999', 1000, 600_000));
    expect(e.message).toBe('--lock-ms expects an integer 1000–600000, got "999"');
    expect(e.exitCode).toBe(EXIT.badInput);
  });
});

describe('parseCommandLine / parseCommandArgs', () => {
  it("turns parseArgs's own errors into usage errors", () => {
    const e = refusal(() => parseCommandLine(['--nope'], { json: { type: 'boolean' } }));
    expect(e.message).toMatch(/--nope/);
    expect(e.exitCode).toBe(EXIT.badInput);
    expect(refusal(() => parseCommandLine(['x'], {}, false)).message).toMatch(/positional/);
  });

  it('takes at most one CASE file', () => {
    expect(parseCommandArgs(['a.m', '--json'], { json: { type: 'boolean' } })).toEqual({
      values: { json: true },
      casePath: 'a.m',
    });
    expect(refusal(() => parseCommandArgs(['a.m', 'b.m'], {})).message).toBe(
      'expected one CASE file, got 2',
    );
  });
});
