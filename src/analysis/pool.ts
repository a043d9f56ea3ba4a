// The worker_threads pool: one worker per task, at most `size` at once, results in task order.
// Cancelling terminates every live worker at once, so an abort takes effect within milliseconds
// whatever a worker is doing.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AnalysisAbortedError, AnalysisError } from './errors';
import type { PartialResult } from './partial';
import type { RangeTask } from './rangeRunner';
import type { WorkerReply, WorkerRequest } from './worker';

/**
 * dist/analysisWorker.js next to the bundle (extension or CLI). Run from source (tests, bench under
 * tsx), the worker is src/analysis/worker.ts, loaded through tsx's CommonJS hook: a worker thread
 * does not inherit the `--import tsx` hooks of the main thread.
 */
export function createAnalysisWorker(): Worker {
  const bundled = join(__dirname, 'analysisWorker.js');
  if (existsSync(bundled)) return new Worker(bundled);
  const source = join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
}

export async function runOnPool(
  path: string,
  tasks: RangeTask[],
  size: number,
  chunkSize: number,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<PartialResult[]> {
  const results: PartialResult[] = new Array<PartialResult>(tasks.length);
  const live = new Set<Worker>();
  let next = 0;
  let failure: Error | undefined;

  /** The first failure wins; every other worker is stopped at once, its work is moot. */
  const fail = (error: Error): void => {
    failure ??= error;
    for (const worker of live) void worker.terminate();
  };
  const abort = (): void => fail(new AnalysisAbortedError(path));
  if (signal?.aborted) throw new AnalysisAbortedError(path);
  signal?.addEventListener('abort', abort, { once: true });

  const runOne = (index: number, task: RangeTask): Promise<void> =>
    new Promise<void>((resolve) => {
      const worker = createAnalysisWorker();
      live.add(worker);
      const settle = (): void => {
        live.delete(worker);
        void worker.terminate();
        resolve();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') onBytes(reply.bytes);
        else if (reply.type === 'done') {
          results[index] = reply.partial;
          settle();
        } else {
          settle();
          fail(
            reply.file !== undefined && reply.reason !== undefined
              ? new AnalysisError(reply.file, reply.reason)
              : new Error(reply.message),
          );
        }
      });
      worker.on('error', (error) => {
        settle();
        fail(error);
      });
      worker.on('exit', () => {
        settle();
        if (!results[index]) fail(new AnalysisAbortedError(path));
      });
      worker.postMessage({ path, task, chunkSize } satisfies WorkerRequest);
    });

  const lane = async (): Promise<void> => {
    while (next < tasks.length && !failure) {
      const index = next++;
      await runOne(index, tasks[index] as RangeTask);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, lane));
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  if (failure) throw failure;
  return results;
}
