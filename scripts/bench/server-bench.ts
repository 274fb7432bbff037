// `npm run bench:server`: the server on loopback (a child process). 100 WebSocket viewers
// watch one stored run on a shared playback at 30 frames/s (a 1-s-step scenario at speed 30):
// keyframes received by every viewer, frame lag (median < 50 ms is the goal), server memory
// before, during and after; then REST throughput for the KPIs of that run. Prints a summary
// and writes .bench/server.json. A benchmark, not a test: it never fails on a slow number.
import { mkdirSync, writeFileSync } from 'node:fs';
import { decodeFrame, splitFrames } from '@finest/protocol';
import { benchRest } from './server-rest.ts';
import { startServerProcess } from './server-process.ts';
import { benchViewers } from './server-viewers.ts';

const VIEWERS = Number(process.env.FINEST_BENCH_VIEWERS ?? 100);
const FPS = 30;
const STEP_S = 1;

/** ten minutes at 1-s steps: Estlink 2 trips after a minute */
const SCENARIO = {
  schemaVersion: 1,
  id: 'bench-stream',
  title: 'Stream benchmark: Estlink 2 trips',
  network: 'fi-ee',
  topology: 'pre-2025',
  start: { time: '2024-12-25T12:20:00+02:00' },
  durationS: 600,
  stepS: STEP_S,
  events: [
    { type: 'set-hvdc', at: 0, link: 'H14816', MW: 658 },
    { type: 'trip', at: 60, element: { kind: 'hvdc', id: 'H14816' } },
  ],
};

const server = await startServerProcess();
try {
  const api = server.url;
  const idle = server.memory();
  const created = await fetch(`${api}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: SCENARIO }),
  });
  const runId = ((await created.json()) as { run: { id: string } }).run.id;
  const computeStart = performance.now();
  for (;;) {
    const d = (await (await fetch(`${api}/api/runs/${runId}`)).json()) as { status: string };
    if (d.status === 'done') break;
    if (d.status === 'failed') throw new Error('the benchmark run failed');
    await new Promise((r) => setTimeout(r, 20));
  }
  const computeMs = performance.now() - computeStart;
  const bin = new Uint8Array(await (await fetch(`${api}/api/runs/${runId}/frames`)).arrayBuffer());
  const frames = splitFrames(bin).map((f) => decodeFrame(f));
  const keyframes = new Set(frames.filter((f) => f.keyframe).map((f) => f.tick));
  const afterRun = server.memory();

  let peakDuring = 0;
  const viewers = await benchViewers(
    `${api.replace('http', 'ws')}/ws`,
    runId,
    keyframes,
    frames.length,
    { viewers: VIEWERS, speed: FPS * STEP_S },
    () => {
      peakDuring = Math.max(peakDuring, server.memory().rssMB);
    },
  );
  const afterViewers = server.memory();
  const rest = await benchRest(`${api}/api/runs/${runId}`, 32, 5);
  const result = {
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    run: { frames: frames.length, keyframes: keyframes.size, computeMs: Math.round(computeMs) },
    viewers,
    memoryMB: {
      idle: idle.rssMB,
      afterRun: afterRun.rssMB,
      peakWhileStreaming: peakDuring,
      afterViewers: afterViewers.rssMB,
      peakOverall: afterViewers.peakMB,
    },
    rest,
  };
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/server.json', JSON.stringify(result, null, 2) + '\n');
  const r1 = (x: number): string => x.toFixed(1);
  process.stdout.write(
    [
      `run: ${frames.length} frames (${keyframes.size} keyframes), computed in ${Math.round(computeMs)} ms`,
      `${viewers.viewers} viewers at ${FPS} frames/s for ${r1(viewers.playbackS)} s: ` +
        `${viewers.viewersWithAllKeyframes}/${viewers.viewers} got every keyframe; ` +
        `frames per viewer min ${viewers.framesReceivedMin} median ${viewers.framesReceivedMedian} of ${frames.length}; ` +
        `${r1(viewers.fpsPerViewer)} frames/s each`,
      `lag ms: median ${r1(viewers.lagMedianMs)}, p95 ${r1(viewers.lagP95Ms)}, p99 ${r1(viewers.lagP99Ms)}, max ${r1(viewers.lagMaxMs)} (goal: median < 50)`,
      `server RSS MB: idle ${r1(idle.rssMB)}, after the run ${r1(afterRun.rssMB)}, peak while streaming ${r1(peakDuring)}, after ${r1(afterViewers.rssMB)}`,
      `REST GET /api/runs/:id (KPIs), ${rest.concurrency} in flight: ${Math.round(rest.perSecond)} req/s, ` +
        `median ${r1(rest.latencyMedianMs)} ms, p99 ${r1(rest.latencyP99Ms)} ms, ${rest.errors} errors`,
      'written to .bench/server.json',
      '',
    ].join('\n'),
  );
} finally {
  await server.stop();
}
