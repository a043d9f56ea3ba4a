// Runs one RangeTask over a file: chunked positioned reads, progress after each chunk, and a check
// of the abort flag between chunks (the unit of cancellation latency is one chunk, a few ms).

import type { FileHandle } from 'node:fs/promises';
import type { PartialResult } from './partial';
import { readAt } from './fileSource';
import { RangeRunner, type RangeTask } from './rangeRunner';

export async function runRangeOnFile(
  handle: FileHandle,
  task: RangeTask,
  chunkSize: number,
  onBytes: (bytes: number) => void,
  isAborted: () => boolean,
): Promise<PartialResult | undefined> {
  const runner = new RangeRunner(task);
  for (let position = task.start; position < task.end;) {
    if (isAborted()) return undefined;
    const chunk = await readAt(handle, position, Math.min(chunkSize, task.end - position));
    if (chunk.length === 0) break;
    runner.push(chunk);
    position += chunk.length;
    onBytes(chunk.length);
  }
  if (isAborted()) return undefined;
  return runner.finish();
}
