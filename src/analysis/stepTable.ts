// StepTables: grown by doubling while steps are appended (arrays may then be longer than `length`),
// shifted in place when a worker's rows are placed, and concatenated once into an exact-size table.

import { STEP_STATISTICS, type QuantileColumns, type StepTable } from '../shared/analysis';

export interface StepTableBuilder {
  table: StepTable;
  capacity: number;
  /** The table's quantile columns, statistic by statistic in STEP_STATISTICS order: min, median, p95, max. */
  quantileColumns: Float64Array[];
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
  const table = createStepTable(capacity);
  return { table, capacity, quantileColumns: quantileColumnsOf(table) };
}

function quantileColumnsOf(table: StepTable): Float64Array[] {
  return STEP_STATISTICS.flatMap((name) => QUANTILES.map((q) => table.stats[name][q]));
}

/** Reserves the next row and returns its index. */
export function appendRow(builder: StepTableBuilder): number {
  if (builder.table.length === builder.capacity) resize(builder, builder.capacity * 2);
  return builder.table.length++;
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
  builder.quantileColumns = quantileColumnsOf(table);
}

/** Adds the shifts to the rows of a table this code owns (a worker's transferred rows). */
export function shiftRowsInPlace(table: StepTable, stepShift: number, lineShift: number): void {
  if (stepShift !== 0)
    for (let i = 0; i < table.length; i++) table.step[i] = (table.step[i] as number) + stepShift;
  if (lineShift !== 0) {
    for (let i = 0; i < table.length; i++)
      if ((table.line[i] as number) > 0) table.line[i] = (table.line[i] as number) + lineShift;
  }
}

/** One exact-size table of the rows of `tables`, in order (one copy, no growth). */
export function concatTables(tables: readonly StepTable[]): StepTable {
  const out = createStepTable(tables.reduce((sum, t) => sum + t.length, 0));
  for (const t of tables) {
    copyRows(t, out, 0, t.length, out.length);
    out.length += t.length;
  }
  return out;
}
