// One BullMQ worker in its own thread: takes a job from the queue, computes it (the engine is
// synchronous, so one run per thread at a time), returns the result to Redis. It holds one job
// beyond the one it computes (JOBS_HELD), so handing in a result and taking the next job, a
// round trip to Redis, overlaps a run instead of leaving the core idle. A job it cannot
// compute as its key says (other data, another engine version) is thrown back, so BullMQ
// retries it — on another worker, as likely as not; a job that does not parse is failed for
// good. Its lock is renewed between runs; a run must finish within lockMs (a library run
// takes 0.1–1 s, the default lock is 30 s).
import { parentPort, workerData } from 'node:worker_threads';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { bundledEngineContext, type EngineContext } from '../engine-context.ts';
import { executeJob } from '../execute.ts';
import { SweepJobSchema } from '../job.ts';
import { durableOptions, QUEUE_NAME, QUEUE_PREFIX } from './connection.ts';
import type { JobReturn } from './redis-executor.ts';
import type { FromWorkerThread, ToWorkerThread, WorkerThreadInit } from './worker-protocol.ts';

const port = parentPort!;
const send = (m: FromWorkerThread): void => port.postMessage(m);
const init = workerData as WorkerThreadInit;

let ctx: EngineContext;
try {
  ctx = await bundledEngineContext(init.dataDir);
  void ctx.dataHash;
} catch (err) {
  send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

const process_ = async (job: Job): Promise<JobReturn> => {
  const parsed = SweepJobSchema.safeParse(job.data);
  if (!parsed.success) {
    const message = `job ${job.id} is not a sweep job: ${parsed.error.issues[0]?.message ?? ''}`;
    send({ type: 'refused', key: String(job.id), message });
    throw new UnrecoverableError(message);
  }
  try {
    send({ type: 'start', key: parsed.data.key });
    const { result, runMs } = executeJob(parsed.data, ctx);
    send({ type: 'done', key: result.key, status: result.status, runMs });
    return { result, runMs };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    send({ type: 'refused', key: parsed.data.key, message });
    throw err;
  }
};

/**
 * Jobs a thread holds: the run computing and the next, already taken. Measured on this 2-core
 * machine with two workers (A/B, five interleaved rounds of 200 runs, three times): 55.0 →
 * 57.5, 56.2 → 58.5 and 57.0 → 60.2 runs/s against one job held. A killed worker's two jobs go
 * back to the queue alike; the held job's lock is renewed between runs, as the running one's.
 */
const JOBS_HELD = 2;

const worker = new Worker(QUEUE_NAME, process_, {
  connection: durableOptions(init.target),
  prefix: QUEUE_PREFIX,
  concurrency: JOBS_HELD,
  lockDuration: init.lockMs,
  stalledInterval: init.stalledMs,
  // a job whose worker died is taken over this many times before it fails
  maxStalledCount: 3,
  autorun: true,
});
worker.on('error', () => {}); // connection errors: ioredis reconnects
await worker.waitUntilReady();
send({ type: 'ready' });

port.on('message', (m: ToWorkerThread) => {
  if (m.type !== 'stop') return;
  // finish the jobs it holds (the run computing and the one taken), then leave
  void worker.close().then(() => port.close());
});
