// Worker entry (dist/analysisWorker.js): runs the RangeTasks it is sent over the file and posts
// back PartialResults with their typed arrays transferred. One task at a time; the pool terminates
// the worker to cancel.

import { parentPort } from 'node:worker_threads';
import { openForReading } from './fileSource';
import { partialBuffers } from './partial';
import { runRangeOnFile } from './rangeFile';
import type { RangeTask } from './rangeRunner';

export interface WorkerRequest {
  path: string;
  task: RangeTask;
  chunkSize: number;
}

export type WorkerReply =
  | { type: 'progress'; bytes: number }
  | { type: 'done'; partial: import('./partial').PartialResult }
  | { type: 'error'; message: string; file?: string; reason?: string };

const port = parentPort;
if (port) {
  port.on('message', (request: WorkerRequest) => {
    void run(request).catch((error: unknown) => {
      const reply: WorkerReply = {
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        ...(isAnalysisError(error) ? { file: error.file, reason: error.reason } : {}),
      };
      port.postMessage(reply);
    });
  });
}

async function run(request: WorkerRequest): Promise<void> {
  const handle = await openForReading(request.path);
  try {
    const partial = await runRangeOnFile(
      handle,
      request.task,
      request.chunkSize,
      (bytes) => port?.postMessage({ type: 'progress', bytes } satisfies WorkerReply),
      () => false,
    );
    if (partial) port?.postMessage({ type: 'done', partial } satisfies WorkerReply, partialBuffers(partial));
  } finally {
    await handle.close();
  }
}

function isAnalysisError(error: unknown): error is { file: string; reason: string } {
  return error instanceof Error && error.name === 'AnalysisError';
}
