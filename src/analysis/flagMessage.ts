// The one-sentence message of a flagged matrix: what was found, against which threshold, with κ
// and s3/s1 so that a reader can judge the severity without opening the matrix.

import type { AnalysisOptions, BatchMetrics, FlagName } from '../core/metrics';

export function flagMessage(
  kind: FlagName,
  metrics: BatchMetrics,
  i: number,
  options: AnalysisOptions,
): string {
  const sixD = Number.isNaN(metrics.s1[i] as number) && !Number.isNaN(metrics.gsKappa[i] as number);
  const kappa = sixD ? `κ_GS = ${formatNumber(metrics.gsKappa[i])}` : `κ = ${formatNumber(metrics.kappa[i])}`;
  const s3Rel = `s3/s1 = ${formatNumber(metrics.s3Rel[i])}`;
  switch (kind) {
    case 'near-singular':
      return `near-singular: s3/s1 = ${formatNumber(metrics.s3Rel[i])} is below ${options.nearSingular} (${kappa})`;
    case 'det-negative':
      return `det < 0: the SVD projection reflects the weakest axis here (${kappa}, ${s3Rel})`;
    case 'kappa-high':
      return `${sixD ? 'κ_GS' : 'κ'} = ${formatNumber(sixD ? metrics.gsKappa[i] : metrics.kappa[i])} is above ${options.kappa} (${s3Rel})`;
    case 'gs-degenerate':
      return `Gram-Schmidt is undefined: a1 is zero or a1, a2 are collinear (${s3Rel})`;
    case 'non-finite':
      return 'a NaN or infinite entry: counted invalid, left out of the statistics';
  }
}

/** Four significant digits; exponent form for very small or large magnitudes. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
