// The header's headline numbers, computed from the per-step columns the webview already holds.

import type { StepStatistic } from '../../src/shared/analysis';
import type { RunStore } from '../store';

export interface Headline {
  label: string;
  value: number;
  /** Step where the value occurs, for extremes. */
  step?: number;
  kind: 'number' | 'count';
  /** Tile emphasis: a warning-coloured tile when the count is not zero. */
  warn?: boolean;
  title: string;
}

/** The k-th smallest of `a` (Hoare's quickselect, in place): linear time, a million steps in milliseconds. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

export function medianOf(values: Float64Array): number {
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) finite[n++] = v;
  }
  if (n === 0) return NaN;
  const a = finite.subarray(0, n);
  const mid = n >> 1;
  const upper = select(a, mid);
  if (n % 2) return upper;
  // After selection everything left of `mid` is <= a[mid]: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + upper) / 2;
}

/**
 * NumPy's default (linear) percentile of the finite values: the run-level "p95" the engine, the CLI
 * table and the CodeLens report is the p95 of the step p95s, so the header says the same number.
 */
export function percentileOf(values: Float64Array, q: number): number {
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) finite[n++] = v;
  }
  if (n === 0) return NaN;
  const a = finite.subarray(0, n);
  const h = (n - 1) * q;
  const k = Math.floor(h);
  const low = select(a, k);
  if (k + 1 >= n || h === k) return low;
  // After selection everything right of `k` is >= a[k]: the next order statistic is their minimum.
  let high = Infinity;
  for (let i = k + 1; i < n; i++) if ((a[i] as number) < high) high = a[i] as number;
  return low + (h - k) * (high - low);
}

function maxWithStep(store: RunStore, stat: StepStatistic): { value: number; step: number | undefined } {
  const max = store.stat(stat, 'max');
  let best = NaN;
  let at = -1;
  for (let i = 0; i < max.length; i++) {
    const v = max[i] as number;
    if (!Number.isNaN(v) && !(v <= best)) {
      best = v;
      at = i;
    }
  }
  return { value: best, step: at >= 0 ? (store.steps[at] as number) : undefined };
}

function stepsWith(counts: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) if ((counts[i] as number) > 0) n++;
  return n;
}

export function headline(store: RunStore): Headline[] {
  const nineD = store.representation === '9d';
  const kappaStat: StepStatistic = nineD ? 'kappa' : 'gsKappa';
  const kappaName = nineD ? 'κ' : 'κ_GS';
  const peak = maxWithStep(store, kappaStat);
  const tiles: Headline[] = [
    {
      label: `${kappaName} median`,
      value: medianOf(store.stat(kappaStat, 'median')),
      kind: 'number',
      title: `Median over steps of each step's median ${kappaName}`,
    },
    {
      label: `${kappaName} p95`,
      value: percentileOf(store.stat(kappaStat, 'p95'), 0.95),
      kind: 'number',
      title: `95th percentile over steps of each step's 95th percentile ${kappaName}`,
    },
    {
      label: `${kappaName} max`,
      value: peak.value,
      step: peak.step,
      kind: 'number',
      title: `Largest ${kappaName} of any matrix, and its step`,
    },
  ];
  if (nineD) {
    const near = stepsWith(store.column('nearSingular'));
    const det = stepsWith(store.column('detNegative'));
    tiles.push(
      {
        label: 'near-singular steps',
        value: near,
        kind: 'count',
        warn: near > 0,
        title: 'Steps with a matrix whose s3/s1 is below the threshold',
      },
      {
        label: 'det < 0 steps',
        value: det,
        kind: 'count',
        warn: det > 0,
        title: 'Steps with a reflection (negative determinant)',
      },
    );
  } else {
    tiles.push({
      label: 'ρ_GS median',
      value: medianOf(store.stat('gsRho', 'median')),
      kind: 'number',
      title: 'Median over steps of the Gram-Schmidt gradient imbalance (2 at orthonormal inputs)',
    });
  }
  tiles.push(
    {
      label: 'flagged matrices',
      value: store.flagsTotal,
      kind: 'count',
      warn: store.flagsTotal > 0,
      title: 'Matrices with at least one flag',
    },
    {
      label: 'issues',
      value: store.issuesTotal,
      kind: 'count',
      warn: store.issuesTotal > 0,
      title: 'Lines or records that could not be read, and matrices left out (NaN or infinite entries)',
    },
  );
  return tiles;
}
