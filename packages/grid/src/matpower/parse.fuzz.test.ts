// Fuzz tests of the MATPOWER reader (issue 9): any text, however broken, gives a network that
// holds together or a MatpowerParseError naming a line of it; never another exception, never a
// hang, and a failed read leaves nothing behind that changes the next one. Inputs are the shared
// MATPOWER cases with a few mutations each (test-support/matpower-mutations.ts), or random text.
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { MatpowerParseError } from '../errors.ts';
import { FUZZ_TEST_TIMEOUT_MS, FuzzTally, fuzzRuns } from '../test-support/fuzz.ts';
import { applyMutation, longBadNumber, mutationArb } from '../test-support/matpower-mutations.ts';
import { lineCount, readChecked } from '../test-support/matpower-checks.ts';
import {
  describeOnCases,
  readSharedCase,
  sharedCaseFiles,
} from '../test-support/shared-matpower.ts';
import { parseMatpower } from './parse.ts';
import { matpowerToNetwork } from './to-network.ts';

// the 2,000-bus case is left out: 660 kB per input would make the runs few or the file slow
const CASES = ['case9.m', 'case14.m', 'case30.m', 'case118.m', 'case300.m'].filter((f) =>
  sharedCaseFiles.includes(f),
);
const texts = CASES.map(readSharedCase);
const tally = new FuzzTally('matpower-parse');
afterAll(() => tally.report());

const mutatedCase = fc.record({
  base: fc.nat(Math.max(0, CASES.length - 1)),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
});
const mutate = (base: number, mutations: readonly Parameters<typeof applyMutation>[1][]): string =>
  mutations.reduce(applyMutation, texts[base]!);

describeOnCases('MATPOWER reader under fuzzing', () => {
  const case9 = matpowerToNetwork(parseMatpower(texts[0]!, CASES[0]!));

  it(
    'reads a mutated case into a sound network or refuses it with its line',
    () => {
      fc.assert(
        fc.property(mutatedCase, ({ base, mutations }) => {
          tally.count('mutated case');
          readChecked(mutate(base, mutations), 'fuzz.m', tally);
          // nothing of the broken read lingers: a clean case still reads the same
          expect(matpowerToNetwork(parseMatpower(texts[0]!, CASES[0]!))).toEqual(case9);
        }),
        { seed: 9_001, numRuns: fuzzRuns(1500) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  // an unknown field is skipped whatever it holds, or refused at its own line
  const unknownName = fc.oneof(
    fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'foo'),
    fc.stringMatching(/^[A-Za-z_]\w{0,12}$/),
  );
  const KNOWN =
    /^(?:bus|gen|branch|gencost|dcline|areas|baseMVA|version|bus_name|gen(?:fuel|type))$/;
  // prettier-ignore
  const PIECES = [
    "'a'", '"b"', "''", '1', '-2.5e3', 'Inf', 'NaN', 'x', 'x.y', ' ', '\t', ',', ';', '\n', '\r',
    '\f', '\v', '\u00a0', '\u2028', '\ufeff', '\0', 'é', '...', '% c\n', '[', ']', '{', '}', '(',
    ')', '.', '-', '=', '@',
  ];
  const value = fc.oneof(
    longBadNumber,
    fc
      .tuple(
        fc.constantFrom(['[', ']'], ['{', '}'], ['', ''], ["'", "'"]),
        fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }),
      )
      .map(([[open, close], body]) => `${open}${body.join('')}${close}`),
  );

  it(
    'skips an unknown field whatever it holds, or refuses it at its own line',
    () => {
      fc.assert(
        fc.property(
          fc.nat(Math.max(0, CASES.length - 1)),
          unknownName.filter((n) => !KNOWN.test(n)),
          value,
          (base, name, v) => {
            tally.count('unknown field');
            const text = `${texts[base]!}\nmpc.${name} = ${v};\n`;
            const out = readChecked(text, 'fuzz.m', tally);
            if (out instanceof MatpowerParseError)
              expect(out.line, out.message).toBeGreaterThan(lineCount(texts[base]!));
            else expect(out).toEqual(matpowerToNetwork(parseMatpower(texts[base]!, 'fuzz.m')));
          },
        ),
        { seed: 9_002, numRuns: fuzzRuns(600) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  // a well-formed value of an unknown field is kept raw (a number, a matrix) or skipped
  const wellFormed = fc.oneof(
    fc
      .double({ noNaN: true })
      .map((x) => ({ text: String(x).replace('Infinity', 'Inf'), raw: true })),
    fc
      .array(fc.array(fc.integer(), { minLength: 2, maxLength: 2 }), { maxLength: 3 })
      .map((rows) => ({ text: `[${rows.map((r) => r.join(' ')).join('; ')}]`, raw: true })),
    fc
      .constantFrom("{'a', 'b'}", "'text'", '{1, [2 3]}', 'x + 1')
      .map((text) => ({ text, raw: false })),
  );

  it(
    'keeps or skips a well-formed unknown field, whatever its name',
    () => {
      fc.assert(
        fc.property(
          fc.nat(Math.max(0, CASES.length - 1)),
          unknownName.filter((n) => !KNOWN.test(n)),
          wellFormed,
          (base, name, v) => {
            tally.count('well-formed unknown field');
            const text = `${texts[base]!}\nmpc.${name} = ${v.text};\n`;
            const mpc = parseMatpower(text, 'fuzz.m');
            expect(Object.keys(mpc.other ?? {}).includes(name)).toBe(v.raw);
            expect(matpowerToNetwork(mpc)).toEqual(
              matpowerToNetwork(parseMatpower(texts[base]!, 'fuzz.m')),
            );
          },
        ),
        { seed: 9_004, numRuns: fuzzRuns(300) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  // statements and fragments of case files, so that random text gets past the first line
  // prettier-ignore
  const STATEMENTS = [
    'function mpc = t\n', 'function [baseMVA, bus, gen, branch] = t\n', "mpc.version = '2';\n",
    "mpc.version = '1';\n", 'mpc.baseMVA = 100;\n', 'baseMVA = 100;\n',
    'mpc.bus = [\n1 3 0 0 0 0 1 1 0 345 1 1.1 0.9;\n2 1 90 30 0 0 1 1 0 345 1 1.1 0.9;\n];\n',
    'mpc.gen = [1 0 0 300 -300 1 100 1 250 10];\n', 'gen = [1 0 0 Inf -Inf 1 100 1 Inf 10];\n',
    'mpc.branch = [1 2 0.01 0.085 0.176 250 250 250 0 0 1];\n', 'bus = [2 3 0 0 0 0 1 1 0 1 1 1 1];\n',
    "mpc.bus_name = {'a'; 'b'};\n", 'mpc.areas = [1 1];\n', 'mpc.gencost = [2 0 0 2 1 0];\n',
    'mpc.dcline = [1 2 1 10 0 0 0 1 1 0 Inf -Inf Inf -Inf Inf 0 0];\n', '% comment\n', '...\n',
    'mpc.bus(:, 9) = 0;\n', 'return\n', 'end\n', '[', ']', '{', '}', ';', "'", '\r', '\f',
  ];
  const randomText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 60 }),
    fc.array(fc.constantFrom(...STATEMENTS), { maxLength: 12 }).map((s) => s.join('')),
  );

  it(
    'reads random text into a sound network or refuses it with its line',
    () => {
      fc.assert(
        fc.property(randomText, (text) => {
          tally.count('random text');
          readChecked(text, 'random.m', tally);
        }),
        { seed: 9_003, numRuns: fuzzRuns(1500) },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
