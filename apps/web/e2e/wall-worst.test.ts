// Wall mode at the worst moment of the Helsinki scenarios, at 1920×1080 and 3840×2160: the
// screenshots CI keeps (e2e/screenshots/wall-<scenario>-worst-<height>.png, and the Gulf
// overview of the dark city, wall-helsinki-west-gulf-<height>.png). The worst moment is read
// from the stored frames (most load shed; where nothing is shed, furthest from 50 Hz), and the
// camera is where the wall's director takes it at that moment: the city going dark, or the
// element of the event just passed. What is checked there: the district names do not overlap,
// the tripped line is named with its time, the KPI column leaves both cities in view.
import type { LogEntry } from '@finest/scenario/schema';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { latestRun, runFrames, runLog, waitForRun, worstMoment } from './support/api.ts';
import { alertRed, canvasSample, canvasStats, screenshot } from './support/browser.ts';
import { cityCounts, cityData } from './support/city.ts';
import { describeBrowser } from './support/describe-browser.ts';
import { FEEDER, RESTORED, storeScenarios } from './support/helsinki-west.ts';
import { twinSession } from './support/session.ts';

const CASCADE = 'helsinki-400kv-cascade';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const apart = (a: Box, b: Box): boolean =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
const inside = (x: number, y: number, b: Box): boolean =>
  x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

/** s of the frame on screen, as the timeline or the wall clock carries it */
async function frameT(page: Page, testId: 'timeline' | 'wall-clock'): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-frame-t'));
}

/**
 * Puts the playhead on the last frame at or before `t` (whole seconds: the range input snaps
 * to them) and waits until that frame is on screen.
 */
async function scrub(page: Page, t: number, frames: readonly number[]): Promise<void> {
  const want = frames.filter((f) => f <= t).pop() ?? 0;
  await page.getByTestId('timeline').fill(String(t));
  await expect.poll(() => frameT(page, 'timeline'), { timeout: 20_000 }).toBeCloseTo(want, 6);
}

/** The rectangles of the labels of this test id that are shown now. */
async function shownLabels(page: Page, testId: string): Promise<(Box & { text: string })[]> {
  return page.getByTestId(testId).evaluateAll((els) =>
    els
      .filter((el) => getComputedStyle(el).visibility === 'visible')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent ?? '' };
      }),
  );
}

/** No two district names shown overlap (the projector's declutter); returns how many show. */
async function expectDistrictsApart(page: Page): Promise<number> {
  const shown = await shownLabels(page, 'label-district');
  for (let i = 0; i < shown.length; i++)
    for (let j = i + 1; j < shown.length; j++)
      expect(apart(shown[i]!, shown[j]!), `"${shown[i]!.text}" overlaps "${shown[j]!.text}"`).toBe(
        true,
      );
  return shown.length;
}

const SIZES = [
  [1920, 1080],
  [3840, 2160],
] as const;

describeBrowser('wall mode at the worst moment', () => {
  const s = twinSession({ seed: storeScenarios, ready: `[data-testid="start-${RESTORED}"]` });

  /** Starts `scenario` in the page, pauses it and returns its worst moment once computed. */
  async function open(
    page: Page,
    scenario: string,
  ): Promise<{ t: number; shedMW: number; frames: number[]; log: LogEntry[] }> {
    await page.getByTestId(`start-${scenario}`).click();
    const play = page.getByTestId('play');
    await expect.poll(() => play.getAttribute('aria-label')).toBe('Pause');
    await play.click();
    const run = await latestRun(s.server, scenario);
    await waitForRun(s.server, run.id);
    const frames = await runFrames(s.server, run.id);
    const log = await runLog(s.server, run.id);
    return { ...worstMoment(frames), frames: frames.map((f) => f.t), log };
  }

  /**
   * Wall mode at `t` and a screenshot per size: the playhead on a frame at or before `from`,
   * wall mode, then → frame by frame onto `t`, so the director sees the moment arrive as it
   * would while playing (a frame that turns the city dark, an event passed) and flies there.
   */
  async function shoot(
    page: Page,
    name: string,
    from: number,
    t: number,
    frames: readonly number[],
    check: (height: number) => Promise<void>,
  ): Promise<void> {
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await scrub(page, Math.floor(from), frames);
      await page.keyboard.press('w');
      await page.waitForSelector('[data-testid="wall"]');
      // → is the next frame (Transport's stepSeek): the wall has no timeline, its clock says
      for (let k = 0; k < 80 && (await frameT(page, 'wall-clock')) < t - 1e-6; k++) {
        const at = await frameT(page, 'wall-clock');
        await page.keyboard.press('ArrowRight');
        await expect
          .poll(() => frameT(page, 'wall-clock'), { timeout: 20_000 })
          .toBeGreaterThan(at);
      }
      expect(await frameT(page, 'wall-clock')).toBeCloseTo(t, 6);
      console.log(
        `${name} at ${width}×${height}: worst moment t = ${t} s, on screen ${await page.getByTestId('wall-clock').innerText()}`,
      );
      await check(height);
      // the legend (line styles, real and modelled buildings, lit counts) stays clear of the
      // header and the footer in its larger wall type
      const box = async (sel: string): Promise<Box> =>
        (await page.locator(sel).first().boundingBox())!;
      const legend = await box('.app.wall .legend');
      const header = await box('.wall-header');
      expect(legend.y).toBeGreaterThanOrEqual(header.y + header.height);
      expect(legend.y + legend.height).toBeLessThanOrEqual((await box('.wall-footer')).y);
      await expect
        .poll(async () => (await canvasStats(page)).differing, { timeout: 20_000 })
        .toBeGreaterThan(1000);
      await page.waitForTimeout(1500);
      await expectDistrictsApart(page);
      await screenshot(page, `wall-${name}-worst-${height}`);
      await page.keyboard.press('w');
      await page.waitForSelector('.topbar');
    }
  }

  /**
   * At the Gulf overview (key 1) both cities are in the part of the view no panel covers —
   * the KPI column among them — and neither city's name is under the KPIs.
   */
  async function expectCitiesClear(page: Page): Promise<void> {
    await page.keyboard.press('1');
    const view = (await page.getByTestId('wall-view').boundingBox())!;
    const kpis = (await page.locator('.wall-side').boundingBox())!;
    const cities = async () => [
      ...(await shownLabels(page, 'label-city-Helsinki')),
      ...(await shownLabels(page, 'label-city-Tallinn')),
    ];
    await expect.poll(async () => (await cities()).length, { timeout: 20_000 }).toBe(2);
    // reduced motion: the flight is a jump, but the labels follow the next drawn frame
    await page.waitForTimeout(1000);
    for (const c of await cities()) {
      // a city's name sits just above the city (its box's bottom middle is the anchor)
      expect(inside(c.x + c.width / 2, c.y + c.height, view), `${c.text} in view`).toBe(true);
      expect(apart(c, kpis), `${c.text} clear of the KPIs`).toBe(true);
    }
  }

  it('Helsinki west city substation: the dark city at 1080p and 4K', async () => {
    const { page } = s;
    const worst = await open(page, RESTORED);
    expect(worst.shedMW).toBeGreaterThan(100);
    const fed = cityData('Helsinki', FEEDER).fedBuildings;
    const before = worst.frames.filter((f) => f < worst.t).pop() ?? 0;
    await shoot(page, 'helsinki-west', before, worst.t, worst.frames, async (height) => {
      await expect
        .poll(async () => (await cityCounts(page, 'Helsinki'))['buildings-dark'], {
          timeout: 20_000,
        })
        .toBe(fed);
      // over the city: districts named, those without supply as alerts, none overlapping
      await page.waitForTimeout(1000);
      expect(await expectDistrictsApart(page)).toBeGreaterThanOrEqual(8);
      const dark = page.locator('[data-testid="label-district"].label-alert');
      expect(await dark.count()).toBeGreaterThan(0);
      await expect
        .poll(() => page.getByTestId('label-city-Helsinki').getAttribute('class'))
        .toContain('label-alert');
      expect(await page.getByTestId('label-city-Tallinn').getAttribute('class')).not.toContain(
        'label-alert',
      );
      expect(await page.getByTestId('legend-no-supply').isVisible()).toBe(true);
      // the dark part of the city in the alert red
      await expect
        .poll(async () => alertRed(await canvasSample(page)), { timeout: 20_000 })
        .toBeGreaterThan(50);
      // the Gulf: which city is dark, seen whole beside the KPIs
      await expectCitiesClear(page);
      await page.waitForTimeout(1500);
      // Estlink 2 runs under the two cities' names from here: its label moves beside its route
      expect(
        await page
          .getByTestId('link-label-H14816')
          .evaluate((el) => getComputedStyle(el).visibility),
      ).toBe('visible');
      await screenshot(page, `wall-helsinki-west-gulf-${height}`);
      await page.keyboard.press('2');
    });
    expect(s.errors.join('\n')).toBe('');
  });

  it('cascade on the 400 kV corridor into Helsinki: the faulted corridor at 1080p and 4K', async () => {
    const { page } = s;
    const worst = await open(page, CASCADE);
    // the grid rides through this double fault (docs/validation.md): the worst is its swing
    expect(worst.shedMW).toBeLessThan(1);
    expect(worst.t).toBeGreaterThanOrEqual(300);
    // from before the last line trip up to the worst moment: the director flies to the line
    const trip = worst.log.filter((e) => e.kind === 'trip' && e.t <= worst.t).pop()!;
    expect(trip.element?.kind).toBe('branch');
    const id = trip.element!.id;
    // the log's own words for the line: "Forssa–FI:8494 400 kV line (L10888) tripped (…)"
    const name = trip.text.slice(0, trip.text.indexOf(' tripped'));
    expect(name).toContain(`(${id})`);
    const from = worst.frames.filter((f) => f < trip.t).pop() ?? 0;
    await shoot(page, 'helsinki-cascade', from, worst.t, worst.frames, async () => {
      await expect
        .poll(() => page.locator('[data-testid="event-log"] [aria-current="true"]').innerText(), {
          timeout: 20_000,
        })
        .toMatch(/tripped|operator/);
      // the tripped line named on the map, in the branch label's words, with its time
      const label = page.getByTestId(`tripped-${id}`);
      await expect
        .poll(() => label.evaluate((el) => getComputedStyle(el).visibility), {
          timeout: 20_000,
        })
        .toBe('visible');
      expect(await label.innerText()).toContain(name);
      expect((await label.innerText()).toUpperCase()).toContain(`TRIPPED ${trip.clock}`);
      const view = (await page.getByTestId('wall-view').boundingBox())!;
      const box = (await label.boundingBox())!;
      expect(inside(box.x + box.width / 2, box.y + box.height, view)).toBe(true);
      // every line of the cascade still out is named, not only the latest: a short line under
      // the city's name gets its label beside it
      const out = worst.log
        .filter((e) => e.kind === 'trip' && e.t <= worst.t && e.element?.kind === 'branch')
        .map((e) => e.element!.id)
        .filter(
          (b) =>
            !worst.log.some((e) => e.kind === 'restore' && e.t <= worst.t && e.element?.id === b),
        );
      expect(out.length).toBeGreaterThanOrEqual(2);
      for (const b of out) {
        await expect
          .poll(
            () =>
              page.getByTestId(`tripped-${b}`).evaluate((el) => getComputedStyle(el).visibility),
            { timeout: 20_000 },
          )
          .toBe('visible');
      }
      // and drawn in the alert red, wide (nothing is shed here: the red is the tripped lines)
      await expect
        .poll(async () => alertRed(await canvasSample(page)), { timeout: 20_000 })
        .toBeGreaterThan(10);
    });
    expect(s.errors.join('\n')).toBe('');
  });
});
