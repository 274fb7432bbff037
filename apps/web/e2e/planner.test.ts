// The planner's tools in the browser against the real server: the scenario editor validates
// with the scenario schema and saves a user scenario; a what-if branches from the playhead; two
// runs compare side by side with the differences marked.
import { expect, it } from 'vitest';
import { screenshot } from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import { twinSession } from './support/session.ts';

describeBrowser('planner tools', () => {
  const s = twinSession({ ready: '[data-testid="start-estlink2-2024-12-25"]' });

  it('edits a copy of a library scenario, shows schema errors with their paths, and saves it', async () => {
    await s.page
      .getByRole('button', { name: 'Duplicate and edit Estlink 2 anchor strike, 25 December 2024' })
      .click();
    const dialog = s.page.getByRole('dialog', { name: 'Scenario editor' });
    await dialog.waitFor();
    await dialog.getByLabel('Id (kebab-case)').fill('Not Kebab');
    await dialog.getByLabel('Duration s').fill('300');
    await dialog.getByRole('button', { name: 'Validate' }).click();
    const issues = s.page.getByTestId('editor-issues');
    await expect.poll(() => issues.innerText()).toContain('id');
    // the trip at 364 s is now after the end
    await expect.poll(() => issues.innerText()).toMatch(/events\.1\.at/);
    await screenshot(s.page, 'planner-editor-issues');
    await dialog.getByLabel('Id (kebab-case)').fill('estlink2-short');
    await dialog.getByLabel('Duration s').fill('1200');
    await dialog.getByLabel('Title').fill('Estlink 2, short');
    await dialog.getByRole('button', { name: 'Save as new' }).click();
    await expect.poll(() => s.page.locator('[data-scenario="estlink2-short"]').count()).toBe(1);
    await expect.poll(() => issues.innerText()).toBe('');
    await s.page.getByRole('button', { name: 'Close Scenario editor' }).click();
    expect(s.errors.join('\n')).toBe('');
  });

  it('branches a what-if from the playhead and compares it with its parent', async () => {
    await s.page.getByTestId('start-estlink2-short').click();
    await expect
      .poll(() => s.page.getByTestId('run-title').innerText())
      .toContain('Estlink 2, short');
    await s.page.getByLabel('Playback speed (simulated seconds per second)').selectOption('60');
    // past the trip, then pause
    await expect
      .poll(() => s.page.getByTestId('estlinks').innerText(), { timeout: 30_000 })
      .toMatch(/Estlink 2: 0 MW/);
    await s.page.getByRole('button', { name: 'Pause' }).click();
    const parentTitle = await s.page.getByTestId('run-title').innerText();

    await s.page.getByRole('button', { name: 'What-if…' }).click();
    const whatIf = s.page.getByRole('dialog', { name: 'What-if from now' });
    await whatIf.waitFor();
    await whatIf.getByRole('combobox').first().selectOption('trip');
    // what if Olkiluoto 3 (1,600 MW) trips too, with Estlink 2 already out?
    await whatIf.locator('select').nth(1).selectOption('generator');
    await whatIf.getByLabel('Id').fill('G2303');
    await whatIf.getByRole('button', { name: 'Branch and play' }).click();
    await expect
      .poll(() => s.page.getByTestId('run-title').innerText(), { timeout: 30_000 })
      .toContain('(what-if)');
    // the what-if starts where it left its parent: Estlink 2 already out
    await expect
      .poll(() => s.page.getByTestId('estlinks').innerText(), { timeout: 30_000 })
      .toMatch(/Estlink 2: 0 MW/);
    await screenshot(s.page, 'planner-what-if');

    await s.page.getByRole('button', { name: 'Compare…' }).click();
    const compare = s.page.getByRole('dialog', { name: 'Compare two runs' });
    await compare.waitFor();
    const a = s.page.getByTestId('compare-A');
    const b = s.page.getByTestId('compare-B');
    await expect.poll(() => a.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(2);
    const options = await a.locator('option').allTextContents();
    const parent = options.find(
      (o) => o.startsWith(parentTitle.split(' · ')[0]!) && !o.includes('what-if'),
    );
    const child = options.find((o) => o.includes('(what-if)'));
    expect(parent && child).toBeTruthy();
    await a.selectOption({ label: parent! });
    await b.selectOption({ label: child! });
    await expect.poll(() => compare.locator('table.compare').count(), { timeout: 30_000 }).toBe(1);
    // losing OL3 as well pulls the Nordic frequency down: a marked difference
    await expect
      .poll(() => compare.locator('td.delta.worse, td.delta.better').count())
      .toBeGreaterThan(0);
    // both runs' curves on the same axes, and the map mode of what is worse in B
    const freq = compare.getByTestId('compare-chart-frequency');
    await expect
      .poll(() => freq.locator('path.compare-b').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await freq.locator('path.compare-a').count()).toBeGreaterThan(0);
    expect(await freq.locator('path.compare-b').first().getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+L/,
    );
    const worse = compare.getByTestId('compare-worse');
    await worse.getByRole('button', { name: 'Show on the map (magenta)' }).click();
    await expect.poll(() => worse.getByRole('button').getAttribute('aria-pressed')).toBe('true');
    for (const k of ['branches', 'districts', 'buildings', 'blocks'])
      expect(Number(await worse.getAttribute(`data-${k}`))).toBeGreaterThanOrEqual(0);
    await screenshot(s.page, 'planner-compare');
    expect(s.errors.join('\n')).toBe('');
  });
});
