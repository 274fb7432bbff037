// Runs in a worker thread: a DC N-1 screening of the network in workerData, with progress
// messages, then the result (branches by id). A pure, serialisable job: network in, result out.
import { parentPort, workerData } from 'node:worker_threads';
import type { Network } from '@finest/grid';
import { runDcN1 } from '@finest/powerflow';
import { n1Result } from './n1-result.ts';

export interface N1JobInput {
  networkId: string;
  network: Network;
}

export type N1JobMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ReturnType<typeof n1Result> }
  | { type: 'error'; message: string };

const { networkId, network } = workerData as N1JobInput;
const post = (m: N1JobMessage): void => parentPort!.postMessage(m);
try {
  const start = performance.now();
  const r = runDcN1(network, {
    onProgress: (done, total) => post({ type: 'progress', done, total }),
  });
  post({ type: 'done', result: n1Result(networkId, network, r, performance.now() - start) });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
