// The batch path's closed-form kernel: every 9D metric of a matrix without an iterative SVD, for the
// matrices where the closed forms are as accurate as one-sided Jacobi (certified per matrix, below);
// every other matrix goes to the fallback, the Jacobi path of analyze.ts. On training-like data the
// closed forms answer for ~99.5% of the matrices, about 2.5x faster than Jacobi.
//
// Why it is accurate where it answers:
// - Eigenvalues λ of A = M^T M come from the trigonometric solution of the deviatoric cubic. Its error
//   is about eps λ1 / sin 3φ: the cubic's parameter r = cos 3φ carries an error ~eps, amplified only
//   when two eigenvalues nearly coincide (sin 3φ -> 0) while the spread p is not itself at rounding
//   level. λ1 stays accurate when λ2 ~ λ3 (φ -> 0), and s2 is then deflated (below); λ1 ~ λ2 goes to
//   Jacobi. A spread at rounding level (scaled rotations) takes λ1 = λ2 = λ3 = trace/3.
// - s1 = sqrt(λ1) (relative error ~eps). s2 from the larger root of t^2 - (s2^2 + s3^2) t + s2^2 s3^2,
//   whose coefficients come from ||cof M||_F^2 = s1^2 s2^2 + s1^2 s3^2 + s2^2 s3^2 and det M computed
//   from the entries (relative error ~eps s1/s2, as Jacobi), when s3^2 <= s2^2/4 keeps the
//   discriminant from cancelling; otherwise (s2 ~ s3) s2 = sqrt(λ2) if λ2 >= λ1/2, else from the 2x2
//   problem on the plane orthogonal to λ1's eigenvector (deflatedS2, relative error ~eps s1/s2).
//   s3 = |det M| / (s1 s2): relative error ~eps s1/s3 with det M from plain cofactors, as Jacobi's
//   column norm; below s3 = 1e-2 s1 det M is summed in double-double, and the error of s3 is that of
//   s2. Below s3 = REFINE_BELOW s1 Jacobi takes over.
// - The angle needs only R_svd = U_s V^T, never U and V: R_svd = M S^-1 with S = V diag(σ) V^T (σ the
//   signed singular values), and Cayley-Hamilton for S gives S^-1 = (A + i2 I)(i1 A + i3 I)^-1 with
//   the invariants i1, i2, i3 of σ. This holds for repeated singular values too (near-rotations), where
//   singular vectors are undefined. R_svd errs by ~eps cond(i1 A + i3 I) s1/s3; beyond COND_MAX eps
//   Jacobi takes over. With R_gs = G and M = G T (Gram-Schmidt is QR), G^T R_svd = T S^-1, so the angle
//   needs neither rotation explicitly; atan2 of its skew and symmetric parts is accurate at small
//   angles, where arccos((trace - 1)/2) would lose half the digits.
//
// orthDefect, the plain det and the Gram-Schmidt singular values and κ_GS use the formulas of mat3.ts,
// svd3.ts and gramSchmidt.ts in the same order, so they agree with them to the last bit (ρ_GS to an
// ulp). test/unit/core/fastPath.test.ts checks all of it against Jacobi and exact singular values.

import * as gramSchmidt from './gramSchmidt';
import * as stabilized from './stabilized';
import * as mat3 from './mat3';
import * as flagBits from './metrics';
import type { AnalysisOptions, BatchMetrics } from './metrics';

const GS_COLLINEAR_SIN2 = gramSchmidt.GS_COLLINEAR_SIN2;
/** gramSchmidt.ts redoes R from rescaled columns below this |a1|^2 or |a1 x a2|^2; so does Jacobi's path. */
const GS_PRECISE_SQUARE = 2 ** -900;
const directionErrorDeg = stabilized.directionErrorDeg;
const det3Accurate = mat3.det3Accurate;
const FLAG_DET_NEGATIVE = flagBits.FLAG_DET_NEGATIVE;
const FLAG_KAPPA_HIGH = flagBits.FLAG_KAPPA_HIGH;
const FLAG_NEAR_SINGULAR = flagBits.FLAG_NEAR_SINGULAR;

const SQRT2 = Math.SQRT2;
const SQRT3 = Math.sqrt(3);
const RAD_TO_DEG = 180 / Math.PI;
const EPS = 2 ** -52;
/**
 * ||M||_F^2 outside this range goes to Jacobi (which rescales): inside it no intermediate below
 * (up to ninth powers of the singular values) overflows or underflows, and gramSchmidt would not
 * rescale either.
 */
const SAFE_LOW = 2 ** -120;
const SAFE_HIGH = 2 ** 120;
/** sin^2 3φ below this, with a spread p above ROUNDING_SPREAD λ: eigenvalues too close for the cubic. */
const MIN_SIN2_3PHI = 1 / 256;
const ROUNDING_SPREAD = 64 * EPS;
/**
 * Spread p <= 2 eps q: the eigenvalues are within 4 eps q of q, about the rounding of forming A, so
 * they are taken as q (scaled rotations; the cubic's parameter would be rounding noise).
 */
const ROUNDING_SPREAD_SQUARED = (2 * EPS) ** 2;
/** s2 from the quadratic when λ3 <= λ2 * this: its discriminant does not cancel. */
const SEPARATED_S3_SQUARED = 1 / 4;
/**
 * Otherwise (s2 ~ s3) s2 = sqrt(λ2) when λ2 >= λ1 * this (relative error ~eps / sin 3φ), else from
 * the 2x2 problem on the complement of λ1's eigenvector (relative error ~eps s1/s2).
 */
const DEFLATE_BELOW = 1 / 2;
/** Spread p/q above which λ1 is far enough from λ2 ~ λ3 (gap ~3p) for its eigenvector to deflate. */
const DEFLATION_GAP = 1e-6;
/** Same threshold as svd3.ts: below it s3 needs the double-double determinant. */
const REFINE_BELOW = 1e-4;
/** Below this s3/s1 the determinant is summed in double-double. */
const ACCURATE_DET_BELOW = 1e-2;
/**
 * R_svd = M S^-1 errs by ~eps cond(C) s1/s3 (the inverse's error, times ||M|| ||S^-1||); above this
 * bound (~2e-9; measured errors stay below 1e-12 rad) Jacobi takes over.
 */
const COND_MAX = 1e7;

/**
 * cos(arccos(r)/3) for r in [-1, 1], without the two transcendental calls: a polynomial in
 * y = sqrt((1 + r)/2) = cos(3φ/2), in which cos φ = cos(2/3 arccos y) is analytic on [0, 1] (error
 * 5e-10), then one Newton step on 4c^3 - 3c = r (error below 1e-17 when sin^2 3φ >= MIN_SIN2_3PHI).
 * Without `polish` (r near -1, where the Newton slope 12c^2 - 3 vanishes) the polynomial value is
 * returned: the caller uses it only when the spread p is at rounding level, so 5e-10 of p is nothing.
 */
function cosThirdOfArccos(r: number, polish: boolean): number {
  const y = Math.sqrt(0.5 + 0.5 * r);
  // Estrin's scheme: the same polynomial in a third of Horner's dependent steps (the cubic sits on
  // the kernel's critical path, and iterations barely overlap in the CPU's window).
  const y2 = y * y;
  const y4 = y2 * y2;
  const low =
    0.5000000004754329 + 0.5773501705590788 * y + (-0.1111077029203505 + 0.05341205747411082 * y) * y2;
  const middle =
    -0.032595931600280195 +
    0.021509111499681235 * y +
    (-0.013436705932716956 + 0.006784710184867859 * y) * y2;
  const high = -0.002280393678366189 + 0.0003646842913783405 * y;
  let c = low + middle * y4 + high * (y4 * y4);
  if (polish) c -= (c * (4 * c * c - 3) - r) / (12 * c * c - 3);
  return c > 1 ? 1 : c; // sin φ = sqrt(1 - c^2) must stay real
}

/** Analyzes one range of matrices the same way, matrix by matrix: the fallback for what the closed forms cannot certify. */
export type RangeAnalyzer = (
  input: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  outOffset: number,
) => void;

/**
 * s2 of M from the 2x2 problem on the plane orthogonal to v1, the eigenvector of A = M^T M for its
 * largest eigenvalue λ1 (well separated from λ2 by the callers): with an orthonormal basis x, y of that
 * plane, s2^2 is the larger eigenvalue of the Gram matrix of Mx, My. v1 errs by ~eps λ1/(λ1 - λ2),
 * which leaks only quadratically into |Mx|^2; Mx, My carry an absolute ~eps s1, so s2 has a relative
 * error ~eps s1/s2 even when s2 ~ s3, where the cubic's split and the quadratic's discriminant fail.
 */
function deflatedS2(input: ArrayLike<number>, o: number, l1: number): number {
  // The entries are read again rather than passed: a call that is not inlined (this one is too big
  // for the caller's inlining budget) boxes every double argument, 16 of them on a hot path.
  const m00 = input[o]!,
    m01 = input[o + 1]!,
    m02 = input[o + 2]!;
  const m10 = input[o + 3]!,
    m11 = input[o + 4]!,
    m12 = input[o + 5]!;
  const m20 = input[o + 6]!,
    m21 = input[o + 7]!,
    m22 = input[o + 8]!;
  const a00 = m00 * m00 + m10 * m10 + m20 * m20;
  const a11 = m01 * m01 + m11 * m11 + m21 * m21;
  const a22 = m02 * m02 + m12 * m12 + m22 * m22;
  const a01 = m00 * m01 + m10 * m11 + m20 * m21;
  const a02 = m00 * m02 + m10 * m12 + m20 * m22;
  const a12 = m01 * m02 + m11 * m12 + m21 * m22;
  // Rows of A - λ1 I span the plane orthogonal to v1; v1 is the largest cross product of two of them.
  const r00 = a00 - l1,
    r11 = a11 - l1,
    r22 = a22 - l1;
  const c0x = a01 * a12 - a02 * r11,
    c0y = a02 * a01 - r00 * a12,
    c0z = r00 * r11 - a01 * a01; // row0 x row1
  const c1x = a01 * r22 - a02 * a12,
    c1y = a02 * a02 - r00 * r22,
    c1z = r00 * a12 - a01 * a02; // row0 x row2
  const c2x = r11 * r22 - a12 * a12,
    c2y = a12 * a02 - a01 * r22,
    c2z = a01 * a12 - r11 * a02; // row1 x row2
  const n0 = c0x * c0x + c0y * c0y + c0z * c0z,
    n1 = c1x * c1x + c1y * c1y + c1z * c1z,
    n2 = c2x * c2x + c2y * c2y + c2z * c2z;
  let vx = c0x,
    vy = c0y,
    vz = c0z,
    vn = n0;
  // x starts from a row of A - λ1 I (orthogonal to v1 up to rounding), then is projected exactly.
  let ex = r00,
    ey = a01,
    ez = a02;
  if (n1 > vn) {
    vx = c1x;
    vy = c1y;
    vz = c1z;
    vn = n1;
  }
  if (n2 > vn) {
    vx = c2x;
    vy = c2y;
    vz = c2z;
    vn = n2;
    ex = a01;
    ey = r11;
    ez = a12;
  }
  const inverseV = 1 / Math.sqrt(vn);
  vx *= inverseV;
  vy *= inverseV;
  vz *= inverseV;
  const along = ex * vx + ey * vy + ez * vz;
  ex -= along * vx;
  ey -= along * vy;
  ez -= along * vz;
  const inverseE = 1 / Math.sqrt(ex * ex + ey * ey + ez * ez);
  ex *= inverseE;
  ey *= inverseE;
  ez *= inverseE;
  const fx = vy * ez - vz * ey,
    fy = vz * ex - vx * ez,
    fz = vx * ey - vy * ex;
  const mx0 = m00 * ex + m01 * ey + m02 * ez,
    mx1 = m10 * ex + m11 * ey + m12 * ez,
    mx2 = m20 * ex + m21 * ey + m22 * ez;
  const my0 = m00 * fx + m01 * fy + m02 * fz,
    my1 = m10 * fx + m11 * fy + m12 * fz,
    my2 = m20 * fx + m21 * fy + m22 * fz;
  const g00 = mx0 * mx0 + mx1 * mx1 + mx2 * mx2,
    g11 = my0 * my0 + my1 * my1 + my2 * my2,
    g01 = mx0 * my0 + mx1 * my1 + mx2 * my2;
  const half = 0.5 * (g00 - g11);
  return Math.sqrt(0.5 * (g00 + g11) + Math.sqrt(half * half + g01 * g01));
}

/**
 * analyzeRange9 (analyze.ts) by closed forms: every 9D metric of the matrices at input[offset + k*stride]
 * into slot outOffset + k of out, or, for a matrix the closed forms cannot certify to Jacobi-level
 * accuracy (non-finite or extreme entries, nearly coincident eigenvalues of M^T M, s3 < 1e-4 s1, an
 * ill-conditioned S, a degenerate Gram-Schmidt input), `fallback` on that one matrix.
 */
export function analyzeRange9Fast(
  input: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  options: AnalysisOptions,
  out: BatchMetrics,
  outOffset: number,
  fallback: RangeAnalyzer,
): void {
  const { s1: outS1, s2: outS2, s3: outS3, s3Rel: outS3Rel, det: outDet, sigma3: outSigma3 } = out;
  const { kappa: outKappa, gain12: outGain12, gain13: outGain13, gain23: outGain23 } = out;
  const { distSO3: outDist, orthDefect: outOrth, gsSv1: outGsSv1, gsSv2: outGsSv2, gsSv3: outGsSv3 } = out;
  const { gsKappa: outGsKappa, gsRho: outGsRho, svdGsAngleDeg: outAngle } = out;
  const { taylorPhiMaxDeg: outTaylor, clampPhiMaxDeg: outClamp, flags: outFlags } = out;
  const { nearSingular, kappa: kappaLimit, taylorK, clampEps } = options;
  const invEps = 1 / clampEps;
  // Taylor(K) raises (s_j/s_i)^2 to K + 1: by repeated squaring for integer orders (stabilized.ts).
  const taylorOrder = taylorK + 1;
  const integerOrder = Number.isInteger(taylorOrder) && taylorOrder >= 0 && taylorOrder <= 1024;
  for (let k = 0; k < count; k++) {
    const o = offset + k * stride;
    const j = outOffset + k;
    const m00 = input[o]!,
      m01 = input[o + 1]!,
      m02 = input[o + 2]!;
    const m10 = input[o + 3]!,
      m11 = input[o + 4]!,
      m12 = input[o + 5]!;
    const m20 = input[o + 6]!,
      m21 = input[o + 7]!,
      m22 = input[o + 8]!;
    // A = M^T M: a_ij = (column i) . (column j).
    const a00 = m00 * m00 + m10 * m10 + m20 * m20;
    const a11 = m01 * m01 + m11 * m11 + m21 * m21;
    const a22 = m02 * m02 + m12 * m12 + m22 * m22;
    const a01 = m00 * m01 + m10 * m11 + m20 * m21;
    const a02 = m00 * m02 + m10 * m12 + m20 * m22;
    const a12 = m01 * m02 + m11 * m12 + m21 * m22;
    const trace = a00 + a11 + a22;
    // Also rejects NaN and Infinity.
    if (!(trace > SAFE_LOW && trace < SAFE_HIGH)) {
      fallback(input, o, stride, 1, options, out, j);
      continue;
    }

    // Eigenvalues of A, descending: λ_k = q + 2p cos(φ + 2πk/3), cos 3φ = det((A - qI)/p)/2.
    const q = trace / 3;
    const d0 = a00 - q,
      d1 = a11 - q,
      d2 = a22 - q;
    const p2 = (d0 * d0 + d1 * d1 + d2 * d2 + 2 * (a01 * a01 + a02 * a02 + a12 * a12)) / 6;
    let l1 = q,
      l2 = q,
      l3 = q;
    // λ2, λ3 nearly coincide (sin 3φ -> 0 with φ -> 0): the cubic splits them poorly, λ1 stays exact.
    let closePair = false;
    if (p2 > ROUNDING_SPREAD_SQUARED * q * q) {
      const p = Math.sqrt(p2);
      const detD = d0 * (d1 * d2 - a12 * a12) - a01 * (a01 * d2 - a12 * a02) + a02 * (a01 * a12 - d1 * a02);
      let r = detD / (2 * p2 * p);
      r = r > 1 ? 1 : r < -1 ? -1 : r;
      const sin2 = (1 - r) * (1 + r);
      if (sin2 < MIN_SIN2_3PHI && p > ROUNDING_SPREAD * q) {
        // λ1 - λ2 ~ 3p: deflating λ1 needs it well above rounding; λ1 ~ λ2 (r -> -1) goes to Jacobi.
        if (!(r > 0 && p > DEFLATION_GAP * q)) {
          fallback(input, o, stride, 1, options, out, j);
          continue;
        }
        closePair = true;
      }
      const c = cosThirdOfArccos(r, sin2 >= MIN_SIN2_3PHI || r > 0); // cos φ, φ in [0, π/3]
      const s = SQRT3 * Math.sqrt((1 - c) * (1 + c)); // √3 sin φ
      l1 = q + 2 * p * c;
      l2 = q - p * (c - s);
      l3 = q - p * (c + s);
    }

    let det = m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20);
    const s1 = Math.sqrt(l1);
    let s2: number;
    if (closePair || (l3 > SEPARATED_S3_SQUARED * l2 && l2 < DEFLATE_BELOW * l1)) {
      s2 = deflatedS2(input, o, l1);
    } else if (l3 <= SEPARATED_S3_SQUARED * l2) {
      // ||cof M||_F^2 from the 2x2 minors themselves: accurate even when s2 << s1.
      const c00 = m11 * m22 - m12 * m21,
        c01 = m10 * m22 - m12 * m20,
        c02 = m10 * m21 - m11 * m20;
      const c10 = m01 * m22 - m02 * m21,
        c11 = m00 * m22 - m02 * m20,
        c12 = m00 * m21 - m01 * m20;
      const c20 = m01 * m12 - m02 * m11,
        c21 = m00 * m12 - m02 * m10,
        c22 = m00 * m11 - m01 * m10;
      const cofactorSquared =
        c00 * c00 +
        c01 * c01 +
        c02 * c02 +
        c10 * c10 +
        c11 * c11 +
        c12 * c12 +
        c20 * c20 +
        c21 * c21 +
        c22 * c22;
      const inverseL1 = 1 / l1;
      const product = det * det * inverseL1; // s2^2 s3^2
      const sum = (cofactorSquared - product) * inverseL1; // s2^2 + s3^2
      const discriminant = sum * sum - 4 * product; // (s2^2 - s3^2)^2, no cancellation when s3 << s2
      s2 = Math.sqrt(0.5 * (sum + Math.sqrt(discriminant > 0 ? discriminant : 0)));
    } else {
      s2 = Math.sqrt(l2);
    }
    if (s2 > s1) s2 = s1;
    // One division serves s3, 1/s1 and 1/s2.
    const inv12 = 1 / (s1 * s2);
    let s3 = Math.abs(det) * inv12;
    if (!(s3 >= REFINE_BELOW * s1)) {
      fallback(input, o, stride, 1, options, out, j);
      continue;
    }
    if (s3 < ACCURATE_DET_BELOW * s1) {
      // Plain cofactors leave det, hence s3, a relative error ~eps s1/s3; summed in double-double
      // the error of s3 is that of s2 (~eps s1/s2), better than Jacobi's column norm.
      det = det3Accurate(input, o);
      s3 = Math.abs(det) * inv12;
    }
    if (s3 > s2) s3 = s2;
    const dSign = det < 0 ? -1 : 1;
    const sigma3 = dSign * s3;

    // S^-1 = (A + i2 I)(i1 A + i3 I)^-1; the eigenvalues of C = i1 A + i3 I are σi (σi + σj)(σi + σk).
    const sum12 = s1 + s2,
      sum13 = s1 + sigma3,
      sum23 = s2 + sigma3;
    // With det < 0, σ1 + σ3 = s1 - s3 can vanish too (a reflection with s1 = s3): c1 is then not the largest.
    const cEig1 = Math.abs(s1 * sum12 * sum13);
    const cEig2 = Math.abs(s2 * sum12 * sum23);
    const cEig3 = Math.abs(sigma3 * sum13 * sum23);
    const cMax = cEig1 > cEig2 ? (cEig1 > cEig3 ? cEig1 : cEig3) : cEig2 > cEig3 ? cEig2 : cEig3;
    const cMin = cEig1 < cEig2 ? (cEig1 < cEig3 ? cEig1 : cEig3) : cEig2 < cEig3 ? cEig2 : cEig3;
    if (!(cMin > 0 && cMax * s1 <= COND_MAX * cMin * s3)) {
      fallback(input, o, stride, 1, options, out, j);
      continue;
    }

    // Gram-Schmidt on the first two columns (gramSchmidt.ts, same formulas): degenerate goes to Jacobi.
    const wx = m10 * m21 - m20 * m11,
      wy = m20 * m01 - m00 * m21,
      wz = m00 * m11 - m10 * m01;
    const pw = wx * wx + wy * wy + wz * wz;
    if (!(a00 >= GS_PRECISE_SQUARE && pw >= GS_PRECISE_SQUARE && pw > GS_COLLINEAR_SIN2 * a00 * a11)) {
      fallback(input, o, stride, 1, options, out, j);
      continue;
    }

    const i1 = sum12 + sigma3;
    const i2 = s1 * s2 + sum12 * sigma3;
    const i3 = det;
    const b00 = a00 + i2,
      b11 = a11 + i2,
      b22 = a22 + i2;
    const k00 = i1 * a00 + i3,
      k11 = i1 * a11 + i3,
      k22 = i1 * a22 + i3;
    const k01 = i1 * a01,
      k02 = i1 * a02,
      k12 = i1 * a12;
    // adj(C), symmetric.
    const j00 = k11 * k22 - k12 * k12,
      j11 = k00 * k22 - k02 * k02,
      j22 = k00 * k11 - k01 * k01;
    const j01 = k02 * k12 - k01 * k22,
      j02 = k01 * k12 - k02 * k11,
      j12 = k01 * k02 - k00 * k12;
    const inverseDetC = 1 / (k00 * j00 + k01 * j01 + k02 * j02);
    // W = S^-1 = B adj(C) / det C (symmetric: B and C are polynomials in A).
    const w00 = (b00 * j00 + a01 * j01 + a02 * j02) * inverseDetC;
    const w11 = (a01 * j01 + b11 * j11 + a12 * j12) * inverseDetC;
    const w22 = (a02 * j02 + a12 * j12 + b22 * j22) * inverseDetC;
    const w01 = (b00 * j01 + a01 * j11 + a02 * j12) * inverseDetC;
    const w02 = (b00 * j02 + a01 * j12 + a02 * j22) * inverseDetC;
    const w12 = (a01 * j02 + b11 * j12 + a12 * j22) * inverseDetC;

    const invR1 = 1 / Math.sqrt(a00);
    const invW = 1 / Math.sqrt(pw);
    const invN1 = invR1 * invR1;
    const b1x = m00 * invR1,
      b1y = m10 * invR1,
      b1z = m20 * invR1;
    const b3x = wx * invW,
      b3y = wy * invW,
      b3z = wz * invW;
    const b2x = b3y * b1z - b3z * b1y,
      b2y = b3z * b1x - b3x * b1z,
      b2z = b3x * b1y - b3y * b1x;
    // T = R_gs^T M, upper triangular (the QR factor of M).
    const t00 = a00 * invR1,
      t01 = a01 * invR1,
      t02 = a02 * invR1;
    const t11 = pw * invW * invR1,
      t12 = b2x * m02 + b2y * m12 + b2z * m22;
    const t22 = det * invW;
    // Q = T W = R_gs^T R_svd; its rotation angle is the angle between the projections.
    const q00 = t00 * w00 + t01 * w01 + t02 * w02;
    const q01 = t00 * w01 + t01 * w11 + t02 * w12;
    const q02 = t00 * w02 + t01 * w12 + t02 * w22;
    const q10 = t11 * w01 + t12 * w02;
    const q11 = t11 * w11 + t12 * w12;
    const q12 = t11 * w12 + t12 * w22;
    const q20 = t22 * w02;
    const q21 = t22 * w12;
    const q22 = t22 * w22;
    const skew0 = q21 - q12,
      skew1 = q02 - q20,
      skew2 = q10 - q01;
    const sinAngle = 0.5 * Math.sqrt(skew0 * skew0 + skew1 * skew1 + skew2 * skew2);
    const cosAngle = 0.5 * (q00 + q11 + q22 - 1);

    // Gram-Schmidt spectrum (gramSchmidt.ts).
    const diff = a00 - a11;
    const qq = Math.sqrt(a00 + a11 + Math.sqrt(diff * diff + 4 * a01 * a01));
    let hi = SQRT2 * invR1,
      mid = qq * invW,
      lo = 2 / qq,
      t: number;
    if (hi < mid) {
      t = hi;
      hi = mid;
      mid = t;
    }
    if (mid < lo) {
      t = mid;
      mid = lo;
      lo = t;
    }
    if (hi < mid) {
      t = hi;
      hi = mid;
      mid = t;
    }

    // Stabilized gradients (stabilized.ts): Taylor(K) and clamp(ε) channel factors, then φ_max.
    const inv1 = s2 * inv12,
      inv2 = s1 * inv12;
    const r12 = s2 * inv1,
      r13 = s3 * inv1,
      r23 = s3 * inv2;
    // q^(K+1) of the three squared ratios: one repeated-squaring loop for all three.
    let p12 = 1,
      p13 = 1,
      p23 = 1;
    if (integerOrder) {
      let b12 = r12 * r12,
        b13 = r13 * r13,
        b23 = r23 * r23;
      for (let e = taylorOrder; e > 0; e >>>= 1) {
        if (e & 1) {
          p12 *= b12;
          p13 *= b13;
          p23 *= b23;
        }
        b12 *= b12;
        b13 *= b13;
        b23 *= b23;
      }
    } else {
      p12 = Math.pow(r12 * r12, taylorOrder);
      p13 = Math.pow(r13 * r13, taylorOrder);
      p23 = Math.pow(r23 * r23, taylorOrder);
    }
    // r13 <= r12 and r13 <= r23 (as computed, too), so ρ13 is the largest Taylor factor.
    const taylor12 = 1 - p12,
      taylor23 = 1 - p23;
    const taylorLo = taylor12 < taylor23 ? taylor12 : taylor23,
      taylorHi = 1 - p13;
    // Math.min / Math.max, not comparisons: a clamped factor is the small integer 1, and a compare
    // that first sees only such values is compiled for integers, then thrown away (with the whole
    // kernel) at the first fraction. The factors are finite and not negative, so nothing else differs.
    const c12 = Math.min(1, (s1 - s2) * sum12 * invEps),
      c13 = Math.min(1, (s1 - s3) * (s1 + s3) * invEps),
      c23 = Math.min(1, (s2 - s3) * (s2 + s3) * invEps);
    // Rounding may break the exact order ρ13 >= ρ12, ρ23 when two singular values nearly coincide.
    const clampLo = Math.min(c12, c13, c23);
    const clampHi = Math.max(c12, c13, c23);

    // One division for κ and the three gains (the divider is the kernel's busiest unit); the sums
    // are positive and far from overflow here (cMin > 0, SAFE_HIGH).
    const inverseSums = 1 / (sum12 * sum13 * sum23);
    const kappa = sum12 * (sum12 * sum13) * inverseSums;
    const e1 = s1 - 1,
      e2 = s2 - 1,
      e3 = s3 - dSign;
    const g00 = a00 - 1,
      g11 = a11 - 1,
      g22 = a22 - 1;
    outS1[j] = s1;
    outS2[j] = s2;
    outS3[j] = s3;
    outS3Rel[j] = s3 * inv1;
    outDet[j] = det;
    outSigma3[j] = sigma3;
    outKappa[j] = kappa;
    outGain12[j] = 2 * (sum13 * sum23) * inverseSums;
    outGain13[j] = 2 * (sum12 * sum23) * inverseSums;
    outGain23[j] = 2 * (sum12 * sum13) * inverseSums;
    outDist[j] = Math.sqrt(e1 * e1 + e2 * e2 + e3 * e3);
    outOrth[j] = Math.sqrt(g00 * g00 + g11 * g11 + g22 * g22 + 2 * (a01 * a01 + a02 * a02 + a12 * a12));
    outGsSv1[j] = hi;
    outGsSv2[j] = mid;
    outGsSv3[j] = lo;
    outGsKappa[j] = hi / lo;
    outGsRho[j] = (a11 + pw * invN1) * invN1;
    let flags = 0;
    if (s3 * inv1 < nearSingular) flags |= FLAG_NEAR_SINGULAR;
    if (det < 0) flags |= FLAG_DET_NEGATIVE;
    if (kappa > kappaLimit) flags |= FLAG_KAPPA_HIGH;
    outFlags[j] = flags;
    // The arctangents go last: each is a call out of compiled code, across which V8 keeps every
    // live double in memory, and here few are live.
    // atan is cheaper than atan2 and exact to the same ulps where the angle is below 90 degrees.
    outAngle[j] =
      (cosAngle > 0 ? Math.atan(sinAngle / cosAngle) : Math.atan2(sinAngle, cosAngle)) * RAD_TO_DEG;
    outTaylor[j] = directionErrorDeg(taylorLo, taylorHi);
    outClamp[j] = directionErrorDeg(clampLo, clampHi);
  }
}
