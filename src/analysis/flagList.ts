// The flags a range lists, as columns: no object and no message string per flag until the assembler
// knows which flags the whole file keeps (the first maxFlags). A range past the first one would
// otherwise format and post up to maxFlags messages that are then dropped.

import { FLAGS, type AnalysisOptions, type BatchMetrics, type FlagName } from '../core/metrics';
import type { MatrixBlock } from '../parsers/types';
import type { FlagRecord } from '../shared/analysis';
import { flagMessageOf } from './flagMessage';

export interface FlagList {
  length: number;
  /** Position of the flag in FLAGS. */
  kind: Uint8Array;
  step: Float64Array;
  index: Uint32Array;
  line: Uint32Array;
  endLine: Uint32Array;
  offset: Float64Array;
  endOffset: Float64Array;
  /** The metrics the message quotes. */
  s1: Float64Array;
  kappa: Float64Array;
  gsKappa: Float64Array;
  s3Rel: Float64Array;
}

export function createFlagList(capacity: number): FlagList {
  return {
    length: 0,
    kind: new Uint8Array(capacity),
    step: new Float64Array(capacity),
    index: new Uint32Array(capacity),
    line: new Uint32Array(capacity),
    endLine: new Uint32Array(capacity),
    offset: new Float64Array(capacity),
    endOffset: new Float64Array(capacity),
    s1: new Float64Array(capacity),
    kappa: new Float64Array(capacity),
    gsKappa: new Float64Array(capacity),
    s3Rel: new Float64Array(capacity),
  };
}

const COLUMNS = [
  'kind',
  'step',
  'index',
  'line',
  'endLine',
  'offset',
  'endOffset',
  's1',
  'kappa',
  'gsKappa',
  's3Rel',
] as const;

/** Grows (doubling, never past `limit`) and appends flag `kind` of matrix i of the block. */
export function appendFlag(
  list: FlagList,
  limit: number,
  kind: number,
  step: number,
  index: number,
  block: MatrixBlock,
  metrics: BatchMetrics,
  i: number,
): FlagList {
  let out = list;
  if (out.length === out.kind.length) {
    out = createFlagList(Math.min(limit, Math.max(16, 2 * out.kind.length)));
    for (const column of COLUMNS) out[column].set(list[column] as never);
    out.length = list.length;
  }
  const k = out.length++;
  out.kind[k] = kind;
  out.step[k] = step;
  out.index[k] = index;
  out.line[k] = block.line[i] as number;
  out.endLine[k] = block.endLine[i] as number;
  out.offset[k] = block.offset[i] as number;
  out.endOffset[k] = block.endOffset[i] as number;
  out.s1[k] = metrics.s1[i] as number;
  out.kappa[k] = metrics.kappa[i] as number;
  out.gsKappa[k] = metrics.gsKappa[i] as number;
  out.s3Rel[k] = metrics.s3Rel[i] as number;
  return out;
}

/**
 * Flag k as the record the result lists, its step, index and lines shifted into file coordinates.
 * Field order as the JSON output prints it: step, index, kind, message, then where it is.
 */
export function flagRecordAt(
  list: FlagList,
  k: number,
  shift: { step: number; index: number; line: number },
  binary: boolean,
  options: AnalysisOptions,
): FlagRecord {
  const kind = (FLAGS[list.kind[k] as number] as { name: FlagName }).name;
  const record: FlagRecord = {
    step: (list.step[k] as number) + shift.step,
    index: (list.index[k] as number) + shift.index,
    kind,
    message: flagMessageOf(
      kind,
      list.s1[k] as number,
      list.kappa[k] as number,
      list.gsKappa[k] as number,
      list.s3Rel[k] as number,
      options,
    ),
  };
  if (!binary) {
    record.line = shiftedLine(list.line[k] as number, shift.line);
    record.endLine = shiftedLine(list.endLine[k] as number, shift.line);
  }
  record.offset = list.offset[k] as number;
  record.endOffset = list.endOffset[k] as number;
  return record;
}

function shiftedLine(line: number, shift: number): number {
  return line > 0 ? line + shift : line;
}
