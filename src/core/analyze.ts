// The full per-matrix metric set (MATH.md sections 2-6) for a range of matrices, written into a
// BatchMetrics. batch.ts checks the ranges and calls these; record.ts calls them for one matrix, so
// both report identical numbers. 9D matrices take the closed-form kernel (fastMetrics9.ts) where it
// certifies Jacobi-level accuracy, and the one-sided Jacobi path below otherwise; both are fused loops
// that compute every metric of a matrix while its decomposition is in registers.

import * as flagBits from './metrics';
import type { AnalysisOptions, BatchMetrics } from './metrics';
import * as svd from './svd3';
import * as mat3 from './mat3';
import * as projection from './projection';
import * as gramSchmidt from './gramSchmidt';
import * as stabilized from './stabilized';
import * as fast from './fastMetrics9';

// tsx runs these sources as CommonJS, where every use of an imported binding is a getter call; on
// the per-matrix path that cost more than the SVD itself. Module-scope copies are read once.
const FLAG_DET_NEGATIVE = flagBits.FLAG_DET_NEGATIVE;
const FLAG_GS_DEGENERATE = flagBits.FLAG_GS_DEGENERATE;
const FLAG_KAPPA_HIGH = flagBits.FLAG_KAPPA_HIGH;
const FLAG_NEAR_SINGULAR = flagBits.FLAG_NEAR_SINGULAR;
const FLAG_NON_FINITE = flagBits.FLAG_NON_FINITE;
const METRIC_FIELDS = flagBits.METRIC_FIELDS;
const svd3Into = svd.svd3Into;
const svdResult = svd.svdResult;
const SVD_S1 = svd.SVD_S1,
  SVD_S2 = svd.SVD_S2,
  SVD_S3 = svd.SVD_S3,
  SVD_DET = svd.SVD_DET;
const SVD_U = svd.SVD_U,
  SVD_V = svd.SVD_V;
const orthogonalityDefect = mat3.orthogonalityDefect;
const distanceToSO3 = projection.distanceToSO3;
const gramSchmidtKernel = gramSchmidt.gramSchmidt;
const GS_SV1 = gramSchmidt.GS_SV1,
  GS_SV2 = gramSchmidt.GS_SV2,
  GS_SV3 = gramSchmidt.GS_SV3;
const GS_KAPPA = gramSchmidt.GS_KAPPA,
  GS_RHO = gramSchmidt.GS_RHO;
const GS_DEGENERATE = gramSchmidt.GS_DEGENERATE,
  GS_ROTATION_UNDEFINED = gramSchmidt.GS_ROTATION_UNDEFINED;
const taylorChannelFactors = stabilized.taylorChannelFactors;
const clampChannelFactors = stabilized.clampChannelFactors;
const maxDirectionErrorDeg = stabilized.maxDirectionErrorDeg;

const analyzeRange9Fast = fast.analyzeRange9Fast;

const RAD_TO_DEG = 180 / Math.PI;

// Scratch shared by every call: the kernels are synchronous and single-threaded per realm.
const rGs = new Float64Array(9);
const gs = new Float64Array(5);
const rho = new Float64Array(3);
const rSvd = new Float64Array(9);
const product = new Float64Array(9);

/**
 * angle(R_svd, G) in degrees for R_svd = U_s V^T from svdResult: atan2 of the skew and symmetric parts
 * of P = R_svd^T G (|sin θ| = ||P - P^T||_F / sqrt 8, cos θ = (trace P - 1)/2), which keeps its digits
 * at small angles, where arccos((trace - 1)/2) loses half of them (a 1e-9° angle would read 0).
 */
function angleToProjectionDeg(g: Float64Array, d: number): number {
  const r = svdResult;
  for (let i = 0; i < 3; i++) {
    const a = r[SVD_U + 3 * i]!,
      b = r[SVD_U + 3 * i + 1]!,
      c = d * r[SVD_U + 3 * i + 2]!;
    for (let j = 0; j < 3; j++)
      rSvd[3 * i + j] = a * r[SVD_V + 3 * j]! + b * r[SVD_V + 3 * j + 1]! + c * r[SVD_V + 3 * j + 2]!;
  }
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      product[3 * i + j] = rSvd[i]! * g[j]! + rSvd[3 + i]! * g[3 + j]! + rSvd[6 + i]! * g[6 + j]!;
  const p = product;
  const x = p[7]! - p[5]!,
    y = p[2]! - p[6]!,
    z = p[3]! - p[1]!;
  return Math.atan2(0.5 * Math.sqrt(x * x + y * y + z * z), 0.5 * (p[0]! + p[4]! + p[8]! - 1)) * RAD_TO_DEG;
}

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

/**
 * analyzeRange9 on the one-sided Jacobi SVD for every matrix: the reference the closed-form path is
 * tested against, and its fallback.
 */
export function analyzeRange9Jacobi(
  input: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  outOffset: number,
): void {
  const { s1: outS1, s2: outS2, s3: outS3, s3Rel: outS3Rel, det: outDet, sigma3: outSigma3 } = out;
  const { kappa: outKappa, gain12: outGain12, gain13: outGain13, gain23: outGain23 } = out;
  const { distSO3: outDist, orthDefect: outOrth, gsSv1: outGsSv1, gsSv2: outGsSv2, gsSv3: outGsSv3 } = out;
  const { gsKappa: outGsKappa, gsRho: outGsRho, svdGsAngleDeg: outAngle } = out;
  const { taylorPhiMaxDeg: outTaylor, clampPhiMaxDeg: outClamp, flags: outFlags } = out;
  const { nearSingular, kappa: kappaLimit, taylorK, clampEps } = options;
  for (let k = 0; k < count; k++) {
    const o = offset + k * stride;
    const j = outOffset + k;
    if (!svd3Into(input, o)) {
      writeNonFinite(out, j);
      continue;
    }
    const det = svdResult[SVD_DET]!;
    const d = det < 0 ? -1 : 1;
    const s1 = svdResult[SVD_S1]!;
    const s2 = svdResult[SVD_S2]!;
    const s3 = svdResult[SVD_S3]!;
    const sigma3 = d * s3;
    const s3Rel = s1 > 0 ? s3 / s1 : 0;
    // MATH.md section 3, inlined (jacobian.ts has the same formulas as functions): gains 2/(σi+σj),
    // Infinity where σi+σj <= 0; κ = (σ1+σ2)/(σ2+σ3) = gain23/gain12.
    const sum12 = s1 + s2,
      sum13 = s1 + sigma3,
      sum23 = s2 + sigma3;
    const gain12 = sum12 > 0 ? 2 / sum12 : Infinity;
    const gain23 = sum23 > 0 ? 2 / sum23 : Infinity;
    const kappa = sum23 > 0 ? sum12 / sum23 : Infinity;
    outS1[j] = s1;
    outS2[j] = s2;
    outS3[j] = s3;
    outS3Rel[j] = s3Rel;
    outDet[j] = det;
    outSigma3[j] = sigma3;
    outKappa[j] = kappa;
    outGain12[j] = gain12;
    outGain13[j] = sum13 > 0 ? 2 / sum13 : Infinity;
    outGain23[j] = gain23;
    outDist[j] = distanceToSO3(s1, s2, s3, d);
    outOrth[j] = orthogonalityDefect(input, o);

    // Gram-Schmidt on the first two columns, and the angle between the two projections.
    const gsStatus = gramSchmidtKernel(
      rGs,
      gs,
      input[o]!,
      input[o + 3]!,
      input[o + 6]!,
      input[o + 1]!,
      input[o + 4]!,
      input[o + 7]!,
    );
    outGsSv1[j] = gs[GS_SV1]!;
    outGsSv2[j] = gs[GS_SV2]!;
    outGsSv3[j] = gs[GS_SV3]!;
    outGsKappa[j] = gs[GS_KAPPA]!;
    outGsRho[j] = gs[GS_RHO]!;
    let angle = NaN;
    if ((gsStatus & GS_ROTATION_UNDEFINED) === 0) {
      angle = angleToProjectionDeg(rGs, d);
    }
    outAngle[j] = angle;

    taylorChannelFactors(rho, s1, s2, s3, taylorK);
    outTaylor[j] = maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!);
    clampChannelFactors(rho, s1, s2, s3, clampEps);
    outClamp[j] = maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!);

    let flags = 0;
    if (s3Rel < nearSingular) flags |= FLAG_NEAR_SINGULAR;
    if (det < 0) flags |= FLAG_DET_NEGATIVE;
    if (kappa > kappaLimit) flags |= FLAG_KAPPA_HIGH;
    if (gsStatus & GS_DEGENERATE) flags |= FLAG_GS_DEGENERATE;
    outFlags[j] = flags;
  }
}

/**
 * Analyzes `count` 3x3 matrices (row-major, matrix k at input[offset + k*stride]) into slots
 * outOffset + k of out. Most matrices take the closed-form path (fastMetrics9.ts); the ones it cannot
 * certify take the Jacobi path.
 */
export function analyzeRange9(
  input: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  outOffset: number,
): void {
  analyzeRange9Fast(input, offset, stride, count, options, out, outOffset, analyzeRange9Jacobi);
}

/**
 * Analyzes `count` 6D predictions (a1 then a2, prediction k at input[offset + k*stride]) into slots
 * outOffset + k of out; the SVD-only fields are NaN. The spectrum does not depend on the layout
 * (columns or rows): a1, a2 are columns of R or of R^T.
 */
export function analyzeRange6(
  input: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  outOffset: number,
): void {
  const { s1: outS1, s2: outS2, s3: outS3, s3Rel: outS3Rel, det: outDet, sigma3: outSigma3 } = out;
  const { kappa: outKappa, gain12: outGain12, gain13: outGain13, gain23: outGain23 } = out;
  const { distSO3: outDist, orthDefect: outOrth, gsSv1: outGsSv1, gsSv2: outGsSv2, gsSv3: outGsSv3 } = out;
  const { gsKappa: outGsKappa, gsRho: outGsRho, svdGsAngleDeg: outAngle } = out;
  const { taylorPhiMaxDeg: outTaylor, clampPhiMaxDeg: outClamp, flags: outFlags } = out;
  const kappaLimit = options.kappa;
  for (let k = 0; k < count; k++) {
    const o = offset + k * stride;
    const j = outOffset + k;
    if (!allFinite(input, o, 6)) {
      writeNonFinite(out, j);
      continue;
    }
    const gsStatus = gramSchmidtKernel(
      rGs,
      gs,
      input[o]!,
      input[o + 1]!,
      input[o + 2]!,
      input[o + 3]!,
      input[o + 4]!,
      input[o + 5]!,
    );
    outS1[j] = NaN;
    outS2[j] = NaN;
    outS3[j] = NaN;
    outS3Rel[j] = NaN;
    outDet[j] = NaN;
    outSigma3[j] = NaN;
    outKappa[j] = NaN;
    outGain12[j] = NaN;
    outGain13[j] = NaN;
    outGain23[j] = NaN;
    outDist[j] = NaN;
    outOrth[j] = NaN;
    outGsSv1[j] = gs[GS_SV1]!;
    outGsSv2[j] = gs[GS_SV2]!;
    outGsSv3[j] = gs[GS_SV3]!;
    outGsKappa[j] = gs[GS_KAPPA]!;
    outGsRho[j] = gs[GS_RHO]!;
    outAngle[j] = NaN;
    outTaylor[j] = NaN;
    outClamp[j] = NaN;
    let flags = 0;
    if (gs[GS_KAPPA]! > kappaLimit) flags |= FLAG_KAPPA_HIGH;
    if (gsStatus & GS_DEGENERATE) flags |= FLAG_GS_DEGENERATE;
    outFlags[j] = flags;
  }
}

/** Analyzes the 3x3 matrix at m[o..o+8] into slot k of out. */
export function analyzeMatrix9(
  m: ArrayLike<number>,
  o: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  k: number,
): void {
  analyzeRange9(m, o, 9, 1, options, out, k);
}

/** Analyzes the 6D prediction at m[o..o+5] (a1 then a2) into slot k of out. */
export function analyzeMatrix6(
  m: ArrayLike<number>,
  o: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  k: number,
): void {
  analyzeRange6(m, o, 6, 1, options, out, k);
}
