// describe() for the browser tests (kept apart from browser.ts, which the benchmark script
// imports outside vitest): describeNeeding on Chromium (testing/describe-needing.ts) — run with
// it; without it skipped, with one line at the end of the run saying so and how to install it;
// failing with that message under FINEST_REQUIRE_BROWSER=1 (CI).
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS } from '../../../../testing/needs.ts';

export function describeBrowser(name: string, body: () => void): void {
  describeNeeding(NEEDS.chromium, name, body);
}
