// One run as the webview holds it: the protocol's columns in growable typed arrays, so that live
// appends extend them in amortised O(appended) without copying the whole run every second.

import type {
  FlagRecord,
  LogFormat,
  Representation,
  StepStatistic,
  Thresholds,
} from '../src/shared/analysis';
import { STEP_STATISTICS } from '../src/shared/analysis';
import type { QuantileSeries, RunAppend, RunSeries } from '../src/shared/protocol';

export const QUANTILES = ['min', 'median', 'p95', 'max'] as const;
export type Quantile = (typeof QUANTILES)[number];

type FloatColumn = 'step' | 'offset';
type CountColumn = 'count' | 'line' | 'nearSingular' | 'detNegative' | 'kappaHigh' | 'nonFinite';
const COUNT_COLUMNS: readonly CountColumn[] = [
  'count',
  'line',
  'nearSingular',
  'detNegative',
  'kappaHigh',
  'nonFinite',
];

function grow<T extends Float64Array | Uint32Array>(array: T, length: number, capacity: number): T {
  if (array.length >= capacity) return array;
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array.subarray(0, length));
  return next;
}

export class RunStore {
  readonly id: string;
  label: string;
  file: string;
  format: LogFormat;
  representation: Representation;
  matrices: number;
  invalid: number;
  flags: FlagRecord[];
  flagsTotal: number;
  issuesTotal: number;
  reading: string;
  thresholds: Thresholds;
  live: boolean;
  /** Number of steps; the arrays below may be longer (spare capacity). */
  length: number;
  /** Bumped on every change, so caches keyed on it know when to recompute. */
  version = 0;
  private floats: Record<FloatColumn, Float64Array>;
  private counts: Record<CountColumn, Uint32Array>;
  private statistics: Record<StepStatistic, Record<Quantile, Float64Array>>;
  /** Indices in ascending step order; the identity for the usual monotonic log. */
  private sortedOrder: Uint32Array | undefined;

  constructor(run: RunSeries) {
    this.id = run.id;
    this.label = run.label;
    this.file = run.file;
    this.format = run.format;
    this.representation = run.representation;
    this.matrices = run.matrices;
    this.invalid = run.invalid;
    this.flags = run.flags;
    this.flagsTotal = run.flagsTotal;
    this.issuesTotal = run.issuesTotal;
    this.reading = run.reading;
    this.thresholds = run.thresholds;
    this.live = run.live;
    this.length = run.step.length;
    this.floats = { step: run.step, offset: run.offset };
    this.counts = {} as Record<CountColumn, Uint32Array>;
    for (const column of COUNT_COLUMNS) this.counts[column] = run[column];
    this.statistics = {} as Record<StepStatistic, Record<Quantile, Float64Array>>;
    for (const stat of STEP_STATISTICS) {
      const series = run.stats[stat];
      this.statistics[stat] = { min: series.min, median: series.median, p95: series.p95, max: series.max };
    }
    this.updateOrder();
  }

  /** Steps from `data.from` on are replaced by the appended ones (a re-read tail may change them). */
  append(data: RunAppend): void {
    const from = Math.min(Math.max(0, data.from), this.length);
    const length = from + data.step.length;
    const capacity = Math.max(length, this.capacityNeeded(length));
    this.floats.step = grow(this.floats.step, this.length, capacity);
    this.floats.offset = grow(this.floats.offset, this.length, capacity);
    this.floats.step.set(data.step, from);
    this.floats.offset.set(data.offset, from);
    for (const column of COUNT_COLUMNS) {
      this.counts[column] = grow(this.counts[column], this.length, capacity);
      this.counts[column].set(data[column], from);
    }
    for (const stat of STEP_STATISTICS) {
      const target = this.statistics[stat];
      const source: QuantileSeries = data.stats[stat];
      for (const quantile of QUANTILES) {
        target[quantile] = grow(target[quantile], this.length, capacity);
        target[quantile].set(source[quantile], from);
      }
    }
    this.length = length;
    this.matrices = data.matrices;
    this.invalid = data.invalid;
    this.flags = data.flags;
    this.flagsTotal = data.flagsTotal;
    this.issuesTotal = data.issuesTotal;
    this.reading = data.reading;
    this.updateOrder();
    this.version++;
  }

  private capacityNeeded(length: number): number {
    const current = this.floats.step.length;
    return current >= length ? current : Math.max(length, current * 2, 64);
  }

  get steps(): Float64Array {
    return this.floats.step.subarray(0, this.length);
  }

  get offsets(): Float64Array {
    return this.floats.offset.subarray(0, this.length);
  }

  column(name: CountColumn): Uint32Array {
    return this.counts[name].subarray(0, this.length);
  }

  stat(stat: StepStatistic, quantile: Quantile): Float64Array {
    return this.statistics[stat][quantile].subarray(0, this.length);
  }

  /** Indices of the steps in ascending step order. */
  get order(): Uint32Array {
    return (this.sortedOrder as Uint32Array).subarray(0, this.length);
  }

  hasValues(stat: StepStatistic): boolean {
    const median = this.stat(stat, 'median');
    for (let i = 0; i < median.length; i++) if (!Number.isNaN(median[i] as number)) return true;
    return false;
  }

  /** Index (into the columns) of the step nearest to `x`. */
  nearestIndex(x: number): number {
    const order = this.order;
    const steps = this.floats.step;
    if (order.length === 0) return -1;
    let lo = 0;
    let hi = order.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((steps[order[mid] as number] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    const right = order[lo] as number;
    if (lo === 0) return right;
    const left = order[lo - 1] as number;
    return x - (steps[left] as number) <= (steps[right] as number) - x ? left : right;
  }

  private updateOrder(): void {
    const steps = this.floats.step;
    let monotonic = true;
    for (let i = 1; i < this.length && monotonic; i++)
      monotonic = (steps[i] as number) >= (steps[i - 1] as number);
    const order = new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) order[i] = i;
    if (!monotonic) order.sort((a, b) => (steps[a] as number) - (steps[b] as number) || a - b);
    this.sortedOrder = order;
  }
}
