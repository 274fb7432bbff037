// Benchmark of the web twin in headless Chromium (Debian's, SwiftShader WebGL — a CPU
// rasteriser, so absolute frame times are far above a GPU's): initial load time to the first
// rendered scene, frame time over 10 s of a streaming incident at 1920×1080 (while a run
// plays the scene renders every frame, for the flow animation), the browser's CPU on an idle
// page for 10 s with render on demand and with a continuous loop (?frameloop=always), and the
// size of the JavaScript bundle. Uses the real server on an ephemeral port. Writes
// bench-results/web.json (with the load average: on a shared machine the figures are noisy).
//
//   npm run bench -w @finest/web          (or: npx tsx apps/web/e2e/bench-frame-time.ts)
//   BENCH_SCENARIO=… BENCH_SPEED=… BENCH_SECONDS=… to vary the incident
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { format, resolveConfig } from 'prettier';
import { collectErrors, hasChromium, launch } from './support/browser.ts';
import { browserCpuShare } from './support/cpu.ts';
import buildIfStale from './support/global-setup.ts';
import { startTwinServer } from './support/twin-server.ts';

const SCENARIO = process.env.BENCH_SCENARIO ?? 'both-estlinks-winter-peak';
const SPEED = Number(process.env.BENCH_SPEED ?? 600);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WIDTH = 1920;
const HEIGHT = 1080;

const webDir = fileURLToPath(new URL('../', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../../bench-results/', import.meta.url));

function bundleSize(): {
  files: { name: string; bytes: number; gzip: number }[];
  jsBytes: number;
  jsGzip: number;
} {
  const dir = join(webDir, 'dist', 'assets');
  const files = readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((name) => {
      const body = readFileSync(join(dir, name));
      return { name, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
    });
  const js = files.filter((f) => f.name.endsWith('.js'));
  return {
    files,
    jsBytes: js.reduce((s, f) => s + f.bytes, 0),
    jsGzip: js.reduce((s, f) => s + f.gzip, 0),
  };
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? NaN;

async function main(): Promise<void> {
  if (!hasChromium)
    throw new Error('bench-frame-time: /usr/bin/chromium is missing (apt-get install -y chromium)');
  buildIfStale();
  const bundle = bundleSize();
  const server = await startTwinServer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    const errors = collectErrors(page);
    // count binary frames as they arrive, without touching the app
    await page.addInitScript(() => {
      const w = window as unknown as { __frames: number };
      w.__frames = 0;
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener('message', (e: MessageEvent) => {
            if (typeof e.data !== 'string') w.__frames++;
          });
        }
      };
    });
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForFunction(
      () => performance.getEntriesByName('finest:scene-ready').length > 0,
      null,
      {
        timeout: 60_000,
      },
    );
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      return {
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : NaN,
        loadEventMs: nav ? nav.loadEventEnd : NaN,
        sceneReadyMs: performance.getEntriesByName('finest:scene-ready')[0]!.startTime,
      };
    });
    const wallLoadMs = Date.now() - t0;

    await page.waitForSelector(`[data-testid="start-${SCENARIO}"]`);
    await page.click(`[data-testid="start-${SCENARIO}"]`);
    await page.waitForFunction(
      () => (window as unknown as { __frames: number }).__frames > 0,
      null,
      { timeout: 60_000 },
    );
    await page
      .getByLabel('Playback speed (simulated seconds per second)')
      .selectOption(String(SPEED));
    await page.waitForTimeout(500);
    // the page's own work (script, style, layout, paint) apart from the browser's compositing
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (
          (await cdp.send('Performance.getMetrics')) as {
            metrics: { name: string; value: number }[];
          }
        ).metrics.map((m) => [m.name, m.value]),
      );
    const m0 = await metrics();

    // a string, not a function: tsx's name helpers do not exist in the page
    const sample = (await page.evaluate(`new Promise((resolve) => {
      const framesAtStart = window.__frames;
      const deltas = [];
      let last = performance.now();
      const end = last + ${SECONDS} * 1000;
      requestAnimationFrame(function tick(now) {
        deltas.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve({ deltas: deltas.slice(1), streamedFrames: window.__frames - framesAtStart });
      });
    })`)) as { deltas: number[]; streamedFrames: number };
    const m1 = await metrics();

    // an idle page: no run, nothing moving — render on demand against a continuous loop. The
    // playing page is closed first: the figures are of one page alone
    await page.close();
    const idleCpu: Record<string, { totalPct: number; rendererPct: number; gpuPct: number }> =
      {};
    for (const [key, query] of [
      ['demandPct', ''],
      ['alwaysPct', '?frameloop=always'],
    ] as const) {
      const idle = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
      await idle.goto(`${server.url}/${query}`);
      await idle.waitForSelector('[data-testid="city-Helsinki"]');
      await idle.waitForTimeout(3000);
      const share = await browserCpuShare(SECONDS * 1000);
      const pct = (v: number): number => +(100 * v).toFixed(1);
      idleCpu[key] = {
        totalPct: pct(share.total),
        rendererPct: pct(share.renderer),
        gpuPct: pct(share.gpu),
      };
      await idle.close();
    }
    const perFrame = (k: string): number =>
      +((((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000) / Math.max(1, sample.deltas.length)).toFixed(2);
    const sorted = [...sample.deltas].sort((a, b) => a - b);
    const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
    const result = {
      date: new Date().toISOString(),
      browser: `${browser.version()} (headless, SwiftShader WebGL)`,
      viewport: `${WIDTH}×${HEIGHT}`,
      scenario: SCENARIO,
      speed: SPEED,
      bundle,
      load: { ...load, wallLoadMs },
      frames: {
        seconds: SECONDS,
        rendered: sorted.length,
        streamedFrames: sample.streamedFrames,
        meanMs: +mean.toFixed(2),
        p50Ms: +quantile(sorted, 0.5).toFixed(2),
        p95Ms: +quantile(sorted, 0.95).toFixed(2),
        p99Ms: +quantile(sorted, 0.99).toFixed(2),
        maxMs: +(sorted[sorted.length - 1] ?? NaN).toFixed(2),
        fps: +(1000 / mean).toFixed(1),
        /** main-thread ms per rendered frame: all tasks, and of them script, style and layout */
        mainThreadMsPerFrame: perFrame('TaskDuration'),
        scriptMsPerFrame: perFrame('ScriptDuration'),
        styleLayoutMsPerFrame: +(
          perFrame('RecalcStyleDuration') + perFrame('LayoutDuration')
        ).toFixed(2),
      },
      /** % of one core used by all the browser's processes (from /proc) over the same seconds */
      idleCpu,
      loadAverage: loadavg().map((v) => +v.toFixed(2)),
      consoleErrors: errors,
    };
    // beside the other benchmarks' results, formatted as the repository formats JSON
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, 'web.json');
    const options = (await resolveConfig(file)) ?? {};
    writeFileSync(file, await format(JSON.stringify(result), { ...options, parser: 'json' }));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten bench-results/web.json\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
