// The one-sentence message of a flagged matrix: what was found, against which threshold, with κ
// and s3/s1 so that a reader can judge the severity without opening the matrix.

import type { AnalysisOptions, BatchMetrics, FlagName } from '../core/metrics';

export function flagMessage(
  kind: FlagName,
  metrics: BatchMetrics,
  i: number,
  options: AnalysisOptions,
): string {
  return flagMessageOf(
    kind,
    metrics.s1[i] as number,
    metrics.kappa[i] as number,
    metrics.gsKappa[i] as number,
    metrics.s3Rel[i] as number,
    options,
  );
}

/** The message from the four metrics it quotes (a range keeps only these for a flag it lists). */
export function flagMessageOf(
  kind: FlagName,
  s1: number,
  kappaValue: number,
  gsKappa: number,
  s3RelValue: number,
  options: AnalysisOptions,
): string {
  const sixD = Number.isNaN(s1) && !Number.isNaN(gsKappa);
  const kappa = sixD ? `κ_GS = ${formatNumber(gsKappa)}` : `κ = ${formatNumber(kappaValue)}`;
  const s3Rel = `s3/s1 = ${formatNumber(s3RelValue)}`;
  switch (kind) {
    case 'near-singular':
      return `near-singular: s3/s1 = ${formatNumber(s3RelValue)} is below ${options.nearSingular} (${kappa})`;
    case 'det-negative':
      return `det < 0: the SVD projection reflects the weakest axis here (${kappa}, ${s3Rel})`;
    case 'kappa-high':
      return `${sixD ? 'κ_GS' : 'κ'} = ${formatNumber(sixD ? gsKappa : kappaValue)} is above ${options.kappa} (${s3Rel})`;
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
