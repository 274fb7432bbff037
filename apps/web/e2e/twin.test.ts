// The twin in Debian's Chromium against the real server (buildApp on an ephemeral port serving
// the built app): it loads without console errors, draws the scene, an Estlink 2 run changes
// the KPIs and the scene, scrubbing moves the event log, and the controls work from the keyboard.
// Screenshots go to e2e/screenshots/ (kept by CI as artefacts).
import { lastIndexAtOrBefore } from '@finest/protocol';
import { expect, it } from 'vitest';
import { latestRun, runFrames, waitForRun } from './support/api.ts';
import { canvasSample, canvasStats, sampleDiff, screenshot } from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import { twinSession } from './support/session.ts';

const ESTLINK2 = 'estlink2-2024-12-25';

describeBrowser('the twin in the browser', () => {
  const s = twinSession({ ready: `[data-testid="start-${ESTLINK2}"]`, settleMs: 1500 });

  it('loads with no console errors and draws a non-blank scene', async () => {
    const stats = await canvasStats(s.page);
    await screenshot(s.page, 'twin-start');
    expect(stats.width).toBeGreaterThan(600);
    // sea, land, lines, markers, districts: many colours, most samples unlike the corner
    expect(stats.colours).toBeGreaterThan(30);
    expect(stats.differing).toBeGreaterThan(1000);
    expect(s.errors.join('\n')).toBe('');
  });

  it('starting the Estlink 2 scenario changes the KPIs and the scene', async () => {
    const estlinks = s.page.getByTestId('estlinks');
    await expect.poll(() => estlinks.innerText()).toContain('appear with a run');
    const idle = await canvasSample(s.page);

    await s.page.getByTestId(`start-${ESTLINK2}`).click();
    await expect.poll(() => s.page.getByTestId('run-title').innerText()).toContain('Estlink 2');
    // the recorded transfer before the fault, FI → EE
    await expect
      .poll(() => estlinks.innerText(), { timeout: 30_000 })
      .toMatch(/Estlink 2: 658 MW FI→EE/);
    await s.page.waitForTimeout(500);
    const before = await canvasSample(s.page);
    await screenshot(s.page, 'twin-estlink2-before-trip');
    expect(sampleDiff(idle, before)).toBeGreaterThan(200);

    // play fast to the anchor strike at 12:26:04
    await s.page.getByLabel('Playback speed (simulated seconds per second)').selectOption('120');
    await expect.poll(() => estlinks.innerText(), { timeout: 30_000 }).toMatch(/Estlink 2: 0 MW/);
    await expect
      .poll(() => s.page.getByTestId('live-frequency-EE').innerText())
      .not.toBe('50.000 Hz');
    await expect
      .poll(() => s.page.getByTestId('kpi-Frequency nadir-EE').innerText(), { timeout: 30_000 })
      .toMatch(/49\.\d+ Hz/);
    await s.page.getByRole('button', { name: 'Pause' }).click();
    await s.page.waitForTimeout(500);
    const after = await canvasSample(s.page);
    await screenshot(s.page, 'twin-estlink2-after-trip');
    expect(sampleDiff(before, after)).toBeGreaterThan(20);
    // the cut cable's label is an alert naming when it tripped (the log's time of the strike)
    const link = s.page.getByTestId('link-label-H14816');
    await expect.poll(() => link.getAttribute('class')).toContain('label-alert');
    expect(await link.textContent()).toMatch(/Estlink 2\s*tripped 12:26:04/);
    // the record: no load shed in either country
    expect(await s.page.getByTestId('kpi-Peak load shed-FI').innerText()).toBe('0 MW');
    expect(await s.page.getByTestId('kpi-Peak load shed-EE').innerText()).toBe('0 MW');
    expect(s.errors.join('\n')).toBe('');
  });

  it('scrubbing the timeline moves the event log', async () => {
    const current = s.page.locator('[data-testid="event-log"] [aria-current="true"]');
    const timeline = s.page.getByTestId('timeline');
    await timeline.focus();
    await s.page.keyboard.press('Home');
    await expect.poll(() => current.innerText()).toContain('set to 658 MW');
    await expect.poll(() => s.page.getByTestId('clock').innerText()).toBe('12:20:00');
    await s.page.keyboard.press('End');
    // the last entry at the end of the replay is the operator's re-dispatch after the trip
    await expect.poll(() => current.innerText()).toMatch(/tripped|operator:/);
    await expect.poll(() => s.page.getByTestId('clock').innerText()).not.toBe('12:20:00');
    await screenshot(s.page, 'twin-scrubbed-end');
    // and back before the strike: the trip is no longer the current entry
    await timeline.fill('200');
    await expect.poll(() => current.innerText()).toContain('set to 658 MW');
    const future = s.page.locator('[data-testid="event-log"] li.log-future');
    await expect.poll(() => future.count()).toBeGreaterThan(0);
    expect(s.errors.join('\n')).toBe('');
  });

  it('→ and ← step to the next and previous frame, Shift+→ a 60th of the run on', async () => {
    const run = await latestRun(s.server, ESTLINK2);
    await waitForRun(s.server, run.id);
    const times = (await runFrames(s.server, run.id)).map((f) => f.t);
    const timeline = s.page.getByTestId('timeline');
    const onScreen = async (): Promise<number> =>
      Number(await timeline.getAttribute('data-frame-t'));
    /** the first frame whose next frame is `gap`-like away */
    const first = (gap: (s: number) => boolean): number =>
      times.findIndex((t, k) => k + 1 < times.length && gap(times[k + 1]! - t));
    // 0.2 s apart after the strike, where a fixed 10 s step jumps over dozens of frames, and
    // 30 s or more apart, where it lands on the same frame
    const dense = first((g) => g < 1);
    const sparse = first((g) => g >= 20);
    expect(dense).toBeGreaterThanOrEqual(0);
    expect(sparse).toBeGreaterThanOrEqual(0);
    for (const k of [dense, sparse]) {
      await timeline.fill(String(times[k]));
      await expect.poll(onScreen).toBeCloseTo(times[k]!, 6);
      // the arrows to the page, not to the slider
      await timeline.evaluate((el) => el.blur());
      await s.page.keyboard.press('ArrowRight');
      await expect.poll(onScreen).toBeCloseTo(times[k + 1]!, 6);
      await s.page.keyboard.press('ArrowLeft');
      await expect.poll(onScreen).toBeCloseTo(times[k]!, 6);
    }
    // Shift: a 60th of the run on, and at least the next frame (the server shows the last
    // frame at or before the time sought)
    const jump = Math.max(10, Number(await timeline.getAttribute('max')) / 60);
    const target = Math.max(times[sparse]! + jump, times[sparse + 1]!);
    const expected = times[lastIndexAtOrBefore(times.length, (i) => times[i]!, target)]!;
    await s.page.keyboard.press('Shift+ArrowRight');
    await expect.poll(onScreen).toBeCloseTo(expected, 6);
    expect(expected).toBeGreaterThan(times[sparse]!);
    expect(s.errors.join('\n')).toBe('');
  });

  it('inspects what the pointer is on: a tooltip on hover, the inspector on click', async () => {
    const box = (await s.page.locator('canvas').boundingBox())!;
    const tooltip = s.page.getByRole('tooltip');
    let hit = false;
    // sweep the middle of the view until the pointer is on a line, a cable or a substation
    for (let y = 0.3; y < 0.8 && !hit; y += 0.05)
      for (let x = 0.3; x < 0.8 && !hit; x += 0.025) {
        await s.page.mouse.move(box.x + x * box.width, box.y + y * box.height);
        await s.page.waitForTimeout(40);
        hit = await tooltip.isVisible();
      }
    expect(hit).toBe(true);
    const title = await tooltip.locator('strong').innerText();
    expect(title.length).toBeGreaterThan(0);
    await s.page.mouse.down();
    await s.page.mouse.up();
    const inspector = s.page.getByTestId('inspector');
    await inspector.waitFor();
    expect(await inspector.locator('h2').innerText()).toBe(title);
    // the live line: a flow, a loading, a status or a supply
    await expect
      .poll(() => inspector.locator('.live').innerText())
      .toMatch(/MW|TRIPPED|out of service|supplied|OUT|ENERGISED|pu/);
    expect(await inspector.innerText()).toMatch(/Dataset|Population|Fed from/);
    await screenshot(s.page, 'twin-inspector');
    await s.page.getByRole('button', { name: 'Close the inspector' }).click();
  });

  it('works from the keyboard, and every button has a name', async () => {
    await s.page.locator('body').click({ position: { x: 5, y: 5 } });
    const play = s.page.getByTestId('play');
    const label = await play.getAttribute('aria-label');
    await s.page.keyboard.press('Space');
    await expect.poll(() => play.getAttribute('aria-label')).not.toBe(label);
    await s.page.keyboard.press('Space');
    await expect.poll(() => play.getAttribute('aria-label')).toBe(label);

    const region = await canvasSample(s.page);
    await s.page.keyboard.press('2'); // Helsinki
    await s.page.waitForTimeout(800);
    await screenshot(s.page, 'twin-helsinki');
    expect(sampleDiff(region, await canvasSample(s.page))).toBeGreaterThan(1000);

    await s.page.keyboard.press('h');
    await expect(s.page.getByRole('dialog', { name: 'Keys' }).isVisible()).resolves.toBe(true);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);

    const unnamed = await s.page.evaluate(() =>
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
    expect(s.errors.join('\n')).toBe('');
  });
});
