// Worker entry (dist/analysisWorker.js): runs the RangeTasks it is sent over the file, one at a
// time, and posts back a PartialResult for each; the pool terminates the worker to cancel. It also
// warms up on request, and reads one step's per-matrix records (stepRecords.ts).
//
// The typed arrays of a result are copied, not transferred: a worker runs several tasks, and the
// first ArrayBuffer a thread detaches invalidates V8's "no buffer was ever detached" assumption, so
// all of its optimized typed-array code (core's kernels, the step statistics) is thrown away and
// rebuilt with detach checks. Copying a range's step table costs a few ms; that cost 10-20% of the
// worker's time. Progress is posted every PROGRESS_BYTES, not after every chunk.

import { parentPort } from 'node:worker_threads';
import { openForReading } from './fileSource';
import { runRangeOnFile } from './rangeFile';
import type { RangeTask } from './rangeRunner';
import { stepRecords, type StepRecord, type StepRecordsQuery } from './stepRecords';
import { warmUp } from './warmUp';

export type RangeRequest = { path: string; task: RangeTask; chunkSize: number };

export type WorkerRequest =
  | RangeRequest
  /** Warm the engine before the first task (workerPool.ts); no reply. */
  | { warm: true }
  /** One step's records; the reply is `records` or `error`. */
  | { stepRecords: StepRecordsQuery; path: string };

export type WorkerReply =
  | { type: 'progress'; bytes: number }
  | { type: 'done'; partial: import('./partial').PartialResult }
  | { type: 'records'; records: StepRecord[] }
  | { type: 'error'; message: string; file?: string; reason?: string };

const PROGRESS_BYTES = 4 * 1024 * 1024;

const port = parentPort;
if (port) {
  port.on('message', (request: WorkerRequest) => {
    if ('warm' in request) {
      warmUp();
      return;
    }
    const work =
      'stepRecords' in request
        ? stepRecords(request.path, request.stepRecords).then((records) =>
            port.postMessage({ type: 'records', records } satisfies WorkerReply),
          )
        : run(request);
    void work.catch((error: unknown) => {
      const reply: WorkerReply = {
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        ...(isAnalysisError(error) ? { file: error.file, reason: error.reason } : {}),
      };
      port.postMessage(reply);
    });
  });
}

async function run(request: RangeRequest): Promise<void> {
  const handle = await openForReading(request.path);
  try {
    let unreported = 0;
    const report = (): void => {
      if (unreported > 0) port?.postMessage({ type: 'progress', bytes: unreported } satisfies WorkerReply);
      unreported = 0;
    };
    const partial = await runRangeOnFile(
      handle,
      request.task,
      request.chunkSize,
      (bytes) => {
        unreported += bytes;
        if (unreported >= PROGRESS_BYTES) report();
      },
      () => false,
    );
    report();
    if (partial) port?.postMessage({ type: 'done', partial } satisfies WorkerReply);
  } finally {
    await handle.close();
  }
}

function isAnalysisError(error: unknown): error is { file: string; reason: string } {
  return error instanceof Error && error.name === 'AnalysisError';
}
