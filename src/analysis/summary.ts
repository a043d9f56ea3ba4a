// Whole-run figures derived from the per-step table: totals, fractions, and step-level order
// statistics over a window of steps (the first or last 10%). Without the raw per-matrix values
// (the engine keeps none), a run's "median κ" is the median of the step medians and its "p95 κ"
// the p95 of the step p95s; every consumer (table, reading, --fail-on) uses these definitions.

import { quantiles, Q_MAX, Q_MEDIAN, Q_P95 } from '../core/stats';
import type { AnalysisResult, ResultSummary, StepStatistic, StepTable } from '../shared/analysis';

export function summarize(result: AnalysisResult): ResultSummary {
  const t = result.steps;
  let nearSingular = 0;
  let detNegative = 0;
  let kappaHigh = 0;
  let nonFinite = 0;
  let nearSingularSteps = 0;
  let detNegativeSteps = 0;
  let kappaHighSteps = 0;
  for (let i = 0; i < t.length; i++) {
    nearSingular += t.nearSingular[i] as number;
    detNegative += t.detNegative[i] as number;
    kappaHigh += t.kappaHigh[i] as number;
    nonFinite += t.nonFinite[i] as number;
    if ((t.nearSingular[i] as number) > 0) nearSingularSteps++;
    if ((t.detNegative[i] as number) > 0) detNegativeSteps++;
    if ((t.kappaHigh[i] as number) > 0) kappaHighSteps++;
  }
  const valid = Math.max(1, result.matrices);
  const steps = Math.max(1, t.length);
  return {
    steps: t.length,
    matrices: result.matrices,
    invalid: result.invalid,
    nearSingular,
    detNegative,
    kappaHigh,
    nonFinite,
    nearSingularFraction: nearSingular / valid,
    detNegativeFraction: detNegative / valid,
    kappaHighFraction: kappaHigh / valid,
    invalidFraction: result.invalid / Math.max(1, result.matrices + result.invalid),
    nearSingularStepFraction: nearSingularSteps / steps,
    detNegativeStepFraction: detNegativeSteps / steps,
    kappaHighStepFraction: kappaHighSteps / steps,
  };
}

/** Rows [from, to) of a run: the first or last `fraction` of its steps, at least one. */
export function stepWindow(
  table: StepTable,
  which: 'first' | 'last' | 'all',
  fraction = 0.1,
): { from: number; to: number } {
  if (which === 'all') return { from: 0, to: table.length };
  const size = Math.min(table.length, Math.max(1, Math.ceil(table.length * fraction)));
  return which === 'first' ? { from: 0, to: size } : { from: table.length - size, to: table.length };
}

export interface WindowFigures {
  /** Median of the step medians. */
  median: number;
  /** p95 of the step p95s. */
  p95: number;
  /** Largest step max. */
  max: number;
  firstStep: number;
  lastStep: number;
}

/** Step-level figures of one statistic over rows [from, to); NaN where no step has a value. */
export function windowFigures(
  table: StepTable,
  name: StepStatistic,
  from: number,
  to: number,
): WindowFigures {
  const columns = table.stats[name];
  const n = Math.max(0, to - from);
  const scratch = new Float64Array(n);
  const out = new Float64Array(4);
  const pick = (values: Float64Array, which: number): number => {
    quantiles(values, from, n, scratch, out, 0);
    return out[which] as number;
  };
  return {
    median: pick(columns.median, Q_MEDIAN),
    p95: pick(columns.p95, Q_P95),
    max: pick(columns.max, Q_MAX),
    firstStep: table.step[from] ?? NaN,
    lastStep: table.step[to - 1] ?? NaN,
  };
}

/** The κ that matters for the representation: the SVD projection's (9D) or Gram-Schmidt's (6D). */
export function kappaStatistic(result: AnalysisResult): 'kappa' | 'gsKappa' {
  return result.representation === '6d' ? 'gsKappa' : 'kappa';
}

/** The row whose step max of `name` is largest (the worst step), or -1. */
export function worstRow(table: StepTable, name: StepStatistic): number {
  let worst = -1;
  let value = -Infinity;
  const max = table.stats[name].max;
  for (let i = 0; i < table.length; i++) {
    const v = max[i] as number;
    if (v > value) {
      value = v;
      worst = i;
    }
  }
  return worst;
}

/** The first row with a near-singular, det<0, κ-high or non-finite matrix, or -1. */
export function firstFlaggedRow(table: StepTable): number {
  for (let i = 0; i < table.length; i++) if (isFlaggedRow(table, i)) return i;
  return -1;
}

export function isFlaggedRow(table: StepTable, i: number): boolean {
  return (
    (table.nearSingular[i] as number) +
      (table.detNegative[i] as number) +
      (table.kappaHigh[i] as number) +
      (table.nonFinite[i] as number) >
    0
  );
}
