// Runs one RangeTask over a file: chunked positioned reads, progress after each chunk, and a check
// of the abort flag between chunks (the unit of cancellation latency is one chunk, a few ms).
//
// The parsers of the big-file formats copy whatever they keep of a chunk past its push (a line's
// carry-over in scanLines.ts, a partial matrix in npy.ts), so for them one read buffer serves every
// chunk of the range: less to allocate and to collect. The text-log parser keeps views of earlier
// chunks, so it gets a fresh buffer each time.

import type { FileHandle } from 'node:fs/promises';
import type { LogFormat } from '../parsers/types';
import type { PartialResult } from './partial';
import { readAt, readInto } from './fileSource';
import { RangeRunner, type RangeTask } from './rangeRunner';

const COPYING_PARSERS: ReadonlySet<LogFormat> = new Set(['jsonl', 'csv', 'tsv', 'npy']);

export async function runRangeOnFile(
  handle: FileHandle,
  task: RangeTask,
  chunkSize: number,
  onBytes: (bytes: number) => void,
  isAborted: () => boolean,
): Promise<PartialResult | undefined> {
  const runner = new RangeRunner(task);
  const reused = COPYING_PARSERS.has(task.format)
    ? new Uint8Array(Math.min(chunkSize, task.end - task.start))
    : undefined;
  for (let position = task.start; position < task.end;) {
    if (isAborted()) return undefined;
    const length = Math.min(chunkSize, task.end - position);
    const chunk = reused
      ? await readInto(handle, reused.subarray(0, length), position, length)
      : await readAt(handle, position, length);
    if (chunk.length === 0) break;
    runner.push(chunk);
    position += chunk.length;
    onBytes(chunk.length);
  }
  if (isAborted()) return undefined;
  return runner.finish();
}
