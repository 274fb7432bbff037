// The twin in Debian's Chromium against the real server (buildApp on an ephemeral port serving
// the built app): it loads without console errors, draws the scene, an Estlink 2 run changes
// the KPIs and the scene, scrubbing moves the event log, and the controls work from the keyboard.
// Screenshots go to e2e/screenshots/ (kept by CI as artefacts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  canvasSample,
  canvasStats,
  collectErrors,
  launch,
  sampleDiff,
  screenshot,
} from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import type { RunningServer } from './support/static-server.ts';
import { startTwinServer } from './support/twin-server.ts';

const ESTLINK2 = 'estlink2-2024-12-25';

describeBrowser('the twin in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startTwinServer();
    browser = await launch();
    // reduced motion: flows stand still, so pixel differences come from the data
    page = await browser.newPage({
      viewport: { width: 1600, height: 900 },
      reducedMotion: 'reduce',
    });
    errors = collectErrors(page);
    await page.goto(server.url);
    await page.waitForSelector('canvas');
    await page.waitForSelector(`[data-testid="start-${ESTLINK2}"]`);
    await page.waitForTimeout(1500);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with no console errors and draws a non-blank scene', async () => {
    const stats = await canvasStats(page);
    await screenshot(page, 'twin-start');
    expect(stats.width).toBeGreaterThan(600);
    // sea, land, lines, markers, districts: many colours, most samples unlike the corner
    expect(stats.colours).toBeGreaterThan(30);
    expect(stats.differing).toBeGreaterThan(1000);
    expect(errors.join('\n')).toBe('');
  });

  it('starting the Estlink 2 scenario changes the KPIs and the scene', async () => {
    const estlinks = page.getByTestId('estlinks');
    await expect.poll(() => estlinks.innerText()).toContain('appear with a run');
    const idle = await canvasSample(page);

    await page.getByTestId(`start-${ESTLINK2}`).click();
    await expect.poll(() => page.getByTestId('run-title').innerText()).toContain('Estlink 2');
    // the recorded transfer before the fault, FI → EE
    await expect
      .poll(() => estlinks.innerText(), { timeout: 30_000 })
      .toMatch(/Estlink 2: 658 MW FI→EE/);
    await page.waitForTimeout(500);
    const before = await canvasSample(page);
    await screenshot(page, 'twin-estlink2-before-trip');
    expect(sampleDiff(idle, before)).toBeGreaterThan(200);

    // play fast to the anchor strike at 12:26:04
    await page.getByLabel('Playback speed (simulated seconds per second)').selectOption('120');
    await expect.poll(() => estlinks.innerText(), { timeout: 30_000 }).toMatch(/Estlink 2: 0 MW/);
    await expect
      .poll(() => page.getByTestId('live-frequency-EE').innerText())
      .not.toBe('50.000 Hz');
    await expect
      .poll(() => page.getByTestId('kpi-Frequency nadir-EE').innerText(), { timeout: 30_000 })
      .toMatch(/49\.\d+ Hz/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(500);
    const after = await canvasSample(page);
    await screenshot(page, 'twin-estlink2-after-trip');
    expect(sampleDiff(before, after)).toBeGreaterThan(20);
    // the record: no load shed in either country
    expect(await page.getByTestId('kpi-Peak load shed-FI').innerText()).toBe('0 MW');
    expect(await page.getByTestId('kpi-Peak load shed-EE').innerText()).toBe('0 MW');
    expect(errors.join('\n')).toBe('');
  });

  it('scrubbing the timeline moves the event log', async () => {
    const current = page.locator('[data-testid="event-log"] [aria-current="true"]');
    const timeline = page.getByTestId('timeline');
    await timeline.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => current.innerText()).toContain('set to 658 MW');
    await expect.poll(() => page.getByTestId('clock').innerText()).toBe('12:20:00');
    await page.keyboard.press('End');
    // the last entry at the end of the replay is the operator's re-dispatch after the trip
    await expect.poll(() => current.innerText()).toMatch(/tripped|operator:/);
    await expect.poll(() => page.getByTestId('clock').innerText()).not.toBe('12:20:00');
    await screenshot(page, 'twin-scrubbed-end');
    // and back before the strike: the trip is no longer the current entry
    await timeline.fill('200');
    await expect.poll(() => current.innerText()).toContain('set to 658 MW');
    const future = page.locator('[data-testid="event-log"] li.log-future');
    await expect.poll(() => future.count()).toBeGreaterThan(0);
    expect(errors.join('\n')).toBe('');
  });

  it('inspects what the pointer is on: a tooltip on hover, the inspector on click', async () => {
    const box = (await page.locator('canvas').boundingBox())!;
    const tooltip = page.getByRole('tooltip');
    let hit = false;
    // sweep the middle of the view until the pointer is on a line, a cable or a substation
    for (let y = 0.3; y < 0.8 && !hit; y += 0.05)
      for (let x = 0.3; x < 0.8 && !hit; x += 0.025) {
        await page.mouse.move(box.x + x * box.width, box.y + y * box.height);
        await page.waitForTimeout(40);
        hit = await tooltip.isVisible();
      }
    expect(hit).toBe(true);
    const title = await tooltip.locator('strong').innerText();
    expect(title.length).toBeGreaterThan(0);
    await page.mouse.down();
    await page.mouse.up();
    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    expect(await inspector.locator('h2').innerText()).toBe(title);
    // the live line: a flow, a loading, a status or a supply
    await expect
      .poll(() => inspector.locator('.live').innerText())
      .toMatch(/MW|TRIPPED|out of service|supplied|OUT|ENERGISED|pu/);
    expect(await inspector.innerText()).toMatch(/Dataset|Population|Fed from/);
    await screenshot(page, 'twin-inspector');
    await page.getByRole('button', { name: 'Close the inspector' }).click();
  });

  it('works from the keyboard, and every button has a name', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const play = page.getByTestId('play');
    const label = await play.getAttribute('aria-label');
    await page.keyboard.press('Space');
    await expect.poll(() => play.getAttribute('aria-label')).not.toBe(label);
    await page.keyboard.press('Space');
    await expect.poll(() => play.getAttribute('aria-label')).toBe(label);

    const region = await canvasSample(page);
    await page.keyboard.press('2'); // Helsinki
    await page.waitForTimeout(800);
    await screenshot(page, 'twin-helsinki');
    expect(sampleDiff(region, await canvasSample(page))).toBeGreaterThan(1000);

    await page.keyboard.press('h');
    await expect(page.getByRole('dialog', { name: 'Keys' }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, [role="button"], a.button, select, input')]
        .filter((el) => {
          const e = el as HTMLElement;
          const name =
            e.getAttribute('aria-label') ??
            e.getAttribute('title') ??
            (e.textContent ?? '').trim() ??
            '';
          const labelled = e.closest('label') !== null || e.getAttribute('aria-labelledby');
          return name.trim() === '' && !labelled;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
    expect(errors.join('\n')).toBe('');
  });
});
