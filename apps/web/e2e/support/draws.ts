// How often the page draws its WebGL canvas: three.js clears the canvas at the start of every
// render, so counting gl.clear calls counts rendered frames without touching the app. Used to
// wait until a page has settled (a camera flight ends after a number of frames, which on
// software GL can take many seconds) and to report what an idle page drew.
import type { Page } from 'playwright-core';

interface Counter {
  __finestDraws: number;
}

/** Installs the counter; call before the page is opened. */
export async function countDraws(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Counter;
    w.__finestDraws = 0;
    for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
      const clear = proto.clear;
      proto.clear = function (this: WebGLRenderingContext, mask: number): void {
        w.__finestDraws++;
        clear.call(this, mask);
      };
    }
  });
}

export async function draws(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as Counter).__finestDraws);
}

/** Waits until the canvas has not been drawn for `quietMs`; throws after `timeoutMs`. */
export async function settled(page: Page, quietMs = 3000, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = await draws(page);
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > end)
      throw new Error(`the canvas was still drawing after ${timeoutMs} ms (${last} draws so far)`);
    await page.waitForTimeout(250);
    const n = await draws(page);
    if (n !== last) {
      last = n;
      since = Date.now();
    }
  }
}
