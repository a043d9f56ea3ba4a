// One step's four order statistics per metric, written straight into the step table's columns:
// the same numbers as core's `quantiles` (NumPy's nanmin, nanmedian, nanpercentile 95 and nanmax).
// The usual step of at most 64 matrices is sorted by a network: all statistics of a row at once,
// two per WebAssembly SIMD sort (wasmPairSort.ts), or one at a time by the JavaScript networks
// (sortNetwork.ts) where WebAssembly is unavailable. Larger steps use selection.

import {
  medianOfSelected,
  medianOfSorted,
  medianOfSortedStrided,
  percentileOfSelected,
  percentileOfSorted,
  percentileOfSortedStrided,
} from '../core/stats';
import { SORT_SMALL_MAX, sortSmall } from './sortNetwork';
import { PAIR_SORT_MAX_PAIRS, threadPairSorter, type PairSorter, type PairSortSize } from './wasmPairSort';

/** Scratch length the writers need for steps of up to `count` matrices. */
export function scratchLength(count: number): number {
  return Math.max(count, SORT_SMALL_MAX);
}

/**
 * Row `row` of min, median, p95 and max gets those of values[start .. start+count) without NaN, or
 * NaN when no value is left. `scratch` (scratchLength(count) numbers) is overwritten.
 */
export function writeStepQuantiles(
  values: Float64Array,
  start: number,
  count: number,
  scratch: Float64Array,
  min: Float64Array,
  median: Float64Array,
  p95: Float64Array,
  max: Float64Array,
  row: number,
): void {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const v = values[i] as number;
    if (v === v) scratch[n++] = v;
  }
  if (n === 0) {
    min[row] = median[row] = p95[row] = max[row] = NaN;
  } else if (n <= SORT_SMALL_MAX) {
    sortSmall(scratch, n);
    min[row] = scratch[0] as number;
    median[row] = medianOfSorted(scratch, n);
    p95[row] = percentileOfSorted(scratch, n, 0.95);
    max[row] = scratch[n - 1] as number;
  } else {
    let low = scratch[0] as number;
    let high = low;
    for (let i = 1; i < n; i++) {
      const v = scratch[i] as number;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    min[row] = low;
    max[row] = high;
    p95[row] = percentileOfSelected(scratch, n, 0.95);
    median[row] = medianOfSelected(scratch, n);
  }
}

/** Where the values of a row's statistics are: statistic s at sources[s][start + s * stride + (0 .. count)]. */
export interface RowSources {
  sources: readonly Float64Array[];
  stride: number;
  start: number;
  count: number;
}

/**
 * The quantiles of every statistic of one row: columns[4s .. 4s+4) are min, median, p95 and max of
 * statistic s. Each value is exactly what writeStepQuantiles gives.
 */
export class RowQuantileWriter {
  private readonly sorter: PairSorter | undefined = threadPairSorter();
  private scratch = new Float64Array(scratchLength(0));
  private readonly valid: Int32Array;

  constructor(
    private readonly statistics: number,
    /** Tests force the JavaScript networks with false. */
    useSimd = true,
  ) {
    this.valid = new Int32Array(statistics);
    if (!useSimd || (statistics + 1) >> 1 > PAIR_SORT_MAX_PAIRS) this.sorter = undefined;
  }

  /** Whether rows of up to 64 values go through the SIMD networks. */
  get simd(): boolean {
    return this.sorter !== undefined;
  }

  write(input: RowSources, columns: Float64Array[], row: number): void {
    const { sources, stride, start, count } = input;
    const sorter = this.sorter;
    if (sorter === undefined || count > SORT_SMALL_MAX || count < 2) {
      if (this.scratch.length < count) this.scratch = new Float64Array(scratchLength(2 * count));
      for (let s = 0; s < this.statistics; s++) {
        const q = 4 * s;
        writeStepQuantiles(
          sources[s] as Float64Array,
          start + s * stride,
          count,
          this.scratch,
          columns[q] as Float64Array,
          columns[q + 1] as Float64Array,
          columns[q + 2] as Float64Array,
          columns[q + 3] as Float64Array,
          row,
        );
      }
      return;
    }
    const size: PairSortSize = count <= 8 ? 8 : count <= 16 ? 16 : count <= 32 ? 32 : 64;
    const pairs = (this.statistics + 1) >> 1;
    if (stride === 0 && this.canGather(sources, sorter) && sorter.gatherSort(size, pairs, count, start)) {
      this.extract(sorter.memory, size, count, columns, row);
      return;
    }
    const memory = sorter.memory;
    const valid = this.valid;
    // Statistic s goes to lane s & 1 of pair s >> 1, its non-NaN values first (each value is
    // written, and the next one overwrites a NaN), then +Infinity up to the network size.
    for (let s = 0; s < this.statistics; s++) {
      const source = sources[s] as Float64Array;
      const from = start + s * stride;
      const base = (s >> 1) * 2 * size + (s & 1);
      // A NaN is rare (a finite matrix has finite metrics, but for a few degenerate ones): copy
      // plainly, and compact only a statistic that turned out to have one.
      let nan = false;
      for (let i = 0; i < count; i++) {
        const v = source[from + i] as number;
        memory[base + 2 * i] = v;
        nan ||= v !== v;
      }
      let n = count;
      if (nan) {
        n = 0;
        for (let i = 0; i < count; i++) {
          const v = source[from + i] as number;
          memory[base + 2 * n] = v;
          n += v === v ? 1 : 0;
        }
      }
      valid[s] = n;
      for (let k = n; k < size; k++) memory[base + 2 * k] = Infinity;
    }
    sorter.sort(size, pairs);
    for (let s = 0; s < this.statistics; s++) {
      const n = valid[s] as number;
      const base = (s >> 1) * 2 * size + (s & 1);
      const q = 4 * s;
      const min = columns[q] as Float64Array;
      const median = columns[q + 1] as Float64Array;
      const p95 = columns[q + 2] as Float64Array;
      const max = columns[q + 3] as Float64Array;
      if (n === 0) {
        min[row] = median[row] = p95[row] = max[row] = NaN;
        continue;
      }
      min[row] = memory[base] as number;
      max[row] = memory[base + 2 * (n - 1)] as number;
      median[row] = medianOfSortedStrided(memory, base, 2, n);
      p95[row] = percentileOfSortedStrided(memory, base, 2, n, 0.95);
    }
  }

  /**
   * Whether the sources are columns in the sorter's own memory (the engine's metrics arena), so
   * that WebAssembly gathers them; their addresses are set once per set of columns.
   */
  private canGather(sources: readonly Float64Array[], sorter: PairSorter): boolean {
    if (sources === sorter.columnsKey) return true;
    const addresses: number[] = [];
    for (let s = 0; s < 2 * ((this.statistics + 1) >> 1); s++) {
      const source = sources[Math.min(s, this.statistics - 1)] as Float64Array;
      if (source.buffer !== sorter.buffer) return false;
      addresses.push(source.byteOffset);
    }
    sorter.setColumns(addresses);
    sorter.columnsKey = sources;
    return true;
  }

  /** Row `row` from sorted pairs without NaN: every statistic has all `count` values. */
  private extract(
    memory: Float64Array,
    size: number,
    count: number,
    columns: Float64Array[],
    row: number,
  ): void {
    for (let s = 0; s < this.statistics; s++) {
      const base = (s >> 1) * 2 * size + (s & 1);
      const q = 4 * s;
      (columns[q] as Float64Array)[row] = memory[base] as number;
      (columns[q + 1] as Float64Array)[row] = medianOfSortedStrided(memory, base, 2, count);
      (columns[q + 2] as Float64Array)[row] = percentileOfSortedStrided(memory, base, 2, count, 0.95);
      (columns[q + 3] as Float64Array)[row] = memory[base + 2 * (count - 1)] as number;
    }
  }
}
