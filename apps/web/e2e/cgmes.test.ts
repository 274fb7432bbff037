// An uploaded CGMES model drawn in the browser (issue 20): the MicroGrid BE+NL (ENTSO-E CGMES
// conformity test configurations, via PowSyBl, from ../shared/cgmes) is zipped and uploaded to
// the real server, a scenario runs on it, and opening that run in the app draws its buses and
// branches on the schematic layout (the model has no GL or DL positions), without console errors.
// It needs Chromium and the conformity models (testing/needs.ts): without either it is skipped
// with one line saying so, and fails under FINEST_REQUIRE_BROWSER=1 / FINEST_REQUIRE_SHARED=1.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { NetworkCreatedSchema, RunCreatedSchema } from '@finest/protocol';
import { expect, it } from 'vitest';
import { describeNeeding } from '../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../testing/needs.ts';
import { send, waitForRun } from './support/api.ts';
import { canvasSample, sampleDiff, screenshot } from './support/browser.ts';
import { describeBrowser } from './support/describe-browser.ts';
import { twinSession } from './support/session.ts';
import type { RunningServer } from './support/twin-server.ts';

const MICROGRID = join(SHARED_DIR, 'cgmes', 'microgrid-bc-cgmes2');

/** the MicroGrid uploaded as a zip, and a line trip run on it, done before the page opens */
async function seed(server: RunningServer): Promise<string> {
  const zip = zipSync(
    Object.fromEntries(
      readdirSync(MICROGRID)
        .filter((n) => n.endsWith('.xml'))
        .map((n) => [n, new Uint8Array(readFileSync(join(MICROGRID, n)))]),
    ),
  );
  await send(server, '/api/networks?name=MicroGrid', zip, 201, NetworkCreatedSchema);
  const { run } = await send(
    server,
    '/api/runs',
    {
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
    },
    202,
    RunCreatedSchema,
  );
  await waitForRun(server, run.id);
  return run.id;
}

describeBrowser('a CGMES upload in the browser', () => {
  describeNeeding(NEEDS.cgmes, 'on the MicroGrid model', uploadTests);
});

function uploadTests(): void {
  let runId = '';
  const s = twinSession({
    seed: async (server) => {
      runId = await seed(server);
    },
    ready: '[data-testid="start-estlink2-2024-12-25"]',
    settleMs: 1500,
  });

  it('opens the run on the uploaded model and draws its network', async () => {
    const before = await canvasSample(s.page);
    await s.page.getByRole('button', { name: 'Compare…' }).click();
    const compare = s.page.getByRole('dialog', { name: 'Compare two runs' });
    await compare.waitFor();
    const a = s.page.getByTestId('compare-A');
    await expect.poll(() => a.locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await a.selectOption(runId);
    await compare.getByRole('button', { name: 'Show A' }).click();
    await s.page.getByRole('button', { name: 'Close Compare two runs' }).click();
    await expect
      .poll(() => s.page.getByTestId('run-title').innerText(), { timeout: 30_000 })
      .toContain('MicroGrid');
    await s.page.waitForTimeout(1500);
    const after = await canvasSample(s.page);
    await screenshot(s.page, 'cgmes-microgrid-schematic');
    // the FI–EE network's lines and markers give way to the MicroGrid's 18 buses and 22 branches
    expect(sampleDiff(before, after)).toBeGreaterThan(100);
    expect(s.errors.join('\n')).toBe('');
  });
}
