// The worker_threads pool: a few long-lived lanes pull range tasks from one queue, so that lanes of
// unequal speed (a worker still starting, a core shared with another process) finish together.
// A lane is a worker, started once (possibly before the tasks are planned) and given one task at a
// time, or the calling thread itself when the caller allows it (the CLI: its main thread would
// otherwise only wait). Results come back in task order. Cancelling terminates every worker at once,
// so an abort takes effect within milliseconds whatever a worker is doing; the calling thread's lane
// stops at its next chunk.

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

/** Workers started ahead of the tasks: they boot while the calling thread plans the ranges. */
export function startWorkers(count: number): Worker[] {
  return Array.from({ length: Math.max(0, count) }, createAnalysisWorker);
}

export interface PoolOptions {
  /** Runs a task on the calling thread; undefined result = aborted. Without it, only workers run. */
  local?: (task: RangeTask, isAborted: () => boolean) => Promise<PartialResult | undefined>;
  /** Workers already started (startWorkers); more are started when `size` asks for more. */
  workers?: Worker[];
}

export async function runOnPool(
  path: string,
  tasks: RangeTask[],
  size: number,
  chunkSize: number,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
  options: PoolOptions = {},
): Promise<PartialResult[]> {
  const results: PartialResult[] = new Array<PartialResult>(tasks.length);
  const lanes = Math.max(1, Math.min(size, tasks.length));
  const local = options.local;
  const workerLanes = local ? lanes - 1 : lanes;
  const started = options.workers ?? [];
  const workers = started.slice(0, workerLanes);
  for (const spare of started.slice(workerLanes)) void spare.terminate();
  while (workers.length < workerLanes) workers.push(createAnalysisWorker());
  const live = new Set<Worker>(workers);
  let next = 0;
  let failure: Error | undefined;

  /** The first failure wins; every worker is stopped at once, its work is moot. */
  const fail = (error: Error): void => {
    failure ??= error;
    for (const worker of live) void worker.terminate();
    live.clear();
  };
  const abort = (): void => fail(new AnalysisAbortedError(path));
  if (signal?.aborted) {
    for (const worker of workers) void worker.terminate();
    throw new AnalysisAbortedError(path);
  }
  signal?.addEventListener('abort', abort, { once: true });

  const workerLane = (worker: Worker): Promise<void> =>
    new Promise<void>((resolve) => {
      let index = -1;
      const finish = (): void => {
        live.delete(worker);
        void worker.terminate();
        resolve();
      };
      const sendNext = (): void => {
        if (failure || next >= tasks.length) return finish();
        index = next++;
        const request: WorkerRequest = { path, task: tasks[index] as RangeTask, chunkSize };
        worker.postMessage(request);
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') onBytes(reply.bytes);
        else if (reply.type === 'done') {
          results[index] = reply.partial;
          sendNext();
        } else {
          finish();
          fail(
            reply.file !== undefined && reply.reason !== undefined
              ? new AnalysisError(reply.file, reply.reason)
              : new Error(reply.message),
          );
        }
      });
      worker.on('error', (error) => {
        finish();
        fail(error);
      });
      worker.on('exit', () => {
        finish();
        if (next < tasks.length || (index >= 0 && !results[index])) fail(new AnalysisAbortedError(path));
      });
      sendNext();
    });

  const localLane = async (run: NonNullable<PoolOptions['local']>): Promise<void> => {
    const isAborted = (): boolean => failure !== undefined;
    while (next < tasks.length && !failure) {
      const index = next++;
      const partial = await run(tasks[index] as RangeTask, isAborted);
      if (!partial) return fail(new AnalysisAbortedError(path));
      results[index] = partial;
    }
  };

  try {
    await Promise.all([...workers.map(workerLane), ...(local ? [localLane(local)] : [])]);
  } catch (error) {
    fail(error instanceof Error ? error : new Error(String(error)));
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  if (failure) throw failure;
  return results;
}
