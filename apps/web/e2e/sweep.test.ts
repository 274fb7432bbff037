// The sweep view in the browser against the real server: a sweep started over REST is listed
// with its progress, drawn as a day × hour heatmap of energy not served per variant, and a
// click on a cell opens that run in the twin.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectErrors, launch, screenshot } from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import type { RunningServer } from './support/static-server.ts';
import { startTwinServer } from './support/twin-server.ts';

describeBrowser('sweep view', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startTwinServer();
    const res = await fetch(`${server.url}/api/sweeps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scenarioIds: ['estlink2-2024-12-25'],
        hours: '0-8759:2190',
        operator: ['on', 'off'],
        title: 'Estlink 2 through the year',
      }),
    });
    expect(res.status).toBe(202);
    const { sweep } = (await res.json()) as { sweep: { id: string } };
    const end = Date.now() + 150_000;
    for (;;) {
      const info = (await (await fetch(`${server.url}/api/sweeps/${sweep.id}`)).json()) as {
        info: { status: string };
      };
      if (info.info.status === 'done') break;
      if (Date.now() > end) throw new Error(`sweep still ${info.info.status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await launch();
    page = await browser.newPage({
      viewport: { width: 1600, height: 900 },
      reducedMotion: 'reduce',
    });
    errors = collectErrors(page);
    await page.goto(`${server.url}/?view=sweeps`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the sweep and draws a heatmap per variant', async () => {
    await page.getByTestId('sweep-view').waitFor();
    await expect
      .poll(() => page.getByTestId('sweep-status').innerText())
      .toMatch(/done: 8 of 8 runs/);
    await expect.poll(() => page.locator('.sweep-heatmap svg rect.cell').count()).toBe(8);
    const groups = page.locator('.sweep-group h3');
    await expect
      .poll(() => groups.allInnerTexts())
      .toEqual([
        'Estlink 2 anchor strike, 25 December 2024 · operator=on',
        'Estlink 2 anchor strike, 25 December 2024 · operator=off',
      ]);
    await page.locator('.sweep-heatmap svg rect.cell[data-hour="4380"]').first().hover();
    await expect.poll(() => page.locator('.sweep-tip').first().innerText()).toMatch(/hour 4380/);
    await screenshot(page, 'sweep-heatmap');
    expect(errors.join('\n')).toBe('');
  });

  it('opens a cell in the twin', async () => {
    await page.locator('.sweep-heatmap svg rect.cell[data-hour="2190"]').first().click();
    await page.getByTestId('sweep-view').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('run-title').innerText(), { timeout: 60_000 })
      .toMatch(/Estlink 2 anchor strike/);
    // hour 2190 of 2015 starts 2015-04-02 18:00 UTC
    await expect.poll(() => page.getByTestId('run-title').innerText()).toMatch(/2015/);
    expect(errors.join('\n')).toBe('');
  });
});
