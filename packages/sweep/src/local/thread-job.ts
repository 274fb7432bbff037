// One worker thread of the in-process sweep pool: builds its engine context once (the bundled
// data, the networks it was given), then computes the jobs it is sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { loadBundledData, prepareEngine } from '@finest/scenario';
import { createEngineContext, type EngineContext } from '../engine-context.ts';
import { executeJob } from '../execute.ts';
import type { FromThread, ThreadInit, ToThread } from './thread-protocol.ts';

const port = parentPort!;
const send = (m: FromThread): void => port.postMessage(m);
const init = workerData as ThreadInit;

let ctx: EngineContext;
try {
  await prepareEngine();
  const d = loadBundledData(init.dataDir);
  const networks = new Map(d.networks);
  for (const [id, net] of Object.entries(init.networks ?? {})) networks.set(id, net);
  ctx = createEngineContext({ networks, profiles: d.profiles, cities: d.cities });
  // hash now, not inside the first job's time
  void ctx.dataHash;
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

port.on('message', (m: ToThread) => {
  if (m.type === 'stop') {
    port.close();
    return;
  }
  try {
    const { result, runMs } = executeJob(m.job, ctx);
    send({ type: 'result', key: m.job.key, result, runMs });
  } catch (err) {
    send({
      type: 'error',
      key: m.job.key,
      message: err instanceof Error ? err.message : String(err),
    });
  }
});
