// `finest sweep SCENARIO.json... --hours SPEC [--seeds LIST] [--topology current,pre-2025]
// [--operator on,off] [--set PATH=VALUE[,VALUE…]]... [--workers N] [--queue redis://HOST:PORT]
// [--db FILE] [--json] [--csv FILE] [--title T]`: every scenario at every hour, seed and
// variant, one engine run per job, on worker threads of this process (default) or on BullMQ
// workers through Redis (--queue; `finest worker` joins from any machine). Results are stored
// by job key (the server's store, or --db), so running the same command again resumes, and
// the aggregate is printed per scenario and variant. Exit 0 when every run has a result of
// the engine, 1 when some failed or the sweep was interrupted, 2 for a bad sweep.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  bundledEngineContext,
  checkRedis,
  parseQueueUrl,
  planSweep,
  RedisExecutor,
  RedisWorkerGroup,
  runSweep,
  sweepCsvLines,
  ThreadPool,
  type SweepExecutor,
} from '@finest/sweep';
import { parseCommandLine, parseIntInRange } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import type { Io } from '../io.ts';
import { createProgressBar } from '../progress.ts';
import { sweepDefinition } from './sweep-args.ts';
import { formatSweep } from './sweep-format.ts';
import { openSweepStore } from './sweep-store.ts';

export async function sweepCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(args, {
    hours: { type: 'string' },
    seeds: { type: 'string' },
    topology: { type: 'string' },
    operator: { type: 'string' },
    set: { type: 'string', multiple: true },
    workers: { type: 'string' },
    queue: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
    csv: { type: 'string' },
    title: { type: 'string' },
  });
  const v = parsed.values;
  const target = v.queue === undefined ? undefined : parseQueueUrl(v.queue);
  const workers =
    parseIntInRange('--workers', v.workers, 0, 256) ?? (target ? 0 : availableParallelism());
  if (!target && workers === 0)
    throw new CliError('--workers 0 needs --queue (someone must compute)');

  // everything is checked before anything is stored or enqueued
  const ctx = await bundledEngineContext();
  const plan = planSweep(sweepDefinition(parsed.positionals, v, ctx), ctx);
  if (target) await checkRedis(target);
  const store = openSweepStore(v.db);
  const mode = target ? 'redis' : 'in-process';
  const executor: SweepExecutor = target
    ? new RedisExecutor({
        target,
        ...(workers > 0
          ? { localWorkers: new RedisWorkerGroup({ target, threads: workers }) }
          : {}),
      })
    : new ThreadPool({ workers });
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = createProgressBar('sweep');
  let hint: NodeJS.Timeout | undefined;
  try {
    store.sweeps.register({
      id: plan.id,
      title: plan.head.title,
      owner: 'cli',
      mode,
      definition: JSON.stringify(plan.definition),
      head: JSON.stringify(plan.head),
      profileStart: plan.profileStart,
      keys: plan.jobs.map((j) => j.key),
    });
    store.sweeps.setStatus(plan.id, 'running', mode);
    if (executor instanceof RedisExecutor && workers === 0) {
      hint = setTimeout(() => {
        void executor.workersConnected().then((k) => {
          if (k === 0)
            io.err(
              `finest sweep: no worker is connected to ${target!.display}; start \`finest worker --queue ${target!.display}\` where this checkout is (docs/scale-out.md)\n`,
            );
        });
      }, 5000);
      hint.unref();
    }
    const result = await runSweep(plan, store.sweeps, executor, {
      onProgress: (p) => bar.update(p.computed, p.toCompute),
      signal: abort.signal,
    });
    bar.done();
    const failed = result.aggregates.reduce((s, g) => s + g.failed, 0);
    store.sweeps.setStatus(plan.id, result.complete ? 'done' : 'cancelled', mode);
    if (v.csv !== undefined) {
      const lines = [...sweepCsvLines(store.sweeps.rowsOfSweep(plan.id), plan.profileStart)];
      try {
        writeFileSync(v.csv, `${lines.join('\n')}\n`);
      } catch (err) {
        throw new CliError(`cannot write ${v.csv}: ${(err as NodeJS.ErrnoException).code ?? ''}`);
      }
    }
    io.out(v.json ? `${JSON.stringify(result, null, 2)}\n` : formatSweep(result));
    if (!result.complete)
      io.err(
        `finest sweep: interrupted with ${result.timing!.computed + result.timing!.reused} of ${plan.jobs.length} runs stored; run the same command again to resume\n`,
      );
    return result.complete && failed === 0 ? EXIT.ok : EXIT.notConverged;
  } catch (err) {
    bar.done();
    try {
      store.sweeps.setStatus(
        plan.id,
        'failed',
        mode,
        err instanceof Error ? err.message : String(err),
      );
    } catch {
      // the store itself failed (disk full): its message is the one to show
    }
    throw err;
  } finally {
    clearTimeout(hint);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await executor.close();
    store.close();
  }
}
