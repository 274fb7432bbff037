// The twin city in Debian's Chromium against the real server: at the Helsinki preset the real
// buildings are drawn (their counts per city are on the page), tripping a city substation
// darkens exactly the buildings and blocks it feeds, and they light again when it is restored
// — by the scenario's own restore event, and by the planner reconnecting it in a what-if.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { canvasSample, sampleDiff, screenshot } from './support/browser.ts';
import { cityCounts, cityData, darkTinted } from './support/city.ts';
import { describeBrowser } from './support/describe-browser.ts';
import {
  FEEDER,
  LEFT_OUT,
  RESTORE_S,
  RESTORED,
  storeScenarios,
  TRIP_S,
} from './support/helsinki-west.ts';
import { twinSession } from './support/session.ts';

const helsinki = cityData('Helsinki', FEEDER);
const SPEED = 'Playback speed (simulated seconds per second)';

/** s of the run on screen (the timeline's value) */
const playheadS = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('timeline').inputValue());

/** Plays or pauses (the one button says what it would do). */
async function setPlaying(page: Page, playing: boolean): Promise<void> {
  const button = page.getByTestId('play');
  const want = playing ? 'Pause' : 'Play';
  if ((await button.getAttribute('aria-label')) !== want) await button.click();
  await expect.poll(() => button.getAttribute('aria-label')).toBe(want);
}

/** Plays at 30× until the playhead is past `pastS` with Helsinki's dark buildings as `dark` wants, then pauses. */
async function playUntil(page: Page, pastS: number, dark: (n: number) => boolean): Promise<void> {
  await page.getByLabel(SPEED).selectOption('30');
  await setPlaying(page, true);
  await expect
    .poll(
      async () =>
        (await playheadS(page)) >= pastS &&
        dark((await cityCounts(page, 'Helsinki'))['buildings-dark']),
      { timeout: 60_000 },
    )
    .toBe(true);
  await setPlaying(page, false);
  await page.waitForTimeout(600);
}

/** After a scrub: waits for Helsinki's dark buildings to be `n`. */
async function darkSoon(page: Page, n: number): Promise<void> {
  await expect
    .poll(async () => (await cityCounts(page, 'Helsinki'))['buildings-dark'], { timeout: 10_000 })
    .toBe(n);
}

/** Exactly what FEEDER feeds is dark in Helsinki, and nothing in Tallinn. */
async function expectFeederDark(page: Page): Promise<void> {
  const h = await cityCounts(page, 'Helsinki');
  expect(h['buildings-dark']).toBe(helsinki.fedBuildings);
  expect(h['buildings-lit']).toBe(helsinki.buildings - helsinki.fedBuildings);
  expect(h['blocks-dark']).toBe(helsinki.fedBlocks);
  expect(h['dark-feeders']).toBe(FEEDER);
  expect((await cityCounts(page, 'Tallinn'))['blocks-dark']).toBe(0);
}

/** Every building and block of both cities is lit. */
async function expectAllLit(page: Page): Promise<void> {
  const h = await cityCounts(page, 'Helsinki');
  expect(h['buildings-lit']).toBe(helsinki.buildings);
  expect(h['blocks-lit']).toBe(helsinki.blocks);
  expect(h['dark-feeders']).toBe('');
  expect((await cityCounts(page, 'Tallinn'))['blocks-dark']).toBe(0);
}

describeBrowser('the twin city', () => {
  const s = twinSession({
    seed: storeScenarios,
    ready: `[data-testid="start-${RESTORED}"]`,
    settleMs: 1000,
  });
  /** canvas samples tinted dark in the Helsinki view before any run */
  let litView = -1;

  it('draws the real buildings and the modelled blocks at the Helsinki preset, all lit', async () => {
    const gulf = await canvasSample(s.page);
    await s.page.keyboard.press('2');
    await s.page.waitForTimeout(1500);
    const view = await canvasSample(s.page);
    expect(sampleDiff(gulf, view)).toBeGreaterThan(1000);
    litView = darkTinted(view);
    await screenshot(s.page, 'city-helsinki');
    const h = await cityCounts(s.page, 'Helsinki');
    expect(h.buildings).toBe(helsinki.buildings);
    expect(h.blocks).toBe(helsinki.blocks);
    await expectAllLit(s.page);
    const t = await cityCounts(s.page, 'Tallinn');
    expect(t.blocks).toBeGreaterThan(1000);
    expect(t.buildings).toBe(0);
    expect(s.errors.join('\n')).toBe('');
  });

  it('hovering a building tells its height source, people affected and the population source', async () => {
    const box = (await s.page.locator('canvas').boundingBox())!;
    const tooltip = s.page.getByRole('tooltip');
    let title = '';
    for (let y = 0.35; y < 0.75 && !title; y += 0.03)
      for (let x = 0.3; x < 0.7 && !title; x += 0.02) {
        await s.page.mouse.move(box.x + x * box.width, box.y + y * box.height);
        await s.page.waitForTimeout(30);
        if (await tooltip.isVisible()) {
          const sub = await tooltip.locator('small').innerText();
          if (/Real building|Modelled blocks/.test(sub)) title = sub;
        }
      }
    expect(title).toMatch(/Real building|Modelled blocks/);
    await expect.poll(() => tooltip.locator('.live').innerText()).toMatch(/people.*population: /);
    await s.page.mouse.move(box.x + 5, box.y + 5);
    await expect.poll(() => tooltip.isVisible()).toBe(false);
  });

  it('tripping the substation darkens exactly what it feeds; its restore event lights them again', async () => {
    expect(helsinki.fedBuildings).toBeGreaterThan(100);
    expect(helsinki.fedBuildings).toBeLessThan(helsinki.buildings);
    const { page } = s;
    await page.getByTestId(`start-${RESTORED}`).click();
    await expect.poll(() => page.getByTestId('run-title').innerText()).toContain('Helsinki west');
    await playUntil(page, TRIP_S, (n) => n > 0);
    expect(await playheadS(page)).toBeGreaterThanOrEqual(TRIP_S);
    expect(await playheadS(page)).toBeLessThan(RESTORE_S);
    await expectFeederDark(page);
    // the picture agrees with the counts: the cold tint of lost supply is on screen
    const darkView = darkTinted(await canvasSample(page));
    await screenshot(page, 'city-helsinki-west-dark');

    // played on past the restore event: the engine's frames supply the feeder again
    await playUntil(page, RESTORE_S, (n) => n === 0);
    await expectAllLit(page);
    const restoredView = darkTinted(await canvasSample(page));
    await screenshot(page, 'city-helsinki-west-restored');
    console.log(
      `canvas samples tinted dark: lit ${litView}, dark ${darkView}, restored ${restoredView}`,
    );
    expect(litView).toBeLessThan(5);
    expect(darkView).toBeGreaterThan(100);
    expect(restoredView).toBeLessThan(5);

    // scrubbing back into the outage darkens the same buildings again; to the start, all lit
    const timeline = page.getByTestId('timeline');
    await timeline.fill('300');
    await darkSoon(page, helsinki.fedBuildings);
    await expectFeederDark(page);
    await timeline.focus();
    await page.keyboard.press('Home');
    await darkSoon(page, 0);
    await expectAllLit(page);
    expect(s.errors.join('\n')).toBe('');
  });

  it('left out by its scenario, the substation reconnected in a what-if lights them again', async () => {
    const { page } = s;
    await page.getByTestId(`start-${LEFT_OUT}`).click();
    await expect.poll(() => page.getByTestId('run-title').innerText()).toContain('stays out');
    // a minute into the outage, so that a moment of it lies before the branch
    await playUntil(page, TRIP_S + 60, (n) => n > 0);
    await expectFeederDark(page);
    const at = await playheadS(page);

    await page.getByRole('button', { name: 'What-if…' }).click();
    const whatIf = page.getByRole('dialog', { name: 'What-if from now' });
    await whatIf.waitFor();
    await whatIf.getByRole('combobox').first().selectOption('restore');
    await whatIf.locator('select').nth(1).selectOption('substation');
    await whatIf.getByLabel('Id').fill(FEEDER);
    await whatIf.getByRole('button', { name: 'Branch and play' }).click();
    await expect
      .poll(() => page.getByTestId('run-title').innerText(), { timeout: 30_000 })
      .toContain('(what-if)');
    // the what-if is computed again from the start and played from there: past the branch
    // (the restore event) the feeder is supplied
    await playUntil(page, at + 1, (n) => n === 0);
    await expectAllLit(page);
    expect(darkTinted(await canvasSample(page))).toBeLessThan(5);
    // before the branch it is the parent's outage: the same buildings dark
    await page.getByTestId('timeline').fill(String(TRIP_S + 30));
    await darkSoon(page, helsinki.fedBuildings);
    await expectFeederDark(page);
    expect(s.errors.join('\n')).toBe('');
  });
});
