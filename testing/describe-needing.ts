// describe() for tests that need something outside the repository (needs.ts). With it there,
// the tests run. Without it they are skipped, marked with the need in their meta so the
// skip-summary reporter can say what was skipped and why — unless its FINEST_REQUIRE_* flag
// is set (CI), where one failing test stands in for them, saying what is missing and how to
// install it. A skipped body is still run to list its tests (the count in the skip line); one
// that throws there, reading a file that is not there, or that lists none (its cases come from
// the missing folder) is counted as one skipped test instead, so the need still gets its line
// and the run does not fail — but a body should leave such reads to beforeAll or the tests.
import { describe, it, TestRunner } from 'vitest';
import { missingMessage, type Need } from './needs.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** set on a describe whose need is missing: the need's id and its one-line message */
    finestNeed?: { id: string; tests: string; message: string };
  }
}

export function describeNeeding(need: Need, name: string, body: () => void): void {
  if (need.present) describe(name, body);
  else if (need.required)
    describe(name, () => {
      it(`needs ${need.id}`, () => {
        throw new Error(`${missingMessage(need)} (${need.flag}=1 requires it)`);
      });
    });
  else
    describe(
      name,
      {
        skip: true,
        meta: { finestNeed: { id: need.id, tests: need.tests, message: missingMessage(need) } },
      },
      () => {
        const unlisted = `(the tests of "${name}", which cannot be listed without ${need.id})`;
        try {
          body();
        } catch {
          it.skip(unlisted, () => {});
          return;
        }
        if (TestRunner.getCurrentSuite().tasks.length === 0) it.skip(unlisted, () => {});
      },
    );
}
