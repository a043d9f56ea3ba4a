// The per-matrix `inspect` records of one step, for logs without a line to reveal (.npy, .npz):
// the dashboard shows them when a point of such a run is clicked. Reads only that step's slab of a
// C-order .npy; Fortran-order .npy and .npz files are read whole (that is how they are stored).
import { open, readFile } from 'node:fs/promises';
import { inspectRecord, type InspectRecord } from '../core/record';
import { createNpyParser, npyResumeAt, readNpyHeader } from '../parsers/npy';
import { parseNpz } from '../parsers/npz';
import type { MatrixBlock } from '../parsers/types';
import type { AnalysisResult } from '../shared/analysis';

export type StepRecord = InspectRecord & { step: number; index: number; offset: number };

function recordsOf(
  block: MatrixBlock | undefined,
  result: AnalysisResult,
  step: number,
  limit: number,
): StepRecord[] {
  if (!block) return [];
  const records: StepRecord[] = [];
  const representation = block.width === 9 ? '9d' : '6d';
  const options = { ...result.thresholds };
  let index = 0;
  for (let k = 0; k < block.count && records.length < limit; k++) {
    if (block.step[k] !== step) continue;
    const values = block.values.subarray(k * block.width, (k + 1) * block.width);
    records.push({
      ...inspectRecord(values, representation, options),
      step,
      index,
      offset: block.offset[k] as number,
    });
    index++;
  }
  return records;
}

export async function stepDetail(
  path: string,
  result: AnalysisResult,
  step: number,
  limit = 256,
): Promise<StepRecord[]> {
  const row = result.steps.step.indexOf(step);
  if (row < 0) return [];
  if (result.format === 'npz') {
    const parsed = parseNpz(new Uint8Array(await readFile(path)));
    return recordsOf(parsed.block, result, step, limit);
  }
  if (result.format !== 'npy') return [];
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(65536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const header = readNpyHeader(head.subarray(0, bytesRead));
    if ('error' in header) return [];
    let parser;
    let bytes: Uint8Array;
    if (header.fortranOrder) {
      parser = createNpyParser();
      bytes = new Uint8Array(await readFile(path));
    } else {
      const first = Math.round(
        ((result.steps.offset[row] as number) - header.dataOffset) / header.matrixBytes,
      );
      const count = result.steps.count[row] as number;
      parser = createNpyParser({}, npyResumeAt(header, first, first + count));
      bytes = new Uint8Array(count * header.matrixBytes);
      await handle.read(bytes, 0, bytes.length, header.dataOffset + first * header.matrixBytes);
    }
    const pushed = parser.push(bytes);
    const flushed = parser.flush(true);
    return [
      ...recordsOf(pushed.block, result, step, limit),
      ...recordsOf(flushed.block, result, step, limit),
    ].slice(0, limit);
  } finally {
    await handle.close();
  }
}
