// `npm run load`: a bounded load test on loopback. Starts the server as a child process on
// 127.0.0.1 with a fresh data directory (or uses one already running on loopback, --url),
// stores a few runs, then for --duration seconds holds --viewers WebSocket viewers watching
// them in a loop (with churn) and --rest-clients REST clients, while the server's memory is
// sampled every second. Prints a summary, writes .bench/load.json, and exits 1 when the server
// died, any unexpected error happened, or its memory grew (see report.ts, memory-check.ts).
//
//   npm run load -- --viewers 20 --duration 10
//   flags (env): --viewers (FINEST_LOAD_VIEWERS) --duration s (FINEST_LOAD_DURATION)
//     --rest-clients (FINEST_LOAD_REST_CLIENTS) --think-ms --churn % --churn-every s
//     --url http://127.0.0.1:8080 (FINEST_LOAD_URL) --pid <server pid> --out <json>
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startServerProcess } from '../bench/server-process.ts';
import { watchClient } from './client-health.ts';
import { HttpClient } from './http-client.ts';
import { memoryReport } from './memory-check.ts';
import { LoadOptionError, parseLoadOptions, type LoadOptions } from './options.ts';
import { failures, summary, type LoadResult } from './report.ts';
import { RestClients } from './rest-clients.ts';
import { ServerSampler } from './server-sampler.ts';
import { prepareRuns } from './stored-runs.ts';
import { Tally } from './tally.ts';
import { ViewerFleet } from './viewer-fleet.ts';

/** s between two runs started over REST */
const POST_EVERY_S = 5;
/** ms after the clients left before the last memory reading */
const SETTLE_MS = 3000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Target {
  url: string;
  pid: number | undefined;
  startedHere: boolean;
  stop(): Promise<void>;
}

async function target(opts: LoadOptions): Promise<Target> {
  if (opts.url !== undefined)
    return { url: opts.url, pid: opts.pid, startedHere: false, stop: async () => {} };
  const server = await startServerProcess();
  return {
    url: server.url,
    pid: server.pid,
    startedHere: true,
    // a server that died already never says 'exit' again: do not wait for it forever
    stop: () => Promise.race([server.stop(), sleep(10_000)]),
  };
}

async function main(): Promise<number> {
  let opts: LoadOptions;
  try {
    opts = parseLoadOptions(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(
      err instanceof LoadOptionError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ))
      throw err;
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const warmupS = Math.min(10, Math.round(opts.durationS * 0.2 * 10) / 10);
  const { out, ...shown } = opts;
  process.stdout.write(`load options: ${JSON.stringify(shown)}\n`);

  const server = await target(opts);
  const http = new HttpClient(server.url, opts.restClients + 4);
  const sampler = new ServerSampler(server.pid);
  try {
    const idleMB = sampler.rssMB();
    const runs = await prepareRuns(http);
    process.stdout.write(
      `server ${server.url} (pid ${server.pid ?? '?'}); runs: ` +
        runs.map((r) => `${r.id} ${r.frames} frames at ×${r.speed}`).join(', ') +
        '\n',
    );

    const errors = new Tally();
    const fleet = new ViewerFleet(
      {
        wsUrl: `${server.url.replace(/^http/, 'ws')}/ws`,
        runs,
        viewers: opts.viewers,
        churnPct: opts.churnPct,
        churnEveryS: opts.churnEveryS,
      },
      errors,
    );
    const rest = new RestClients(
      http,
      runs,
      { clients: opts.restClients, thinkMs: opts.thinkMs, postEveryS: POST_EVERY_S },
      errors,
    );
    const client = watchClient();
    sampler.start();
    const t0 = performance.now();
    const elapsedS = (): number => (performance.now() - t0) / 1000;
    rest.start();
    await fleet.connect();
    fleet.startChurn();
    process.stdout.write(`${opts.viewers} viewers connected in ${elapsedS().toFixed(1)} s\n`);
    const progress = setInterval(() => {
      const rss = sampler.samples.at(-1)?.rssMB;
      process.stdout.write(
        `  ${elapsedS().toFixed(0)} s: ${fleet.sink.framesTotal} frames, ${errors.total} errors, ` +
          `server RSS ${rss?.toFixed(1) ?? '?'} MB\n`,
      );
    }, 10_000);
    // hold the load; a server that went away ends it early (its clients would only retry)
    const hold = async (untilS: number): Promise<void> => {
      while (elapsedS() < untilS && sampler.diedAtS === undefined)
        await sleep(Math.min(250, (untilS - elapsedS()) * 1000));
    };
    await hold(warmupS);
    fleet.sink.measuring = true;
    await hold(opts.durationS);
    clearInterval(progress);

    const viewers = fleet.stop();
    const restResult = await rest.stop();
    const heldS = elapsedS();
    sampler.stop();
    const clientHealth = client.stop();
    const memory = memoryReport(sampler, warmupS, heldS);
    const health = await http
      .send('GET', '/api/health', { keepBody: true, timeoutMs: 5000 })
      .catch(() => ({ status: 0, ms: NaN, text: '' }));
    await sleep(SETTLE_MS);

    const partial: Omit<LoadResult, 'failures'> = {
      options: shown,
      server: { url: server.url, pid: server.pid, startedHere: server.startedHere, idleMB },
      runs,
      warmupS,
      viewers: {
        ...viewers,
        framesPerSecond: viewers.framesTotal / heldS,
        lagMs: fleet.sink.lags.percentiles(),
        firstFrameMs: fleet.sink.firstFrameMs.percentiles(),
      },
      rest: restResult,
      errors: errors.toJSON(),
      memory,
      after: {
        alive: sampler.alive(),
        diedAtS: sampler.diedAtS,
        healthStatus: health.status,
        healthOk: health.status === 200 && /"status":"ok"/.test(health.text ?? ''),
        healthMs: health.ms,
        rssAfterClientsLeftMB: sampler.rssMB(),
      },
      client: clientHealth,
    };
    const result: LoadResult = { ...partial, failures: failures(partial) };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(summary(result, out));
    return result.failures.length === 0 ? 0 : 1;
  } finally {
    http.close();
    await server.stop();
  }
}

process.exit(await main());
