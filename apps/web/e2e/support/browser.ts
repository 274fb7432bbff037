// Debian's Chromium driven by playwright-core, headless, with WebGL2 on SwiftShader (see
// TOOLCHAIN.md). Never a downloaded browser: the tests skip when /usr/bin/chromium is missing,
// and fail saying how to install it when FINEST_REQUIRE_BROWSER=1 (CI sets it).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH, missingMessage, NEEDS } from '../../../../testing/needs.ts';

// where Chromium is looked for, and FINEST_REQUIRE_BROWSER, are testing/needs.ts's
export const CHROMIUM = CHROMIUM_PATH;
export const hasChromium = NEEDS.chromium.present;
export const browserRequired = NEEDS.chromium.required;
export const INSTALL_HINT = missingMessage(NEEDS.chromium);

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Console errors and page errors of a page, collected from the start. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  // the console says "Failed to load resource" without the address: name it
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Sampled pixels of the WebGL canvas (every 97th), as 0xRRGGBB, for before/after diffs. */
export async function canvasSample(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const c = document.querySelector('canvas');
    if (!c) return [];
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return [];
    ctx.drawImage(c, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const out: number[] = [];
    for (let k = 0; k < data.length; k += 4 * 97)
      out.push((data[k]! << 16) | (data[k + 1]! << 8) | data[k + 2]!);
    return out;
  });
}

/** How many samples differ between two canvas samples. */
export function sampleDiff(a: readonly number[], b: readonly number[]): number {
  let n = Math.abs(a.length - b.length);
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) n++;
  return n;
}

/**
 * Reads the WebGL canvas back (preserveDrawingBuffer is on) and returns how many sampled
 * pixels differ from the first one, and how many distinct colours there are.
 */
export async function canvasStats(
  page: Page,
): Promise<{ width: number; height: number; differing: number; colours: number }> {
  return page.evaluate(() => {
    const c = document.querySelector('canvas');
    if (!c) return { width: 0, height: 0, differing: 0, colours: 0 };
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return { width: c.width, height: c.height, differing: 0, colours: 0 };
    ctx.drawImage(c, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Set<number>();
    let differing = 0;
    const step = 4 * 97;
    for (let k = 0; k < data.length; k += step) {
      const v = (data[k]! << 16) | (data[k + 1]! << 8) | data[k + 2]!;
      seen.add(v);
      if (data[k] !== data[0] || data[k + 1] !== data[1] || data[k + 2] !== data[2]) differing++;
    }
    return { width: c.width, height: c.height, differing, colours: seen.size };
  });
}

/**
 * How many canvas samples (canvasSample) are the wall palette's alert red, (1.0, 0.17, 0.12):
 * a tripped line and what has no supply (flow-lines.ts, city-material.ts). The loading scale's
 * reds are darker or more orange (#e8602c at 100 %, #a3162b at 130 %) and the shedding ring
 * is pink, so a wall with nothing tripped or dark has none.
 */
export function alertRed(samples: readonly number[]): number {
  let n = 0;
  for (const v of samples) if (v >> 16 > 225 && ((v >> 8) & 255) < 75 && (v & 255) < 75) n++;
  return n;
}
