// The sweep view in the browser against the real server: a sweep started over REST is listed
// with its progress, drawn as a day × hour heatmap of energy not served per variant, and a
// click on a cell opens that run in the twin.
import { SweepCreatedSchema, SweepDetailsSchema } from '@finest/protocol';
import { expect, it } from 'vitest';
import { get, send } from './support/api.ts';
import { screenshot } from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import { twinSession } from './support/session.ts';
import type { RunningServer } from './support/twin-server.ts';

/** a sweep of 8 runs, stored and finished before the page opens */
async function seed(server: RunningServer): Promise<void> {
  const { sweep } = await send(
    server,
    '/api/sweeps',
    {
      scenarioIds: ['estlink2-2024-12-25'],
      hours: '0-8759:2190',
      operator: ['on', 'off'],
      title: 'Estlink 2 through the year',
    },
    202,
    SweepCreatedSchema,
  );
  const end = Date.now() + 150_000;
  for (;;) {
    const { info } = await get(server, `/api/sweeps/${sweep.id}`, SweepDetailsSchema);
    if (info.status === 'done') return;
    if (info.status === 'failed' || info.status === 'cancelled')
      throw new Error(`sweep ${info.status}: ${info.error ?? ''}`);
    if (Date.now() > end) throw new Error(`sweep still ${info.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describeBrowser('sweep view', () => {
  const s = twinSession({ seed, path: '/?view=sweeps' });

  it('lists the sweep and draws a heatmap per variant', async () => {
    await s.page.getByTestId('sweep-view').waitFor();
    await expect
      .poll(() => s.page.getByTestId('sweep-status').innerText())
      .toMatch(/done: 8 of 8 runs/);
    await expect.poll(() => s.page.locator('.sweep-heatmap svg rect.cell').count()).toBe(8);
    const groups = s.page.locator('.sweep-group h3');
    await expect
      .poll(() => groups.allInnerTexts())
      .toEqual([
        'Estlink 2 anchor strike, 25 December 2024 · operator=on',
        'Estlink 2 anchor strike, 25 December 2024 · operator=off',
      ]);
    await s.page.locator('.sweep-heatmap svg rect.cell[data-hour="4380"]').first().hover();
    await expect.poll(() => s.page.locator('.sweep-tip').first().innerText()).toMatch(/hour 4380/);
    await screenshot(s.page, 'sweep-heatmap');
    expect(s.errors.join('\n')).toBe('');
  });

  it('opens a cell in the twin', async () => {
    await s.page.locator('.sweep-heatmap svg rect.cell[data-hour="2190"]').first().click();
    await s.page.getByTestId('sweep-view').waitFor({ state: 'detached' });
    await expect
      .poll(() => s.page.getByTestId('run-title').innerText(), { timeout: 60_000 })
      .toMatch(/Estlink 2 anchor strike/);
    // hour 2190 of 2015 starts 2015-04-02 18:00 UTC
    await expect.poll(() => s.page.getByTestId('run-title').innerText()).toMatch(/2015/);
    expect(s.errors.join('\n')).toBe('');
  });
});
