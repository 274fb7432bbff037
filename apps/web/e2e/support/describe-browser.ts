// describe() for the browser tests (kept apart from browser.ts, which the benchmark script
// imports outside vitest).
import { describe, it } from 'vitest';
import { browserRequired, hasChromium, INSTALL_HINT } from './browser.ts';

/**
 * describe() for browser tests: runs with Chromium; without it, skips — or, when
 * FINEST_REQUIRE_BROWSER=1, fails with the install hint.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (hasChromium) describe(name, body);
  else if (browserRequired)
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(INSTALL_HINT);
      });
    });
  else describe.skip(name, body);
}
