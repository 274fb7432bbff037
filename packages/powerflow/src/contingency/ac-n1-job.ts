// One AC N-1 job, as run by a worker thread: a pure, serialisable unit of work
// (network + branch list → outcomes) so the same job can later run on other machines.
import { parentPort, workerData } from 'node:worker_threads';
import type { Network } from '@finest/grid';
import { prepareAcN1, solveAcContingency, type AcContingencyOutcome } from './ac-n1.ts';

export interface AcN1Job {
  network: Network;
  branches: number[];
  /** Date.now() after which no further outage is started (threads share no other clock) */
  deadline?: number;
}

export type AcN1JobMessage =
  | { type: 'progress'; done: number }
  /** outcomes of the first branches of the job; fewer than its branches if the deadline passed */
  | { type: 'done'; outcomes: AcContingencyOutcome[] }
  | { type: 'error'; message: string };

function run(job: AcN1Job, post: (m: AcN1JobMessage) => void): void {
  try {
    const ctx = prepareAcN1(job.network);
    const outcomes: AcContingencyOutcome[] = [];
    for (const [k, l] of job.branches.entries()) {
      if (job.deadline !== undefined && Date.now() > job.deadline) break;
      outcomes.push(solveAcContingency(ctx, l));
      if (k % 25 === 24) post({ type: 'progress', done: k + 1 });
    }
    post({ type: 'done', outcomes });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as AcN1Job, (m) => port.postMessage(m));
}
