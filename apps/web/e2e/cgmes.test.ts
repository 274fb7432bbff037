// An uploaded CGMES model drawn in the browser (issue 20): the MicroGrid BE+NL (ENTSO-E CGMES
// conformity test configurations, via PowSyBl, from ../shared/cgmes) is zipped and uploaded to
// the real server, a scenario runs on it, and opening that run in the app draws its buses and
// branches on the schematic layout (the model has no GL or DL positions), without console errors.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { canvasSample, collectErrors, launch, sampleDiff, screenshot } from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import type { RunningServer } from './support/static-server.ts';
import { startTwinServer } from './support/twin-server.ts';

const MICROGRID = fileURLToPath(
  new URL('../../../../shared/cgmes/microgrid-bc-cgmes2/', import.meta.url),
);
const hasShared = existsSync(MICROGRID);

it('finds ../shared/cgmes, or is allowed to skip it', () => {
  // FINEST_REQUIRE_SHARED=1 (CI) makes the model's absence a failure, not a skip
  if (process.env.FINEST_REQUIRE_SHARED === '1')
    expect(hasShared, `no ${MICROGRID}: put the ENTSO-E CGMES models in ../shared/cgmes`).toBe(
      true,
    );
});

describeBrowser('a CGMES upload in the browser', () => {
  if (!hasShared) return;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let runId = '';

  beforeAll(async () => {
    server = await startTwinServer();
    const zip = zipSync(
      Object.fromEntries(
        readdirSync(MICROGRID)
          .filter((n) => n.endsWith('.xml'))
          .map((n) => [n, new Uint8Array(readFileSync(join(MICROGRID, n)))]),
      ),
    );
    const up = await fetch(`${server.url}/api/networks?name=MicroGrid`, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: zip,
    });
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
    const run = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scenario: {
          schemaVersion: 1,
          id: 'microgrid-line-trip',
          title: 'MicroGrid: BE-Line_1 trips',
          network: 'microgrid',
          start: { time: '2024-12-25T12:00:00+01:00' },
          durationS: 600,
          stepS: 60,
          events: [
            {
              type: 'trip',
              at: 120,
              element: { kind: 'branch', id: '17086487-56ba-4979-b8de-064025a6b4da' },
              cause: 'test',
            },
          ],
        },
      }),
    });
    if (run.status !== 202) throw new Error(`run: ${run.status} ${await run.text()}`);
    runId = ((await run.json()) as { run: { id: string } }).run.id;
    for (let k = 0; k < 200; k++) {
      const d = (await (await fetch(`${server.url}/api/runs/${runId}`)).json()) as {
        status: string;
      };
      if (d.status === 'done') break;
      if (d.status === 'failed') throw new Error(`run ${runId} failed`);
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launch();
    page = await browser.newPage({
      viewport: { width: 1600, height: 900 },
      reducedMotion: 'reduce',
    });
    errors = collectErrors(page);
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="start-estlink2-2024-12-25"]');
    await page.waitForTimeout(1500);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the run on the uploaded model and draws its network', async () => {
    const before = await canvasSample(page);
    await page.getByRole('button', { name: 'Compare…' }).click();
    const compare = page.getByRole('dialog', { name: 'Compare two runs' });
    await compare.waitFor();
    const a = page.getByTestId('compare-A');
    await expect.poll(() => a.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await a.selectOption(runId);
    await compare.getByRole('button', { name: 'Show A' }).click();
    await page.getByRole('button', { name: 'Close Compare two runs' }).click();
    await expect
      .poll(() => page.getByTestId('run-title').innerText(), { timeout: 30_000 })
      .toContain('MicroGrid');
    await page.waitForTimeout(1500);
    const after = await canvasSample(page);
    await screenshot(page, 'cgmes-microgrid-schematic');
    // the FI–EE network's lines and markers give way to the MicroGrid's 18 buses and 22 branches
    expect(sampleDiff(before, after)).toBeGreaterThan(100);
    expect(errors.join('\n')).toBe('');
  });
});
