// One step's four order statistics of one metric, written straight into the step table's columns:
// the same numbers as core's `quantiles` (NumPy's nanmin, nanmedian, nanpercentile 95 and nanmax),
// with a sorting network for the usual step of at most 64 matrices.

import { medianOfSelected, medianOfSorted, percentileOfSelected, percentileOfSorted } from '../core/stats';
import { SORT_SMALL_MAX, sortSmall } from './sortNetwork';

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
