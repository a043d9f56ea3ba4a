// A StepTable that grows by doubling while steps are appended, then is trimmed to its length.

import { STEP_STATISTICS, type QuantileColumns, type StepTable } from '../shared/analysis';

export interface StepTableBuilder {
  table: StepTable;
  capacity: number;
}

const FLOAT_COLUMNS = ['step', 'offset'] as const;
const COUNT_COLUMNS = ['count', 'line', 'nearSingular', 'detNegative', 'kappaHigh', 'nonFinite'] as const;
const QUANTILES = ['min', 'median', 'p95', 'max'] as const;

export function createStepTable(capacity: number): StepTable {
  const stats = {} as Record<string, QuantileColumns>;
  for (const name of STEP_STATISTICS) {
    stats[name] = {
      min: new Float64Array(capacity),
      median: new Float64Array(capacity),
      p95: new Float64Array(capacity),
      max: new Float64Array(capacity),
    };
  }
  const table = { length: 0, stats } as unknown as StepTable;
  for (const column of FLOAT_COLUMNS) table[column] = new Float64Array(capacity);
  for (const column of COUNT_COLUMNS) table[column] = new Uint32Array(capacity);
  return table;
}

export function createStepTableBuilder(capacity = 256): StepTableBuilder {
  return { table: createStepTable(capacity), capacity };
}

/** Reserves the next row and returns its index. */
export function appendRow(builder: StepTableBuilder): number {
  if (builder.table.length === builder.capacity) resize(builder, builder.capacity * 2);
  return builder.table.length++;
}

/**
 * Appends rows [from, to) of `source`, with `stepShift` added to the steps and `lineShift` to the
 * (nonzero) lines: the shifts place rows counted by a worker that started mid-file.
 */
export function appendRows(
  builder: StepTableBuilder,
  source: StepTable,
  from: number,
  to: number,
  stepShift: number,
  lineShift: number,
): void {
  if (to <= from) return;
  const needed = builder.table.length + (to - from);
  if (needed > builder.capacity) resize(builder, Math.max(needed, builder.capacity * 2));
  const t = builder.table;
  const at = t.length;
  copyRows(source, t, from, to, at);
  if (stepShift !== 0) for (let i = at; i < needed; i++) t.step[i] = (t.step[i] as number) + stepShift;
  if (lineShift !== 0) {
    for (let i = at; i < needed; i++)
      if ((t.line[i] as number) > 0) t.line[i] = (t.line[i] as number) + lineShift;
  }
  t.length = needed;
}

/** The table with its arrays cut to its length (a copy; the builder stays usable). */
export function trimmedTable(builder: StepTableBuilder): StepTable {
  const source = builder.table;
  const out = createStepTable(source.length);
  copyRows(source, out, 0, source.length, 0);
  out.length = source.length;
  return out;
}

/** Every ArrayBuffer of the table, for a transfer list. */
export function tableBuffers(table: StepTable): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const column of FLOAT_COLUMNS) buffers.push(table[column].buffer as ArrayBuffer);
  for (const column of COUNT_COLUMNS) buffers.push(table[column].buffer as ArrayBuffer);
  for (const name of STEP_STATISTICS)
    for (const q of QUANTILES) buffers.push(table.stats[name][q].buffer as ArrayBuffer);
  return buffers;
}

function copyRows(source: StepTable, target: StepTable, from: number, to: number, at: number): void {
  for (const column of FLOAT_COLUMNS) target[column].set(source[column].subarray(from, to), at);
  for (const column of COUNT_COLUMNS) target[column].set(source[column].subarray(from, to), at);
  for (const name of STEP_STATISTICS) {
    for (const q of QUANTILES) target.stats[name][q].set(source.stats[name][q].subarray(from, to), at);
  }
}

function resize(builder: StepTableBuilder, capacity: number): void {
  const old = builder.table;
  const table = createStepTable(capacity);
  copyRows(old, table, 0, old.length, 0);
  table.length = old.length;
  builder.table = table;
  builder.capacity = capacity;
}
