// Big-screen mode at 1920×1080 and 3840×2160: the overlays fit the screen without overlapping,
// type is large enough to read across a room, the scene fills the window, and the unattended
// loop starts an incident by itself. Screenshots: e2e/screenshots/wall-*.png.
import { expect, it } from 'vitest';
import { canvasStats, collectErrors, screenshot } from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import { twinSession } from './support/session.ts';

describeBrowser('wall mode', () => {
  // a page per screen size, each from the start of the unattended loop
  const s = twinSession({ path: null });

  it.each([
    [1920, 1080],
    [3840, 2160],
  ])('lays out at %i×%i', async (width, height) => {
    const page = await s.browser.newPage({ viewport: { width, height } });
    const errors = collectErrors(page);
    await page.goto(`${s.server.url}/?mode=wall`);
    await page.waitForSelector('[data-testid="wall"]');
    // the loop starts the first incident of the library on its own
    await expect
      .poll(() => page.getByTestId('wall-clock').innerText(), { timeout: 30_000 })
      .toMatch(/^\d\d:\d\d:\d\d$/);
    await expect
      .poll(() => page.locator('[data-testid="event-log"] li').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.waitForTimeout(1500);

    const layout = await page.evaluate(() => {
      const box = (sel: string) => {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        return r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
      };
      const px = (sel: string) =>
        parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
      const doc = document.scrollingElement!;
      return {
        header: box('.wall-header'),
        side: box('.wall-side'),
        footer: box('.wall-footer'),
        canvas: box('canvas'),
        kpiPx: px('.wall-side .kpis td'),
        logPx: px('.wall-footer .event-log li button'),
        titlePx: px('.wall-header h1'),
        scrollW: doc.scrollWidth,
        scrollH: doc.scrollHeight,
        topbar: document.querySelector('.topbar') !== null,
        // the KPI table is not cut off by its panel
        kpiFits: (() => {
          const side = document.querySelector('.wall-side')!.getBoundingClientRect();
          const table = document.querySelector('.wall-side table')!.getBoundingClientRect();
          return table.bottom <= side.bottom + 1;
        })(),
      };
    });
    await screenshot(page, `wall-${height}`);

    type Box = { x: number; y: number; w: number; h: number };
    const inside = (b: Box) =>
      b.x >= 0 && b.y >= 0 && b.x + b.w <= width + 0.5 && b.y + b.h <= height + 0.5;
    const apart = (a: Box, b: Box) =>
      a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
    const { header, side, footer, canvas } = layout;
    expect(header && side && footer && canvas).toBeTruthy();
    for (const b of [header!, side!, footer!]) expect(inside(b)).toBe(true);
    expect(apart(header!, side!)).toBe(true);
    expect(apart(side!, footer!)).toBe(true);
    expect(apart(header!, footer!)).toBe(true);
    expect(layout.kpiFits).toBe(true);
    // the scene fills the window; nothing scrolls; no planner chrome
    expect(canvas!.w).toBeGreaterThanOrEqual(width - 1);
    expect(canvas!.h).toBeGreaterThanOrEqual(height - 1);
    expect(layout.scrollW).toBeLessThanOrEqual(width);
    expect(layout.scrollH).toBeLessThanOrEqual(height);
    expect(layout.topbar).toBe(false);
    // readable across a room: ≥ 2 % of the screen height for figures and events
    expect(layout.kpiPx).toBeGreaterThanOrEqual(height * 0.019);
    expect(layout.logPx).toBeGreaterThanOrEqual(height * 0.019);
    expect(layout.titlePx).toBeGreaterThanOrEqual(height * 0.04);
    // the scene redraws after the switch to wall mode on its own schedule (software WebGL on a
    // busy CI machine can take seconds): wait for a drawn picture rather than sample once
    await expect
      .poll(async () => (await canvasStats(page)).differing, { timeout: 20_000, interval: 250 })
      .toBeGreaterThan(1000);
    expect(errors.join('\n')).toBe('');

    // W leaves wall mode: the planner's layout comes back
    await page.keyboard.press('w');
    await page.waitForSelector('.topbar');
    await page.close();
  });
});
