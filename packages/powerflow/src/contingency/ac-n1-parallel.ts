// AC N-1 over worker threads: the outages are dealt round-robin to N workers (islanding
// outages, the slow ones, spread evenly), each worker builds its own base case and
// factorisation, and the outcomes come back in the order of the branch list. An overall time
// limit is passed to the workers as a Date.now() deadline; the outages they did not reach come
// back as skipped outcomes.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Network } from '@finest/grid';
import { buildPfCase } from '../model/pf-case.ts';
import { startDeadline } from '../deadline.ts';
import { PowerflowError } from '../errors.ts';
import {
  inServiceBranches,
  runAcN1Sequential,
  skippedOutcome,
  skippedReason,
  type AcContingencyOutcome,
} from './ac-n1.ts';
import type { AcN1Job, AcN1JobMessage } from './ac-n1-job.ts';

export interface AcN1Options {
  /** worker threads; default the core count; 1 runs in this thread */
  workers?: number;
  /** 0-based branch positions to outage; default every in-service branch */
  branches?: readonly number[];
  onProgress?: (done: number, total: number) => void;
  /**
   * ms of wall time for the whole N-1, checked before each outage; the outages not reached
   * come back with `skipped: true`. Default no limit.
   */
  timeLimitMs?: number;
  /** the clock for timeLimitMs with one worker (workers read Date.now()); tests inject one */
  now?: () => number;
}

export async function runAcN1(
  net: Network,
  options: AcN1Options = {},
): Promise<AcContingencyOutcome[]> {
  const list = [...(options.branches ?? inServiceBranches(buildPfCase(net)))];
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), list.length));
  if (workers === 1) {
    const limit = {
      ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
      ...(options.now === undefined ? {} : { now: options.now }),
    };
    return runAcN1Sequential(net, list, options.onProgress, limit).outcomes;
  }
  // startDeadline validates the limit here, where a bad one throws, not in every worker.
  const limitMs = startDeadline(options.timeLimitMs)?.limitMs;
  const deadline = limitMs === undefined ? undefined : Date.now() + limitMs;

  const slices: number[][] = Array.from({ length: workers }, () => []);
  list.forEach((l, k) => slices[k % workers]!.push(l));
  const progress = new Array<number>(workers).fill(0);
  const report = (): void =>
    options.onProgress?.(
      progress.reduce((a, b) => a + b, 0),
      list.length,
    );
  const results = await Promise.all(
    slices.map(
      (branches, w) =>
        new Promise<AcContingencyOutcome[]>((resolve, reject) => {
          const job: AcN1Job = {
            network: net,
            branches,
            ...(deadline === undefined ? {} : { deadline }),
          };
          const worker = new Worker(new URL('./ac-n1-worker.mjs', import.meta.url), {
            workerData: job,
          });
          let settled = false;
          worker.on('message', (m: AcN1JobMessage) => {
            if (m.type === 'progress') {
              progress[w] = m.done;
              report();
            } else if (m.type === 'done') {
              settled = true;
              progress[w] = branches.length;
              report();
              resolve(m.outcomes);
              void worker.terminate();
            } else {
              settled = true;
              reject(new PowerflowError('FINEST_N1_WORKER', `AC N-1 worker ${w}: ${m.message}`));
              void worker.terminate();
            }
          });
          worker.on('error', (err) => {
            settled = true;
            reject(new PowerflowError('FINEST_N1_WORKER', `AC N-1 worker ${w}: ${err.message}`));
          });
          worker.on('exit', (code) => {
            if (!settled)
              reject(
                new PowerflowError(
                  'FINEST_N1_WORKER',
                  `AC N-1 worker ${w} exited with code ${code}`,
                ),
              );
          });
        }),
    ),
  );
  // Undo the round-robin deal so outcomes follow the branch list.
  const out: AcContingencyOutcome[] = new Array(list.length);
  results.forEach((chunk, w) => chunk.forEach((o, k) => (out[k * workers + w] = o)));
  const solved = results.reduce((sum, chunk) => sum + chunk.length, 0);
  if (limitMs !== undefined && solved < list.length) {
    const reason = skippedReason(limitMs, solved, list.length);
    for (let k = 0; k < list.length; k++) out[k] ??= skippedOutcome(list[k]!, reason);
  }
  return out;
}
