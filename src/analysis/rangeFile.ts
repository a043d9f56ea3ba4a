// Runs one RangeTask over a file: chunked positioned reads, progress after each chunk, and a check
// of the abort flag between chunks (the unit of cancellation latency is one chunk, a few ms).
//
// The next chunk is read while the current one is parsed (the read runs on libuv's thread pool),
// so a lane does not sit idle waiting for the file. The parsers of the big-file formats copy
// whatever they keep of a chunk past its push (a line's carry-over in scanLines.ts, a partial matrix
// in npy.ts), so for them two read buffers take turns for every chunk of the range: less to
// allocate and to collect. The text-log parser keeps views of earlier chunks, so it gets a fresh
// buffer each time.

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
  const bufferSize = Math.min(chunkSize, task.end - task.start);
  const buffers = COPYING_PARSERS.has(task.format)
    ? [new Uint8Array(bufferSize), new Uint8Array(bufferSize)]
    : undefined;
  let turn = 0;
  const read = (position: number): Promise<Uint8Array> => {
    const length = Math.min(chunkSize, task.end - position);
    turn ^= 1;
    return buffers
      ? readInto(handle, (buffers[turn] as Uint8Array).subarray(0, length), position, length)
      : readAt(handle, position, length);
  };
  let position = task.start;
  let pending = position < task.end && !isAborted() ? read(position) : undefined;
  try {
    while (pending) {
      const chunk = await pending;
      pending = undefined;
      if (chunk.length === 0) break;
      position += chunk.length;
      if (position < task.end && !isAborted()) pending = read(position);
      runner.push(chunk);
      onBytes(chunk.length);
    }
  } finally {
    // The caller closes the file once this returns: no read may still be running then.
    if (pending) await pending.catch(() => undefined);
  }
  if (isAborted()) return undefined;
  return runner.finish();
}
