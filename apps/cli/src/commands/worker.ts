// `finest worker --queue redis://HOST:PORT [--concurrency N] [--lock-ms MS]`: joins every sweep
// on that Redis from this machine — N BullMQ workers on threads of this process, each computing
// one run at a time with this checkout's data (a job whose data hash differs is handed back).
// Runs until SIGINT/SIGTERM, which lets the runs in progress finish; a second signal ends it at
// once (the jobs it held go back to the queue when their lock expires).
import { availableParallelism } from 'node:os';
import { parseQueueUrl, QUEUE_NAME, QUEUE_PREFIX, RedisWorkerGroup } from '@finest/sweep';
import { parseCommandLine, parseIntInRange } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import type { Io } from '../io.ts';

export async function workerCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(
    args,
    {
      queue: { type: 'string' },
      concurrency: { type: 'string' },
      'lock-ms': { type: 'string' },
    },
    false,
  );
  const v = parsed.values;
  if (v.queue === undefined) throw new CliError('--queue redis://HOST:PORT is required');
  const target = parseQueueUrl(v.queue);
  const threads = parseIntInRange('--concurrency', v.concurrency, 0, 256) ?? availableParallelism();
  if (threads === 0) throw new CliError('--concurrency must be at least 1');
  const lockMs = parseIntInRange('--lock-ms', v['lock-ms'], 1000, 600_000);
  const group = new RedisWorkerGroup({ target, threads, ...(lockMs ? { lockMs } : {}) });
  await group.start();
  io.err(
    `finest worker: ${threads} worker${threads === 1 ? '' : 's'} on ${target.display} (queue ${QUEUE_PREFIX}:${QUEUE_NAME}); Ctrl-C stops after the runs in progress\n`,
  );
  const started = Date.now();
  const status = (): string => {
    const s = group.stats;
    const rate = s.done / Math.max(1e-3, (Date.now() - started) / 1000);
    return `${s.done} runs (${s.failed} failed in the engine, ${s.refused} handed back, ${s.timedOut} past their lock), ${rate.toFixed(2)} runs/s${s.lastRefusal ? `; last: ${s.lastRefusal}` : ''}`;
  };
  const every = setInterval(() => io.err(`finest worker: ${status()}\n`), 30_000);
  every.unref();
  let signals = 0;
  const stop = (): void => {
    signals++;
    if (signals === 1) {
      io.err('finest worker: stopping after the runs in progress (again to stop now)\n');
      void group.close();
    } else process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await group.wait();
  } finally {
    clearInterval(every);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  io.err(`finest worker: stopped; ${status()}\n`);
  return signals > 0 ? EXIT.ok : EXIT.notConverged;
}
