// Level of detail: a 1M-step run cannot hand Chart.js a million {x, y} objects per series (hundreds
// of MB). These reductions turn the visible index range into a bounded number of points that keeps
// every extreme (min-max per bucket); Chart.js' decimation plugin then thins them to the pixel
// width with the algorithm the user picked. Zooming recomputes them for the new range.

export interface Point {
  x: number;
  y: number;
}

export interface BandPoints {
  lower: Point[];
  upper: Point[];
}

/** Positions [start, end) in `order` of the steps inside [min, max], plus one neighbour each side. */
export function visibleRange(
  steps: Float64Array,
  order: Uint32Array,
  min: number | undefined,
  max: number | undefined,
): [number, number] {
  const n = order.length;
  /** First position whose step is >= value (or > value when `strict`). */
  const bound = (value: number, strict: boolean): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const step = steps[order[mid] as number] as number;
      if (step < value || (strict && step === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = min === undefined ? 0 : Math.max(0, bound(min, false) - 1);
  const end = max === undefined ? n : Math.min(n, bound(max, true) + 1);
  return [start, Math.max(start, end)];
}

/** The line through `values` (indexed like `steps`), reduced to about 2 points per bucket. */
export function lineLod(
  steps: Float64Array,
  values: Float64Array,
  order: Uint32Array,
  start: number,
  end: number,
  buckets: number,
): Point[] {
  const points: Point[] = [];
  const count = end - start;
  if (count <= 2 * buckets) {
    for (let k = start; k < end; k++) {
      const i = order[k] as number;
      points.push({ x: steps[i] as number, y: values[i] as number });
    }
    return points;
  }
  const size = count / buckets;
  for (let b = 0; b < buckets; b++) {
    const from = start + Math.floor(b * size);
    const to = b === buckets - 1 ? end : start + Math.floor((b + 1) * size);
    let minAt = -1;
    let maxAt = -1;
    let low = Infinity;
    let high = -Infinity;
    for (let k = from; k < to; k++) {
      const value = values[order[k] as number] as number;
      // NaN fails both comparisons and is skipped.
      if (value < low || (minAt < 0 && value === low)) {
        low = value;
        minAt = k;
      }
      if (value > high || (maxAt < 0 && value === high)) {
        high = value;
        maxAt = k;
      }
    }
    if (minAt < 0) {
      // A bucket with no value at all stays a gap in the line.
      points.push({ x: steps[order[from] as number] as number, y: NaN });
      continue;
    }
    const first = Math.min(minAt, maxAt);
    const second = Math.max(minAt, maxAt);
    points.push({ x: steps[order[first] as number] as number, y: values[order[first] as number] as number });
    if (second !== first) {
      points.push({
        x: steps[order[second] as number] as number,
        y: values[order[second] as number] as number,
      });
    }
  }
  return points;
}

/** A band between `lower` and `upper`, both on the same x positions (the filler needs that). */
export function bandLod(
  steps: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  order: Uint32Array,
  start: number,
  end: number,
  buckets: number,
): BandPoints {
  const band: BandPoints = { lower: [], upper: [] };
  const count = end - start;
  const exact = count <= 2 * buckets;
  const groups = exact ? count : 2 * buckets;
  const size = count / groups;
  for (let b = 0; b < groups; b++) {
    const from = start + Math.floor(b * size);
    const to = exact ? from + 1 : b === groups - 1 ? end : start + Math.floor((b + 1) * size);
    let low = NaN;
    let high = NaN;
    for (let k = from; k < to; k++) {
      const i = order[k] as number;
      const l = lower[i] as number;
      const u = upper[i] as number;
      if (!Number.isNaN(l) && !(l >= low)) low = l;
      if (!Number.isNaN(u) && !(u <= high)) high = u;
    }
    const x = steps[order[from] as number] as number;
    band.lower.push({ x, y: low });
    band.upper.push({ x, y: high });
  }
  return band;
}

/**
 * TensorBoard's debiased exponential moving average, in step order; NaN steps keep the previous
 * value out of the average and stay NaN. `weight` 0 returns the input unchanged.
 */
export function ema(values: Float64Array, order: Uint32Array, weight: number): Float64Array {
  if (weight <= 0) return values;
  const out = new Float64Array(values.length);
  let average = 0;
  let debias = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const value = values[i] as number;
    if (!Number.isFinite(value)) {
      out[i] = value;
      continue;
    }
    average = average * weight + (1 - weight) * value;
    debias = debias * weight + (1 - weight);
    out[i] = average / debias;
  }
  return out;
}
