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
import { AnalysisAbortedError, errorFromWorker } from './errors';
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

/**
 * Where an analysis gets its workers and where it returns them. A worker comes back only after a
 * clean finish (its lane done, no failure); one that failed or was cancelled is terminated instead.
 */
export interface WorkerSource {
  take(count: number): Worker[];
  give(worker: Worker): void;
  /** Workers that `take` can hand out already booted. */
  ready(): number;
}

/** Workers for one analysis only: started when taken, terminated when given back. */
export const ONE_SHOT_WORKERS: WorkerSource = {
  take: (count) => Array.from({ length: Math.max(0, count) }, createAnalysisWorker),
  give: (worker) => void worker.terminate(),
  ready: () => 0,
};

export interface WorkerHandlers {
  message(reply: WorkerReply): void;
  error(error: Error): void;
  exit(): void;
}

/** Attaches the handlers to a worker; the function returned detaches them (the worker may be kept). */
export function listen(worker: Worker, on: WorkerHandlers): () => void {
  worker.on('message', on.message);
  worker.on('error', on.error);
  worker.on('exit', on.exit);
  return () => {
    worker.off('message', on.message);
    worker.off('error', on.error);
    worker.off('exit', on.exit);
  };
}

export interface PoolOptions {
  /** Runs a task on the calling thread; undefined result = aborted. Without it, only workers run. */
  local?: (task: RangeTask, isAborted: () => boolean) => Promise<PartialResult | undefined>;
  /** Workers already taken from `source` (they boot while the ranges are planned). */
  workers?: Worker[];
  /** Gives and, when `size` asks for more than `workers`, takes workers (default: one-shot). */
  source?: WorkerSource;
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
  const source = options.source ?? ONE_SHOT_WORKERS;
  const started = options.workers ?? [];
  const workers = started.slice(0, workerLanes);
  for (const spare of started.slice(workerLanes)) source.give(spare);
  if (workers.length < workerLanes) workers.push(...source.take(workerLanes - workers.length));
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
    for (const worker of workers) source.give(worker);
    throw new AnalysisAbortedError(path);
  }
  signal?.addEventListener('abort', abort, { once: true });

  const workerLane = (worker: Worker): Promise<void> =>
    new Promise<void>((resolve) => {
      let index = -1;
      let settled = false;
      /** A clean finish hands the worker back to its source; any other end terminates it. */
      const finish = (clean: boolean): void => {
        if (settled) return;
        settled = true;
        detach();
        if (clean && live.has(worker)) {
          live.delete(worker);
          source.give(worker);
        } else {
          live.delete(worker);
          void worker.terminate();
        }
        resolve();
      };
      const sendNext = (): void => {
        if (failure || next >= tasks.length) return finish(!failure);
        index = next++;
        const request: WorkerRequest = { path, task: tasks[index] as RangeTask, chunkSize };
        worker.postMessage(request);
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.type === 'progress') onBytes(reply.bytes);
        else if (reply.type === 'done') {
          results[index] = reply.partial;
          sendNext();
        } else if (reply.type === 'error') {
          finish(false);
          fail(errorFromWorker(reply));
        }
      };
      const onError = (error: Error): void => {
        finish(false);
        fail(error);
      };
      const onExit = (): void => {
        finish(false);
        if (next < tasks.length || (index >= 0 && !results[index])) fail(new AnalysisAbortedError(path));
      };
      const detach = listen(worker, { message: onMessage, error: onError, exit: onExit });
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
