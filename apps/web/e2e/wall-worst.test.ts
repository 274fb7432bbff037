// Wall mode at the worst moment of the Helsinki scenarios, at 1920×1080 and 3840×2160: the
// screenshots CI keeps (e2e/screenshots/wall-<scenario>-worst-<height>.png). The worst moment
// is read from the stored frames (most load shed; where nothing is shed, furthest from 50 Hz),
// and the camera is where the wall's director takes it at that moment: the city going dark,
// or the element of the event just passed.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { latestRun, runFrames, waitForRun, worstMoment } from './support/api.ts';
import { canvasStats, screenshot } from './support/browser.ts';
import { cityCounts, cityData } from './support/city.ts';
import { describeBrowser } from './support/describe-browser.ts';
import { FEEDER, RESTORED, storeScenarios } from './support/helsinki-west.ts';
import { twinSession } from './support/session.ts';

const CASCADE = 'helsinki-400kv-cascade';

/**
 * Puts the playhead on `t` and returns the clock (hh:mm:ss) once the frame there is on screen:
 * the timeline shows the time of that frame (`frames`: the run's frame times) and the clock,
 * written a moment later (seconds, with software GL drawing on the same thread), has stopped
 * changing for a second.
 */
async function scrub(page: Page, t: number, frames: readonly number[]): Promise<string> {
  const frameT = frames.filter((f) => f <= t).pop() ?? 0;
  const timeline = page.getByTestId('timeline');
  await timeline.fill(String(t));
  await expect.poll(async () => Number(await timeline.inputValue())).toBe(frameT);
  let clock = '';
  await expect
    .poll(
      async () => {
        const was = clock;
        clock = await page.getByTestId('clock').innerText();
        return clock === was;
      },
      { interval: 1000, timeout: 20_000 },
    )
    .toBe(true);
  return clock;
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
  ): Promise<{ t: number; shedMW: number; frames: number[] }> {
    await page.getByTestId(`start-${scenario}`).click();
    const play = page.getByTestId('play');
    await expect.poll(() => play.getAttribute('aria-label')).toBe('Pause');
    await play.click();
    const run = await latestRun(s.server, scenario);
    await waitForRun(s.server, run.id);
    const frames = await runFrames(s.server, run.id);
    return { ...worstMoment(frames), frames: frames.map((f) => f.t) };
  }

  /**
   * Wall mode at `t` and a screenshot per size: the playhead on a frame before `t`, wall mode,
   * then → onto `t`, so the director sees the moment arrive as it would while playing (a
   * frame that turns the city dark, an event passed) and flies there.
   */
  async function shoot(
    page: Page,
    name: string,
    t: number,
    frames: readonly number[],
    check: () => Promise<void>,
  ): Promise<void> {
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      const timeline = page.getByTestId('timeline');
      // Transport's stepSeek: max(10 s, a 60th of the run)
      const step = Math.max(10, Number(await timeline.getAttribute('max')) / 60);
      // the wall has no timeline: its clock tells where the playhead is (no run here
      // crosses midnight, so hh:mm:ss compare as strings)
      const target = await scrub(page, t, frames);
      // 'step' from the frame before `t` when a step reaches `t` from there, else a step back
      const previous = frames.filter((f) => f < t).pop() ?? 0;
      const before = previous + step >= t ? previous : Math.max(0, t - step);
      await scrub(page, before, frames);
      await page.keyboard.press('w');
      await page.waitForSelector('[data-testid="wall"]');
      const wallClock = (): Promise<string> => page.getByTestId('wall-clock').innerText();
      // the playhead is a frame's time: a step from a frame before `t` may land short of it
      for (let k = 0; k < 6 && (await wallClock()) < target; k++) {
        const at = await wallClock();
        await page.keyboard.press('ArrowRight');
        await expect.poll(wallClock).not.toBe(at);
      }
      console.log(
        `${name} at ${width}×${height}: worst moment t = ${t} s (${target}), on screen ${await wallClock()}`,
      );
      await check();
      // the legend (line styles, real and modelled buildings, lit counts) stays clear of the
      // header and the footer in its larger wall type
      const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
      const legend = await box('.app.wall .legend');
      expect(legend.y).toBeGreaterThanOrEqual(
        (await box('.wall-header')).y + (await box('.wall-header')).height,
      );
      expect(legend.y + legend.height).toBeLessThanOrEqual((await box('.wall-footer')).y);
      await expect
        .poll(async () => (await canvasStats(page)).differing, { timeout: 20_000 })
        .toBeGreaterThan(1000);
      await page.waitForTimeout(1500);
      await screenshot(page, `wall-${name}-worst-${height}`);
      await page.keyboard.press('w');
      await page.waitForSelector('.topbar');
    }
  }

  it('Helsinki west city substation: the dark city at 1080p and 4K', async () => {
    const { page } = s;
    const worst = await open(page, RESTORED);
    expect(worst.shedMW).toBeGreaterThan(100);
    const fed = cityData('Helsinki', FEEDER).fedBuildings;
    await shoot(page, 'helsinki-west', worst.t, worst.frames, async () => {
      await expect
        .poll(async () => (await cityCounts(page, 'Helsinki'))['buildings-dark'], {
          timeout: 20_000,
        })
        .toBe(fed);
    });
    expect(s.errors.join('\n')).toBe('');
  });

  it('cascade on the 400 kV corridor into Helsinki: the faulted corridor at 1080p and 4K', async () => {
    const { page } = s;
    const worst = await open(page, CASCADE);
    // the grid rides through this double fault (docs/validation.md): the worst is its swing
    expect(worst.shedMW).toBeLessThan(1);
    expect(worst.t).toBeGreaterThanOrEqual(300);
    await shoot(page, 'helsinki-cascade', worst.t, worst.frames, async () => {
      // stepping onto the moment passed the line trips: the log's current entry is one
      await expect
        .poll(() => page.locator('[data-testid="event-log"] [aria-current="true"]').innerText(), {
          timeout: 20_000,
        })
        .toMatch(/tripped|operator/);
    });
    expect(s.errors.join('\n')).toBe('');
  });
});
