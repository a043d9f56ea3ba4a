// The per-matrix `inspect` records of one step, for logs without a line to reveal (.npy, .npz): the
// dashboard shows them when a point of such a run is clicked. Reads only that step's slab of a
// C-order .npy; Fortran-order .npy and .npz files are read whole (that is how they are stored),
// which is why the extension runs this in an analysis worker (workerPool.ts), never on its own
// thread.
import { open, readFile } from 'node:fs/promises';
import type { AnalysisOptions } from '../core/metrics';
import { inspectRecord, type InspectRecord } from '../core/record';
import { createNpyParser, npyResumeAt, readNpyHeader } from '../parsers/npy';
import { parseNpz } from '../parsers/npz';
import type { LogFormat, MatrixBlock } from '../parsers/types';
import type { AnalysisResult } from '../shared/analysis';

export type StepRecord = InspectRecord & { step: number; index: number; offset: number };

/** Plain data (it is posted to a worker): what stepRecords needs to know of the analysis. */
export interface StepRecordsQuery {
  format: LogFormat;
  thresholds: AnalysisOptions;
  step: number;
  /** Byte offset of the step's first matrix and its matrix count (the step table's row). */
  offset: number;
  count: number;
  limit: number;
}

/** The query for `step` of `result`, or undefined when the run has no such step. */
export function stepRecordsQuery(
  result: AnalysisResult,
  step: number,
  limit = 256,
): StepRecordsQuery | undefined {
  const row = result.steps.step.indexOf(step);
  if (row < 0) return undefined;
  return {
    format: result.format,
    thresholds: { ...result.thresholds },
    step,
    offset: result.steps.offset[row] as number,
    count: result.steps.count[row] as number,
    limit,
  };
}

function recordsOf(block: MatrixBlock | undefined, query: StepRecordsQuery, into: StepRecord[]): void {
  if (!block) return;
  const representation = block.width === 9 ? '9d' : '6d';
  for (let k = 0; k < block.count && into.length < query.limit; k++) {
    if (block.step[k] !== query.step) continue;
    const values = block.values.subarray(k * block.width, (k + 1) * block.width);
    into.push({
      ...inspectRecord(values, representation, query.thresholds),
      step: query.step,
      index: into.length,
      offset: block.offset[k] as number,
    });
  }
}

export async function stepRecords(path: string, query: StepRecordsQuery): Promise<StepRecord[]> {
  const records: StepRecord[] = [];
  if (query.format === 'npz') {
    recordsOf(parseNpz(new Uint8Array(await readFile(path))).block, query, records);
    return records;
  }
  if (query.format !== 'npy') return records;
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(65536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const header = readNpyHeader(head.subarray(0, bytesRead));
    if ('error' in header) return records;
    let parser;
    let bytes: Uint8Array;
    if (header.fortranOrder) {
      parser = createNpyParser();
      bytes = new Uint8Array(await readFile(path));
    } else {
      const first = Math.round((query.offset - header.dataOffset) / header.matrixBytes);
      parser = createNpyParser({}, npyResumeAt(header, first, first + query.count));
      bytes = new Uint8Array(query.count * header.matrixBytes);
      await handle.read(bytes, 0, bytes.length, header.dataOffset + first * header.matrixBytes);
    }
    recordsOf(parser.push(bytes).block, query, records);
    recordsOf(parser.flush(true).block, query, records);
    return records;
  } finally {
    await handle.close();
  }
}
