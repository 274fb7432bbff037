// The twin city in Debian's Chromium against the real server: at the Helsinki preset the real
// buildings are drawn (their counts per city are on the page), tripping a city substation
// darkens exactly the buildings and blocks it feeds and they light again when supplied, an
// idle page uses close to no CPU (render on demand) where a continuous loop uses a core, and
// the wall mode at the worst moment is captured at 1920×1080 and 3840×2160 (CI artefacts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { canvasSample, collectErrors, launch, sampleDiff, screenshot } from './support/browser.ts';
import { browserCpuShare } from './support/cpu.ts';
import { describeBrowser } from './support/describe-browser.ts';
import type { RunningServer } from './support/static-server.ts';
import { startTwinServer } from './support/twin-server.ts';

const DATA = fileURLToPath(new URL('../../../data/geo/', import.meta.url));
const FEEDER = 'FI:HEL-W';
const SCENARIO = 'helsinki-west-substation';

interface Layer<P> {
  features: { properties: P; geometry: { coordinates: unknown[] } }[];
}
const buildings = JSON.parse(readFileSync(`${DATA}helsinki-buildings.geojson`, 'utf8')) as Layer<{
  substation: string;
}>;
const fabric = JSON.parse(readFileSync(`${DATA}city-fabric.geojson`, 'utf8')) as Layer<{
  city: string;
  substation: string;
}>;
const fed = buildings.features.filter((f) => f.properties.substation === FEEDER).length;
const fedBlocks = fabric.features
  .filter((f) => f.properties.substation === FEEDER)
  .reduce((s, f) => s + f.geometry.coordinates.length, 0);
const helsinkiBlocks = fabric.features
  .filter((f) => f.properties.city === 'Helsinki')
  .reduce((s, f) => s + f.geometry.coordinates.length, 0);

/** the city substation trips at 120 s and is put back (with its lines) at 480 s */
const scenario = {
  schemaVersion: 1,
  id: SCENARIO,
  title: 'Helsinki west city substation trips',
  description: 'Browser test: Salmisaari 110 kV (city-side equivalent) trips and is restored.',
  network: 'fi-ee',
  start: { hour: 510 },
  durationS: 900,
  stepS: 30,
  events: [
    { type: 'trip', at: 120, element: { kind: 'substation', id: FEEDER }, cause: 'test' },
    { type: 'restore', at: 480, element: { kind: 'substation', id: FEEDER } },
  ],
};

const counts = async (page: Page, city: string): Promise<Record<string, string>> =>
  page
    .getByTestId(`city-${city}`)
    .evaluate((el) =>
      Object.fromEntries([...el.attributes].map((a) => [a.name.replace(/^data-/, ''), a.value])),
    );

describeBrowser('the twin city', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startTwinServer();
    const res = await fetch(`${server.url}/api/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenario),
    });
    expect(res.status, await res.text()).toBeLessThan(300);
    browser = await launch();
    // reduced motion: windows switch without a flicker, so a paused frame is settled
    page = await browser.newPage({
      viewport: { width: 1600, height: 900 },
      reducedMotion: 'reduce',
    });
    errors = collectErrors(page);
    await page.goto(server.url);
    await page.waitForSelector(`[data-testid="start-${SCENARIO}"]`);
    await page.waitForTimeout(1000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the real buildings and the modelled blocks at the Helsinki preset, all lit', async () => {
    const gulf = await canvasSample(page);
    await page.keyboard.press('2');
    await page.waitForTimeout(1500);
    expect(sampleDiff(gulf, await canvasSample(page))).toBeGreaterThan(1000);
    await screenshot(page, 'city-helsinki');
    const h = await counts(page, 'Helsinki');
    expect(Number(h['buildings'])).toBe(buildings.features.length);
    expect(Number(h['buildings-lit'])).toBe(buildings.features.length);
    expect(Number(h['blocks'])).toBe(helsinkiBlocks);
    expect(h['buildings-dark']).toBe('0');
    const t = await counts(page, 'Tallinn');
    expect(Number(t['blocks'])).toBeGreaterThan(1000);
    expect(t['blocks-dark']).toBe('0');
    expect(errors.join('\n')).toBe('');
  });

  it('hovering a building tells its height source, people affected and the population source', async () => {
    const box = (await page.locator('canvas').boundingBox())!;
    const tooltip = page.getByRole('tooltip');
    let title = '';
    for (let y = 0.35; y < 0.75 && !title; y += 0.03)
      for (let x = 0.3; x < 0.7 && !title; x += 0.02) {
        await page.mouse.move(box.x + x * box.width, box.y + y * box.height);
        await page.waitForTimeout(30);
        if (await tooltip.isVisible()) {
          const sub = await tooltip.locator('small').innerText();
          if (/Real building|Modelled blocks/.test(sub)) title = sub;
        }
      }
    expect(title).toMatch(/Real building|Modelled blocks/);
    await expect.poll(() => tooltip.locator('.live').innerText()).toMatch(/people.*population: /);
    await page.mouse.move(box.x + 5, box.y + 5);
  });

  it('tripping the substation darkens exactly what it feeds; supplied again, they light again', async () => {
    expect(fed).toBeGreaterThan(100);
    await page.getByTestId(`start-${SCENARIO}`).click();
    await expect.poll(() => page.getByTestId('run-title').innerText()).toContain('Helsinki west');
    await page.getByLabel('Playback speed (simulated seconds per second)').selectOption('30');
    await expect
      .poll(async () => Number((await counts(page, 'Helsinki'))['buildings-dark']), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(600);
    const dark = await counts(page, 'Helsinki');
    expect(Number(dark['buildings-dark'])).toBe(fed);
    expect(Number(dark['blocks-dark'])).toBe(fedBlocks);
    expect(dark['dark-feeders']).toBe(FEEDER);
    expect((await counts(page, 'Tallinn'))['blocks-dark']).toBe('0');
    await screenshot(page, 'city-helsinki-west-dark');

    // supplied again (the frames before the trip): the same buildings light again. The
    // scenario's own restoration at 480 s is not used: the engine keeps the restored
    // substation islanded (reported; see the report of issue 18)
    const timeline = page.getByTestId('timeline');
    await timeline.focus();
    await page.keyboard.press('Home');
    await expect
      .poll(async () => (await counts(page, 'Helsinki'))['buildings-dark'], { timeout: 10_000 })
      .toBe('0');
    expect((await counts(page, 'Helsinki'))['blocks-dark']).toBe('0');
    expect(Number((await counts(page, 'Helsinki'))['buildings-lit'])).toBe(
      buildings.features.length,
    );
    // and dark again, exactly as before, when the playhead is back after the trip
    await timeline.fill('300');
    await expect
      .poll(async () => Number((await counts(page, 'Helsinki'))['buildings-dark']), {
        timeout: 10_000,
      })
      .toBe(fed);
    await screenshot(page, 'city-helsinki-west-restored');
    expect(errors.join('\n')).toBe('');
  });

  it('an idle page uses under 5 % of a core; a continuous render loop uses far more', async () => {
    const idle = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const idleErrors = collectErrors(idle);
    await idle.goto(server.url);
    await idle.waitForSelector('[data-testid="city-Helsinki"]');
    await idle.waitForTimeout(3000);
    const share = await browserCpuShare(10_000);
    await idle.goto(`${server.url}/?frameloop=always`);
    await idle.waitForSelector('[data-testid="city-Helsinki"]');
    await idle.waitForTimeout(2000);
    const always = await browserCpuShare(5_000);
    console.log(
      `browser CPU, idle page 10 s: ${(100 * share).toFixed(1)} % of a core; continuous loop: ${(100 * always).toFixed(0)} %`,
    );
    await idle.close();
    expect(share).toBeLessThan(0.05);
    expect(always).toBeGreaterThan(0.3);
    expect(idleErrors.join('\n')).toBe('');
  });

  it('wall mode at the worst moment of the scenario, at 1920×1080 and 3840×2160', async () => {
    // the worst moment: the frame with the most load shed
    const runs = (await (await fetch(`${server.url}/api/runs`)).json()) as {
      runs: { id: string; scenarioId: string }[];
    };
    const run = runs.runs.find((r) => r.scenarioId === SCENARIO)!;
    const frames = (await (
      await fetch(`${server.url}/api/runs/${run.id}/frames?format=json`)
    ).json()) as { frames: { t: number; busShedMW: number[] }[] };
    const worst = frames.frames.reduce(
      (best, f) => {
        const shed = f.busShedMW.reduce((s, v) => s + v, 0);
        return shed > best.shed ? { t: f.t, shed } : best;
      },
      { t: 0, shed: -1 },
    );
    expect(worst.shed).toBeGreaterThan(100);
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      await page.setViewportSize({ width, height });
      const timeline = page.getByTestId('timeline');
      await timeline.fill(String(Math.round(worst.t)));
      await page.keyboard.press('w');
      await page.waitForSelector('[data-testid="wall"]');
      await page.keyboard.press('2');
      await expect
        .poll(async () => Number((await counts(page, 'Helsinki'))['buildings-dark']), {
          timeout: 20_000,
        })
        .toBe(fed);
      await page.waitForTimeout(1500);
      await screenshot(page, `wall-helsinki-worst-${height}`);
      await page.keyboard.press('w');
      await page.waitForSelector('.topbar');
    }
    expect(errors.join('\n')).toBe('');
  });
});
