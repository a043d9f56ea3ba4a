// Order statistics that reproduce NumPy's defaults bit for bit: `np.nanmin`, `np.nanmedian`,
// `np.nanpercentile(x, 95)` (method 'linear') and `np.nanmax` over the non-NaN values.
//
// NumPy's median of an even count is the mean of the two middle values, (a + b) / 2; its percentile
// interpolates with `_lerp`, which switches to `b - (b - a) * (1 - t)` for t >= 0.5. Using one formula for
// both would differ from NumPy in the last bit, so both are written out. `quantiles` sorts (a
// few dozen values by insertion, more by the typed array's native sort); the selection functions
// below keep the cost linear for callers that run them many times (the engine's large steps). The
// caller provides the scratch array so that no call allocates.

/** Offsets of the four statistics in the `out` array of `quantiles`. */
export const Q_MIN = 0;
export const Q_MEDIAN = 1;
export const Q_P95 = 2;
export const Q_MAX = 3;
export const QUANTILE_COUNT = 4;

/**
 * Writes min, median, p95 and max of `values[start .. start+count)` (NaN skipped) into
 * `out[outOffset .. outOffset+4)`; all four are NaN when no value is left. `scratch` must hold `count`
 * numbers; it is overwritten. Returns the number of non-NaN values.
 */
export function quantiles(
  values: ArrayLike<number>,
  start: number,
  count: number,
  scratch: Float64Array,
  out: Float64Array,
  outOffset: number,
): number {
  if (count <= SMALL) return smallQuantiles(values, start, count, scratch, out, outOffset);
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const v = values[i] as number;
    if (v === v) scratch[n++] = v;
  }
  if (n === 0) {
    out.fill(NaN, outOffset, outOffset + QUANTILE_COUNT);
    return 0;
  }
  // The typed array's own sort: fast from its first call. This runs on whole runs (a run's figures
  // over up to millions of steps), once each, where selection code would first be compiled.
  const sorted = scratch.subarray(0, n).sort();
  out[outOffset + Q_MIN] = sorted[0] as number;
  out[outOffset + Q_MAX] = sorted[n - 1] as number;
  out[outOffset + Q_P95] = percentileOfSorted(sorted, n, 0.95);
  out[outOffset + Q_MEDIAN] = medianOfSorted(sorted, n);
  return n;
}

/** Steps are usually a batch of a few dozen matrices: there a full insertion sort is the fastest. */
function smallQuantiles(
  values: ArrayLike<number>,
  start: number,
  count: number,
  scratch: Float64Array,
  out: Float64Array,
  outOffset: number,
): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const v = values[i] as number;
    if (v === v) scratch[n++] = v;
  }
  if (n === 0) {
    out.fill(NaN, outOffset, outOffset + QUANTILE_COUNT);
    return 0;
  }
  insertionSort(scratch, 0, n - 1);
  out[outOffset + Q_MIN] = scratch[0] as number;
  out[outOffset + Q_MAX] = scratch[n - 1] as number;
  out[outOffset + Q_MEDIAN] = medianOfSorted(scratch, n);
  out[outOffset + Q_P95] = percentileOfSorted(scratch, n, 0.95);
  return n;
}

const SMALL = 48;

/** NumPy's median of the sorted a[0..n), n >= 1. */
export function medianOfSorted(a: Float64Array, n: number): number {
  return medianOfSortedStrided(a, 0, 1, n);
}

/** medianOfSorted of the sorted a[offset], a[offset + stride], ... (n of them). */
export function medianOfSortedStrided(a: Float64Array, offset: number, stride: number, n: number): number {
  const at = offset + stride * (n >> 1);
  return n % 2 === 1 ? (a[at] as number) : ((a[at - stride] as number) + (a[at] as number)) / 2;
}

/** NumPy's `percentile(a[0..n), 100*q, method='linear')` of the sorted a[0..n), n >= 1. */
export function percentileOfSorted(a: Float64Array, n: number, q: number): number {
  return percentileOfSortedStrided(a, 0, 1, n, q);
}

/** percentileOfSorted of the sorted a[offset], a[offset + stride], ... (n of them). */
export function percentileOfSortedStrided(
  a: Float64Array,
  offset: number,
  stride: number,
  n: number,
  q: number,
): number {
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return a[offset + stride * (n - 1)] as number;
  const lowerIndex = Math.floor(virtual);
  const at = offset + stride * lowerIndex;
  return lerp(a[at] as number, a[at + stride] as number, virtual - lowerIndex);
}

/** NumPy's median of `a[0..n)` (no NaN); reorders `a`. */
export function medianOfSelected(a: Float64Array, n: number): number {
  const half = n >> 1;
  const upper = select(a, n, half);
  if (n % 2 === 1) return upper;
  const lower = maxOfRange(a, 0, half);
  return (lower + upper) / 2;
}

/** NumPy's `percentile(a[0..n), 100*q, method='linear')` (no NaN); reorders `a`. */
export function percentileOfSelected(a: Float64Array, n: number, q: number): number {
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return select(a, n, n - 1);
  const lowerIndex = Math.floor(virtual);
  const lower = select(a, n, lowerIndex);
  const upper = minOfRange(a, lowerIndex + 1, n);
  return lerp(lower, upper, virtual - lowerIndex);
}

function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function minOfRange(a: Float64Array, from: number, to: number): number {
  let m = a[from] as number;
  for (let i = from + 1; i < to; i++) if ((a[i] as number) < m) m = a[i] as number;
  return m;
}

function maxOfRange(a: Float64Array, from: number, to: number): number {
  let m = a[from] as number;
  for (let i = from + 1; i < to; i++) if ((a[i] as number) > m) m = a[i] as number;
  return m;
}

/**
 * Moves the k-th smallest of `a[0..n)` to `a[k]`, smaller-or-equal values before it and
 * greater-or-equal after it (Hoare quickselect, median-of-three pivot). Returns `a[k]`.
 */
export function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    if (hi - lo < 16) {
      insertionSort(a, lo, hi);
      break;
    }
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= lo && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
