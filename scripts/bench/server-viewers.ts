// Benchmark: many WebSocket viewers watching one stored run on a shared playback. Each viewer
// records when every frame arrives; a frame's lag is its arrival minus the moment the playback
// was due to show it (from the 'state' message: serverTimeMs at playback time t, at `speed`).
import WebSocket from 'ws';
import type { ServerMessage } from '@finest/protocol';

export interface ViewerBenchResult {
  viewers: number;
  framesInRun: number;
  keyframesInRun: number;
  /** viewers that received every keyframe */
  viewersWithAllKeyframes: number;
  /** frames received per viewer, min and median */
  framesReceivedMin: number;
  framesReceivedMedian: number;
  /** ms, over every (viewer, frame) */
  lagMedianMs: number;
  lagP95Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** frames per second each viewer received while playing */
  fpsPerViewer: number;
  playbackS: number;
}

interface Viewer {
  ws: WebSocket;
  state: Extract<ServerMessage, { type: 'state' }> | undefined;
  frames: { tick: number; keyframe: boolean; lagMs: number; at: number }[];
  ended: boolean;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** reads tick, t and the keyframe flag from a frame's header without decoding the arrays */
function header(b: Buffer): { tick: number; t: number; keyframe: boolean } {
  const idLength = b.readUInt32LE(12);
  const at = 16 + Math.ceil(idLength / 4) * 4;
  return {
    tick: b.readUInt32LE(8),
    keyframe: (b.readUInt32LE(4) & 1) === 1,
    t: b.readDoubleLE(at),
  };
}

export async function benchViewers(
  wsUrl: string,
  runId: string,
  keyframes: ReadonlySet<number>,
  framesInRun: number,
  opts: { viewers: number; speed: number },
  sample: () => void,
): Promise<ViewerBenchResult> {
  const viewers: Viewer[] = [];
  for (let k = 0; k < opts.viewers; k++) {
    const ws = new WebSocket(wsUrl);
    const v: Viewer = { ws, state: undefined, frames: [], ended: false };
    ws.on('message', (data: Buffer, isBinary) => {
      const now = Date.now();
      if (isBinary) {
        const h = header(data);
        const s = v.state;
        const due = s && s.playing ? s.serverTimeMs! + ((h.t - s.t) * 1000) / s.speed : now;
        v.frames.push({ tick: h.tick, keyframe: h.keyframe, lagMs: now - due, at: now });
        return;
      }
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if (msg.type === 'state') v.state = msg;
      if (msg.type === 'end') v.ended = true;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'subscribe', runId }));
    viewers.push(v);
  }
  while (viewers.some((v) => v.state === undefined)) await new Promise((r) => setTimeout(r, 10));
  for (const v of viewers) v.frames.length = 0;
  const lead = viewers[0]!.ws;
  lead.send(JSON.stringify({ type: 'speed', runId, speed: opts.speed }));
  lead.send(JSON.stringify({ type: 'play', runId }));
  const started = Date.now();
  const sampler = setInterval(sample, 200);
  while (viewers.some((v) => !v.ended)) await new Promise((r) => setTimeout(r, 20));
  clearInterval(sampler);
  const playbackS = (Date.now() - started) / 1000;

  const lags = viewers.flatMap((v) => v.frames.slice(1).map((f) => f.lagMs));
  const counts = viewers.map((v) => v.frames.length);
  const allKeys = viewers.filter((v) => {
    const got = new Set(v.frames.filter((f) => f.keyframe).map((f) => f.tick));
    return [...keyframes].every((k) => got.has(k));
  }).length;
  for (const v of viewers) v.ws.close();
  return {
    viewers: opts.viewers,
    framesInRun,
    keyframesInRun: keyframes.size,
    viewersWithAllKeyframes: allKeys,
    framesReceivedMin: Math.min(...counts),
    framesReceivedMedian: quantile(counts, 0.5),
    lagMedianMs: quantile(lags, 0.5),
    lagP95Ms: quantile(lags, 0.95),
    lagP99Ms: quantile(lags, 0.99),
    lagMaxMs: Math.max(...lags),
    fpsPerViewer: quantile(counts, 0.5) / playbackS,
    playbackS,
  };
}
