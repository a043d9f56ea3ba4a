// The full per-matrix metric set, written into one slot of a BatchMetrics. batch.ts loops over these;
// record.ts calls them for a single matrix, so both report identical numbers.

import {
  FLAG_DET_NEGATIVE,
  FLAG_GS_DEGENERATE,
  FLAG_KAPPA_HIGH,
  FLAG_NEAR_SINGULAR,
  FLAG_NON_FINITE,
  METRIC_FIELDS,
  type AnalysisOptions,
  type BatchMetrics,
} from './metrics';
import { svd3 } from './svd3';
import { orthogonalityDefect } from './mat3';
import { distanceToSO3, projectToSO3 } from './projection';
import { gain, jacobianKappa } from './jacobian';
import {
  gramSchmidtColumns,
  gramSchmidtSpectrum,
  GS_KAPPA,
  GS_RHO,
  GS_SV1,
  GS_SV2,
  GS_SV3,
} from './gramSchmidt';
import { clampChannelFactors, maxDirectionErrorDeg, taylorChannelFactors } from './stabilized';

const RAD_TO_DEG = 180 / Math.PI;

// Scratch shared by every call: the kernels are synchronous and single-threaded per realm.
const u = new Float64Array(9);
const s = new Float64Array(3);
const v = new Float64Array(9);
const rSvd = new Float64Array(9);
const rGs = new Float64Array(9);
const gs = new Float64Array(5);
const rho = new Float64Array(3);

/** Marks slot k as non-finite: every metric NaN, no other flag. */
export function writeNonFinite(out: BatchMetrics, k: number): void {
  for (const field of METRIC_FIELDS) out[field][k] = NaN;
  out.flags[k] = FLAG_NON_FINITE;
}

function allFinite(m: ArrayLike<number>, o: number, width: number): boolean {
  let acc = 0;
  // Any NaN or ±Infinity makes x - x NaN; a sum of zeros stays 0.
  for (let k = 0; k < width; k++) acc += m[o + k]! - m[o + k]!;
  return acc === 0;
}

/** Analyzes the 3x3 matrix at m[o..o+8] into slot k of out. */
export function analyzeMatrix9(
  m: ArrayLike<number>,
  o: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  k: number,
): void {
  if (!allFinite(m, o, 9)) {
    writeNonFinite(out, k);
    return;
  }
  const det = svd3(u, s, v, m, o);
  const d = det < 0 ? -1 : 1;
  const s1 = s[0]!,
    s2 = s[1]!,
    s3 = s[2]!;
  const sigma3 = d * s3;
  const s3Rel = s1 > 0 ? s3 / s1 : 0;
  const kappa = jacobianKappa(s1, s2, sigma3);
  out.s1[k] = s1;
  out.s2[k] = s2;
  out.s3[k] = s3;
  out.s3Rel[k] = s3Rel;
  out.det[k] = det;
  out.sigma3[k] = sigma3;
  out.kappa[k] = kappa;
  out.gain12[k] = gain(s1, s2);
  out.gain13[k] = gain(s1, sigma3);
  out.gain23[k] = gain(s2, sigma3);
  out.distSO3[k] = distanceToSO3(s1, s2, s3, d);
  out.orthDefect[k] = orthogonalityDefect(m, o);

  // Gram-Schmidt on the first two columns, and the angle between the two projections.
  const a1x = m[o]!,
    a1y = m[o + 3]!,
    a1z = m[o + 6]!;
  const a2x = m[o + 1]!,
    a2y = m[o + 4]!,
    a2z = m[o + 7]!;
  const gsDegenerate = gramSchmidtSpectrum(gs, a1x, a1y, a1z, a2x, a2y, a2z);
  out.gsSv1[k] = gs[GS_SV1]!;
  out.gsSv2[k] = gs[GS_SV2]!;
  out.gsSv3[k] = gs[GS_SV3]!;
  out.gsKappa[k] = gs[GS_KAPPA]!;
  out.gsRho[k] = gs[GS_RHO]!;
  let angle = NaN;
  if (gramSchmidtColumns(rGs, a1x, a1y, a1z, a2x, a2y, a2z)) {
    projectToSO3(rSvd, u, v, d);
    let trace = 0;
    for (let i = 0; i < 9; i++) trace += rSvd[i]! * rGs[i]!;
    const c = (trace - 1) / 2;
    angle = Math.acos(c > 1 ? 1 : c < -1 ? -1 : c) * RAD_TO_DEG;
  }
  out.svdGsAngleDeg[k] = angle;

  taylorChannelFactors(rho, s1, s2, s3, options.taylorK);
  out.taylorPhiMaxDeg[k] = maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!);
  clampChannelFactors(rho, s1, s2, s3, options.clampEps);
  out.clampPhiMaxDeg[k] = maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!);

  let flags = 0;
  if (s3Rel < options.nearSingular) flags |= FLAG_NEAR_SINGULAR;
  if (det < 0) flags |= FLAG_DET_NEGATIVE;
  if (kappa > options.kappa) flags |= FLAG_KAPPA_HIGH;
  if (gsDegenerate) flags |= FLAG_GS_DEGENERATE;
  out.flags[k] = flags;
}

/** Analyzes the 6D prediction at m[o..o+5] (a1 then a2) into slot k of out; SVD-only fields are NaN. */
export function analyzeMatrix6(
  m: ArrayLike<number>,
  o: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  k: number,
): void {
  if (!allFinite(m, o, 6)) {
    writeNonFinite(out, k);
    return;
  }
  // The spectrum does not depend on the layout: a1, a2 are columns or rows of the same R^T.
  const gsDegenerate = gramSchmidtSpectrum(gs, m[o]!, m[o + 1]!, m[o + 2]!, m[o + 3]!, m[o + 4]!, m[o + 5]!);
  out.s1[k] = NaN;
  out.s2[k] = NaN;
  out.s3[k] = NaN;
  out.s3Rel[k] = NaN;
  out.det[k] = NaN;
  out.sigma3[k] = NaN;
  out.kappa[k] = NaN;
  out.gain12[k] = NaN;
  out.gain13[k] = NaN;
  out.gain23[k] = NaN;
  out.distSO3[k] = NaN;
  out.orthDefect[k] = NaN;
  out.gsSv1[k] = gs[GS_SV1]!;
  out.gsSv2[k] = gs[GS_SV2]!;
  out.gsSv3[k] = gs[GS_SV3]!;
  out.gsKappa[k] = gs[GS_KAPPA]!;
  out.gsRho[k] = gs[GS_RHO]!;
  out.svdGsAngleDeg[k] = NaN;
  out.taylorPhiMaxDeg[k] = NaN;
  out.clampPhiMaxDeg[k] = NaN;
  let flags = 0;
  if (gs[GS_KAPPA]! > options.kappa) flags |= FLAG_KAPPA_HIGH;
  if (gsDegenerate) flags |= FLAG_GS_DEGENERATE;
  out.flags[k] = flags;
}
