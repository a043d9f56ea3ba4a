// The raw per-matrix values of one step while it is being read. Only the open step keeps raw values;
// when the step ends they become four order statistics per metric in the StepTable. The raw values
// also travel between threads and into resume state, so a step cut by a range boundary or by the end
// of a growing file is summarized from all of its values, exactly as a single pass would.

import {
  FLAG_DET_NEGATIVE,
  FLAG_KAPPA_HIGH,
  FLAG_NEAR_SINGULAR,
  FLAG_NON_FINITE,
  type BatchMetrics,
  type MetricField,
} from '../core/metrics';
import { STEP_STATISTICS, type OpenStepState, type StepStatistic } from '../shared/analysis';
import { RowQuantileWriter, type RowSources } from './stepQuantiles';
import { appendRow, type StepTableBuilder } from './stepTable';

/** Which core metric field each step statistic summarizes. */
export const STATISTIC_FIELDS: { readonly [K in StepStatistic]: MetricField } = {
  kappa: 'kappa',
  s1: 's1',
  s2: 's2',
  s3: 's3',
  s3Rel: 's3Rel',
  gain: 'gain23',
  gsRho: 'gsRho',
  gsKappa: 'gsKappa',
  distSO3: 'distSO3',
  svdGsAngleDeg: 'svdGsAngleDeg',
  taylorPhiMaxDeg: 'taylorPhiMaxDeg',
  clampPhiMaxDeg: 'clampPhiMaxDeg',
};

const STAT_COUNT = STEP_STATISTICS.length;
const FIELDS: MetricField[] = STEP_STATISTICS.map((name) => STATISTIC_FIELDS[name]);

/** One per thread: a row is written synchronously, start to end, so every writer can share it. */
let sharedQuantiles: RowQuantileWriter | undefined;

function rowQuantiles(): RowQuantileWriter {
  return (sharedQuantiles ??= new RowQuantileWriter(STAT_COUNT));
}

export class StepAccumulator {
  step = NaN;
  line = 0;
  offset = 0;
  count = 0;
  nearSingular = 0;
  detNegative = 0;
  kappaHigh = 0;
  nonFinite = 0;
  valid = 0;
  private capacity: number;
  /** Statistic-major: statistic s of valid matrix j at `s * capacity + j`. */
  private values: Float64Array;
  private readonly rowSources: RowSources;
  private boundTo: BatchMetrics | undefined;
  private sources: Float64Array[] = [];

  constructor(capacity = 64) {
    this.capacity = capacity;
    this.values = new Float64Array(capacity * STAT_COUNT);
    this.rowSources = { sources: [], stride: capacity, start: 0, count: 0 };
  }

  get isOpen(): boolean {
    return this.count > 0;
  }

  begin(step: number, line: number, offset: number): void {
    this.step = step;
    this.line = line;
    this.offset = offset;
    this.count = 0;
    this.nearSingular = 0;
    this.detNegative = 0;
    this.kappaHigh = 0;
    this.nonFinite = 0;
    this.valid = 0;
  }

  /** Adds matrix `i` of `metrics`; a non-finite matrix is counted but contributes no values. */
  add(metrics: BatchMetrics, i: number): void {
    const flags = metrics.flags[i] as number;
    this.count++;
    if (flags & FLAG_NON_FINITE) {
      this.nonFinite++;
      return;
    }
    if (flags & FLAG_NEAR_SINGULAR) this.nearSingular++;
    if (flags & FLAG_DET_NEGATIVE) this.detNegative++;
    if (flags & FLAG_KAPPA_HIGH) this.kappaHigh++;
    if (this.valid === this.capacity) this.grow(this.capacity * 2);
    if (metrics !== this.boundTo) this.bind(metrics);
    const sources = this.sources;
    const values = this.values;
    const capacity = this.capacity;
    const j = this.valid++;
    for (let s = 0; s < STAT_COUNT; s++) values[s * capacity + j] = (sources[s] as Float64Array)[i] as number;
  }

  /** Looks the metric columns up once per BatchMetrics instead of once per matrix. */
  private bind(metrics: BatchMetrics): void {
    this.boundTo = metrics;
    this.sources = FIELDS.map((field) => metrics[field]);
  }

  /** Appends the step as one row of order statistics. */
  writeRow(table: StepTableBuilder): void {
    const row = writeRowHeader(table, this);
    const input = this.rowSources;
    if (input.sources[0] !== this.values) input.sources = FIELDS.map(() => this.values);
    input.stride = this.capacity;
    input.count = this.valid;
    rowQuantiles().write(input, table.quantileColumns, row);
  }

  /** Marks the step finished (nothing open until the next `begin`). */
  close(): void {
    this.count = 0;
  }

  /** A copy of the raw values, structured-clone and transfer safe. */
  toState(): OpenStepState {
    const values = new Float64Array(this.valid * STAT_COUNT);
    for (let s = 0; s < STAT_COUNT; s++) {
      values.set(this.values.subarray(s * this.capacity, s * this.capacity + this.valid), s * this.valid);
    }
    return {
      step: this.step,
      line: this.line,
      offset: this.offset,
      count: this.count,
      nearSingular: this.nearSingular,
      detNegative: this.detNegative,
      kappaHigh: this.kappaHigh,
      nonFinite: this.nonFinite,
      valid: this.valid,
      values,
    };
  }

  /** Restarts from `state` (a step left open by an earlier range or an earlier read). */
  load(state: OpenStepState): void {
    this.begin(state.step, state.line, state.offset);
    this.absorb(state);
  }

  /** Appends the matrices of `state`, which continue this step. */
  absorb(state: OpenStepState): void {
    this.count += state.count;
    this.nearSingular += state.nearSingular;
    this.detNegative += state.detNegative;
    this.kappaHigh += state.kappaHigh;
    this.nonFinite += state.nonFinite;
    const needed = this.valid + state.valid;
    if (needed > this.capacity) this.grow(Math.max(needed, this.capacity * 2));
    for (let s = 0; s < STAT_COUNT; s++) {
      this.values.set(
        state.values.subarray(s * state.valid, (s + 1) * state.valid),
        s * this.capacity + this.valid,
      );
    }
    this.valid = needed;
  }

  private grow(capacity: number): void {
    const values = new Float64Array(capacity * STAT_COUNT);
    for (let s = 0; s < STAT_COUNT; s++) {
      values.set(this.values.subarray(s * this.capacity, s * this.capacity + this.valid), s * capacity);
    }
    this.values = values;
    this.capacity = capacity;
  }
}

/** Where a step is and its counts: an open step's state without the raw values. */
export type StepHeader = Omit<OpenStepState, 'valid' | 'values'>;

function writeRowHeader(table: StepTableBuilder, header: StepHeader): number {
  const row = appendRow(table);
  const t = table.table;
  t.step[row] = header.step;
  t.count[row] = header.count;
  t.line[row] = header.line;
  t.offset[row] = header.offset;
  t.nearSingular[row] = header.nearSingular;
  t.detNegative[row] = header.detNegative;
  t.kappaHigh[row] = header.kappaHigh;
  t.nonFinite[row] = header.nonFinite;
  return row;
}

/**
 * Writes a step that lies whole inside one BatchMetrics, matrices [start, start+count), straight
 * from its columns: most steps never need the copy into an accumulator. A non-finite matrix has NaN
 * in every field, so the NaN-skipping quantiles leave it out as the accumulator does.
 */
export class DirectRowWriter {
  private boundTo: BatchMetrics | undefined;
  private readonly rowSources: RowSources = { sources: [], stride: 0, start: 0, count: 0 };
  private readonly header: StepHeader = {
    step: 0,
    line: 0,
    offset: 0,
    count: 0,
    nearSingular: 0,
    detNegative: 0,
    kappaHigh: 0,
    nonFinite: 0,
  };

  write(
    table: StepTableBuilder,
    metrics: BatchMetrics,
    start: number,
    count: number,
    step: number,
    line: number,
    offset: number,
  ): void {
    const h = this.header;
    h.step = step;
    h.line = line;
    h.offset = offset;
    h.count = count;
    h.nearSingular = h.detNegative = h.kappaHigh = h.nonFinite = 0;
    const flags = metrics.flags;
    for (let i = start; i < start + count; i++) {
      const bits = flags[i] as number;
      if (bits === 0) continue;
      if (bits & FLAG_NON_FINITE) h.nonFinite++;
      else {
        if (bits & FLAG_NEAR_SINGULAR) h.nearSingular++;
        if (bits & FLAG_DET_NEGATIVE) h.detNegative++;
        if (bits & FLAG_KAPPA_HIGH) h.kappaHigh++;
      }
    }
    const input = this.rowSources;
    if (metrics !== this.boundTo) {
      this.boundTo = metrics;
      input.sources = FIELDS.map((field) => metrics[field]);
    }
    input.start = start;
    input.count = count;
    // The header first: appending the row may grow (replace) the table's columns.
    const row = writeRowHeader(table, h);
    rowQuantiles().write(input, table.quantileColumns, row);
  }
}

export function sameStep(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}
