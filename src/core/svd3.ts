// 3x3 singular value decomposition by one-sided (Hestenes) Jacobi.
//
// Why this method: rotating pairs of columns of B = M V until they are orthogonal keeps every column's
// error relative to that column, so small singular values of column-graded matrices come out to full
// relative accuracy (Demmel & Veselic 1992), where sqrt(eig(M^T M)) loses s3 below ~1e-8 s1.
// For a generic (two-sided) graded matrix no backward-stable method can do better than an absolute
// error of ~eps*s1 on s3, because rounding the entries already perturbs s3 that much; there, s3 is
// recovered from an accurately summed determinant: s3 = |det M| / (s1 s2), relative error ~eps*s1/s2.
//
// Sign convention: det V = +1 always. U = [u1 u2 u3] with u3 = d (u1 x u2), so det U = d = sign(det M)
// (+1 when det M = 0 exactly), and U_s = U diag(1, 1, d) = [u1 u2 u1xu2] is a rotation. Singular
// vectors of zero singular values are completed to an orthonormal basis deterministically.
//
// The kernel keeps B and V in local variables (no array traffic inside the sweeps); it is the hot
// path of analyzeBatch.

import { det3Accurate } from './mat3';

/** Stop rotating a pair once |b_p . b_q| <= TOL |b_p| |b_q| (a few ulps). */
const TOL = 4e-16;
const TOL_SQUARED = TOL * TOL;
/**
 * Random matrices converge in 3-5 sweeps (quadratically). The cap only binds for columns at
 * rounding-noise level under extreme grading (entries 1e-200 apart); the u1.u2 guard below covers it.
 */
const MAX_SWEEPS = 16;
/** Both |τ| and |ρ| below this: use the scale-free rotation formula, the squares would underflow. */
const TINY_PAIR = 2 ** -400;
/** A squared column norm below this has lost relative precision to subnormals; recompute the norm. */
const SUBNORMAL_SQUARE = 2 ** -960;
/** np*nq above this: the squared orthogonality test cannot underflow. */
const SAFE_PRODUCT = 2 ** -800;
/** |u1.u2| above which u2 is re-orthogonalized (Jacobi itself leaves a few ulps). */
const ORTHOGONAL = 1e-14;
/** (ρ/τ)^2 below which t = tan θ and cos θ come from their series (error below 1e-17). */
const SMALL_ANGLE = 1e-8;

/** Below this s3/s1, s3 and the sign of det M come from the accurate determinant. */
const REFINE_BELOW = 1e-4;
/** Entries are rescaled by a power of two outside this range so squared norms cannot overflow or underflow. */
const SAFE_MAX = 2 ** 100;
const SAFE_MIN = 2 ** -100;

/** Layout of `svdResult`: s1, s2, s3, det, then U and V row-major. */
export const SVD_S1 = 0;
export const SVD_S2 = 1;
export const SVD_S3 = 2;
export const SVD_DET = 3;
export const SVD_U = 4;
export const SVD_V = 13;

/** Output of svd3Into, overwritten by every call. */
export const svdResult = new Float64Array(22);

const scaledInput = new Float64Array(9);
// Columns of B then of V, unsorted, after the sweeps: b_j = cols[3j..3j+2], v_j = cols[9+3j..].
const cols = new Float64Array(18);
const unit = new Float64Array(3);

/**
 * Whether columns with squared norms np, nq and inner product g are not yet orthogonal to TOL.
 * The squared form is exact unless the squares underflow (columns 1e-150 apart in scale).
 */
function needsRotation(g: number, np: number, nq: number): boolean {
  const product = np * nq;
  if (product > SAFE_PRODUCT) return g * g > TOL_SQUARED * product;
  return Math.abs(g) > TOL * Math.sqrt(np) * Math.sqrt(nq);
}

/**
 * |b_j| from its squared norm, recomputed with rescaling when the square fell into the subnormal
 * range (a column ~1e-154 times the largest): there the square has lost its relative precision.
 */
function columnNorm(j: number, squared: number): number {
  if (squared >= SUBNORMAL_SQUARE) return Math.sqrt(squared);
  const x = Math.abs(cols[3 * j]!),
    y = Math.abs(cols[3 * j + 1]!),
    z = Math.abs(cols[3 * j + 2]!);
  const big = Math.max(x, y, z);
  if (big === 0) return 0;
  const a = x / big,
    b = y / big,
    c = z / big;
  return big * Math.sqrt(a * a + b * b + c * c);
}

/** Writes into unit[] a unit vector orthogonal to the unit vector (x, y, z). */
function perpendicular(x: number, y: number, z: number): void {
  // Project (x, y, z) out of the coordinate axis least aligned with it (e2 for e1, so the zero
  // matrix gets U = I): that axis is never near-parallel.
  const ax = Math.abs(x),
    ay = Math.abs(y),
    az = Math.abs(z);
  let px = 0,
    py = 0,
    pz = 0;
  if (ay <= ax && ay <= az) py = 1;
  else if (az <= ax) pz = 1;
  else px = 1;
  const dot = px * x + py * y + pz * z;
  px -= dot * x;
  py -= dot * y;
  pz -= dot * z;
  const len = Math.sqrt(px * px + py * py + pz * pz);
  unit[0] = px / len;
  unit[1] = py / len;
  unit[2] = pz / len;
}

/**
 * SVD of the 3x3 matrix at m[o..o+8] (row-major) into svdResult. Returns false, and writes NaN
 * everywhere, when an entry is NaN or infinite (the max-abs scan below finds that for free).
 */
export function svd3Into(m: ArrayLike<number>, o: number): boolean {
  let b00 = m[o]!,
    b01 = m[o + 3]!,
    b02 = m[o + 6]!;
  let b10 = m[o + 1]!,
    b11 = m[o + 4]!,
    b12 = m[o + 7]!;
  let b20 = m[o + 2]!,
    b21 = m[o + 5]!,
    b22 = m[o + 8]!;
  const maxAbs = Math.max(
    Math.abs(b00),
    Math.abs(b01),
    Math.abs(b02),
    Math.abs(b10),
    Math.abs(b11),
    Math.abs(b12),
    Math.abs(b20),
    Math.abs(b21),
    Math.abs(b22),
  );
  if (!(maxAbs < Infinity)) {
    svdResult.fill(NaN);
    return false;
  }
  // The power of two is applied as two halves: 2^1074 (for subnormal input) is not a double.
  let scale = 1;
  let halfScale = 1;
  let exponent = 0;
  if (maxAbs > SAFE_MAX || (maxAbs < SAFE_MIN && maxAbs > 0)) {
    exponent = -Math.round(Math.log2(maxAbs));
    halfScale = 2 ** Math.trunc(exponent / 2);
    scale = 2 ** (exponent - Math.trunc(exponent / 2));
    b00 = b00 * halfScale * scale;
    b01 = b01 * halfScale * scale;
    b02 = b02 * halfScale * scale;
    b10 = b10 * halfScale * scale;
    b11 = b11 * halfScale * scale;
    b12 = b12 * halfScale * scale;
    b20 = b20 * halfScale * scale;
    b21 = b21 * halfScale * scale;
    b22 = b22 * halfScale * scale;
  }
  // det from the (scaled) input before rotating: plain cofactors, refined below when s3 is tiny.
  let det = b00 * (b11 * b22 - b21 * b12) - b10 * (b01 * b22 - b21 * b02) + b20 * (b01 * b12 - b11 * b02);
  let v00 = 1,
    v01 = 0,
    v02 = 0;
  let v10 = 0,
    v11 = 1,
    v12 = 0;
  let v20 = 0,
    v21 = 0,
    v22 = 1;
  let n0 = b00 * b00 + b01 * b01 + b02 * b02;
  let n1 = b10 * b10 + b11 * b11 + b12 * b12;
  let n2 = b20 * b20 + b21 * b21 + b22 * b22;
  let g: number, tau: number, rho: number, r: number, h: number, t: number, c: number, sn: number, x: number;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    // pair (0, 1)
    g = b00 * b10 + b01 * b11 + b02 * b12;
    if (needsRotation(g, n0, n1)) {
      tau = n1 - n0;
      rho = 2 * g;
      if (Math.abs(tau) < TINY_PAIR && Math.abs(rho) < TINY_PAIR) {
        // Both columns tiny: the squares below could underflow, so use the scale-free form.
        t = tau / rho;
        t = (t >= 0 ? 1 : -1) / (Math.abs(t) + Math.sqrt(1 + t * t));
        c = 1 / Math.sqrt(1 + t * t);
      } else if (rho * rho < SMALL_ANGLE * tau * tau) {
        // Tiny angle (the last sweeps): the series of t and c to O(t^4), no square roots.
        t = rho / (2 * tau);
        t *= 1 - t * t;
        c = 1 - 0.5 * t * t;
      } else {
        r = Math.sqrt(tau * tau + rho * rho);
        h = r + Math.abs(tau);
        // t = tan θ is the smaller root of t^2 + 2(τ/ρ)t - 1 = 0; c = h/sqrt(h^2 + ρ^2) = sqrt(h/(2r)).
        t = (tau >= 0 ? rho : -rho) / h;
        c = Math.sqrt(h / (2 * r));
      }
      sn = c * t;
      x = b00;
      b00 = c * x - sn * b10;
      b10 = sn * x + c * b10;
      x = b01;
      b01 = c * x - sn * b11;
      b11 = sn * x + c * b11;
      x = b02;
      b02 = c * x - sn * b12;
      b12 = sn * x + c * b12;
      x = v00;
      v00 = c * x - sn * v10;
      v10 = sn * x + c * v10;
      x = v01;
      v01 = c * x - sn * v11;
      v11 = sn * x + c * v11;
      x = v02;
      v02 = c * x - sn * v12;
      v12 = sn * x + c * v12;
      // Updated, not recomputed, within a sweep; recomputed at its end (the update can cancel).
      n0 -= t * g;
      n1 += t * g;
      rotated = true;
    }
    // pair (0, 2)
    g = b00 * b20 + b01 * b21 + b02 * b22;
    if (needsRotation(g, n0, n2)) {
      tau = n2 - n0;
      rho = 2 * g;
      if (Math.abs(tau) < TINY_PAIR && Math.abs(rho) < TINY_PAIR) {
        // Both columns tiny: the squares below could underflow, so use the scale-free form.
        t = tau / rho;
        t = (t >= 0 ? 1 : -1) / (Math.abs(t) + Math.sqrt(1 + t * t));
        c = 1 / Math.sqrt(1 + t * t);
      } else if (rho * rho < SMALL_ANGLE * tau * tau) {
        // Tiny angle (the last sweeps): the series of t and c to O(t^4), no square roots.
        t = rho / (2 * tau);
        t *= 1 - t * t;
        c = 1 - 0.5 * t * t;
      } else {
        r = Math.sqrt(tau * tau + rho * rho);
        h = r + Math.abs(tau);
        // t = tan θ is the smaller root of t^2 + 2(τ/ρ)t - 1 = 0; c = h/sqrt(h^2 + ρ^2) = sqrt(h/(2r)).
        t = (tau >= 0 ? rho : -rho) / h;
        c = Math.sqrt(h / (2 * r));
      }
      sn = c * t;
      x = b00;
      b00 = c * x - sn * b20;
      b20 = sn * x + c * b20;
      x = b01;
      b01 = c * x - sn * b21;
      b21 = sn * x + c * b21;
      x = b02;
      b02 = c * x - sn * b22;
      b22 = sn * x + c * b22;
      x = v00;
      v00 = c * x - sn * v20;
      v20 = sn * x + c * v20;
      x = v01;
      v01 = c * x - sn * v21;
      v21 = sn * x + c * v21;
      x = v02;
      v02 = c * x - sn * v22;
      v22 = sn * x + c * v22;
      // Updated, not recomputed, within a sweep; recomputed at its end (the update can cancel).
      n0 -= t * g;
      n2 += t * g;
      rotated = true;
    }
    // pair (1, 2)
    g = b10 * b20 + b11 * b21 + b12 * b22;
    if (needsRotation(g, n1, n2)) {
      tau = n2 - n1;
      rho = 2 * g;
      if (Math.abs(tau) < TINY_PAIR && Math.abs(rho) < TINY_PAIR) {
        // Both columns tiny: the squares below could underflow, so use the scale-free form.
        t = tau / rho;
        t = (t >= 0 ? 1 : -1) / (Math.abs(t) + Math.sqrt(1 + t * t));
        c = 1 / Math.sqrt(1 + t * t);
      } else if (rho * rho < SMALL_ANGLE * tau * tau) {
        // Tiny angle (the last sweeps): the series of t and c to O(t^4), no square roots.
        t = rho / (2 * tau);
        t *= 1 - t * t;
        c = 1 - 0.5 * t * t;
      } else {
        r = Math.sqrt(tau * tau + rho * rho);
        h = r + Math.abs(tau);
        // t = tan θ is the smaller root of t^2 + 2(τ/ρ)t - 1 = 0; c = h/sqrt(h^2 + ρ^2) = sqrt(h/(2r)).
        t = (tau >= 0 ? rho : -rho) / h;
        c = Math.sqrt(h / (2 * r));
      }
      sn = c * t;
      x = b10;
      b10 = c * x - sn * b20;
      b20 = sn * x + c * b20;
      x = b11;
      b11 = c * x - sn * b21;
      b21 = sn * x + c * b21;
      x = b12;
      b12 = c * x - sn * b22;
      b22 = sn * x + c * b22;
      x = v10;
      v10 = c * x - sn * v20;
      v20 = sn * x + c * v20;
      x = v11;
      v11 = c * x - sn * v21;
      v21 = sn * x + c * v21;
      x = v12;
      v12 = c * x - sn * v22;
      v22 = sn * x + c * v22;
      // Updated, not recomputed, within a sweep; recomputed at its end (the update can cancel).
      n1 -= t * g;
      n2 += t * g;
      rotated = true;
    }

    if (!rotated) break;
    n0 = b00 * b00 + b01 * b01 + b02 * b02;
    n1 = b10 * b10 + b11 * b11 + b12 * b12;
    n2 = b20 * b20 + b21 * b21 + b22 * b22;
  }

  cols[0] = b00;
  cols[1] = b01;
  cols[2] = b02;
  cols[3] = b10;
  cols[4] = b11;
  cols[5] = b12;
  cols[6] = b20;
  cols[7] = b21;
  cols[8] = b22;
  cols[9] = v00;
  cols[10] = v01;
  cols[11] = v02;
  cols[12] = v10;
  cols[13] = v11;
  cols[14] = v12;
  cols[15] = v20;
  cols[16] = v21;
  cols[17] = v22;
  // Sort by column norm, descending. An odd permutation flips det V; negating the last column of
  // V (and of B, implicitly: u3 is rebuilt from u1 x u2) restores det V = +1 and keeps M = B V^T.
  let i0 = 0,
    i1 = 1,
    i2 = 2;
  let odd = false;
  // Sorted by the norms themselves: squared norms of very small columns can underflow to ties.
  let ni0 = n0 >= SUBNORMAL_SQUARE ? Math.sqrt(n0) : columnNorm(0, n0),
    ni1 = n1 >= SUBNORMAL_SQUARE ? Math.sqrt(n1) : columnNorm(1, n1),
    ni2 = n2 >= SUBNORMAL_SQUARE ? Math.sqrt(n2) : columnNorm(2, n2),
    tmp: number;
  if (ni0 < ni1) {
    tmp = ni0;
    ni0 = ni1;
    ni1 = tmp;
    i0 = 1;
    i1 = 0;
    odd = !odd;
  }
  if (ni1 < ni2) {
    tmp = ni1;
    ni1 = ni2;
    ni2 = tmp;
    tmp = i1;
    i1 = i2;
    i2 = tmp;
    odd = !odd;
  }
  if (ni0 < ni1) {
    tmp = ni0;
    ni0 = ni1;
    ni1 = tmp;
    tmp = i0;
    i0 = i1;
    i1 = tmp;
    odd = !odd;
  }

  const s1 = ni0;
  const s2 = ni1;
  let s3 = ni2;
  if (s3 < REFINE_BELOW * s1) {
    for (let k = 0; k < 9; k++) scaledInput[k] = m[o + k]! * halfScale * scale;
    det = det3Accurate(scaledInput);
    if (s2 > 0) s3 = Math.min(s2, Math.abs(det) / s1 / s2);
  }
  const d = det < 0 ? -1 : 1;

  const out = svdResult;
  let x1 = 1,
    y1 = 0,
    z1 = 0;
  const inv1 = 1 / s1;
  if (s1 > 0 && inv1 < Infinity) {
    x1 = cols[3 * i0]! * inv1;
    y1 = cols[3 * i0 + 1]! * inv1;
    z1 = cols[3 * i0 + 2]! * inv1;
  }
  let x2: number, y2: number, z2: number;
  const inv2 = 1 / s2;
  if (s2 > 0 && inv2 < Infinity) {
    x2 = cols[3 * i1]! * inv2;
    y2 = cols[3 * i1 + 1]! * inv2;
    z2 = cols[3 * i1 + 2]! * inv2;
  } else {
    x2 = NaN;
    y2 = NaN;
    z2 = NaN;
  }
  // Jacobi leaves u1.u2 at a few ulps; when it did not (s2 at rounding-noise level, e.g. rank one
  // with entries 1e-200 apart, where the sweeps hit their limit), re-orthogonalize or complete.
  const overlap = x1 * x2 + y1 * y2 + z1 * z2;
  if (!(Math.abs(overlap) <= ORTHOGONAL)) {
    let px = x2 - overlap * x1,
      py = y2 - overlap * y1,
      pz = z2 - overlap * z1;
    const len = Math.sqrt(px * px + py * py + pz * pz);
    if (len > 0.5) {
      px /= len;
      py /= len;
      pz /= len;
    } else {
      perpendicular(x1, y1, z1);
      px = unit[0]!;
      py = unit[1]!;
      pz = unit[2]!;
    }
    x2 = px;
    y2 = py;
    z2 = pz;
  }
  out[SVD_U] = x1;
  out[SVD_U + 3] = y1;
  out[SVD_U + 6] = z1;
  out[SVD_U + 1] = x2;
  out[SVD_U + 4] = y2;
  out[SVD_U + 7] = z2;
  out[SVD_U + 2] = d * (y1 * z2 - z1 * y2);
  out[SVD_U + 5] = d * (z1 * x2 - x1 * z2);
  out[SVD_U + 8] = d * (x1 * y2 - y1 * x2);
  const flip = odd ? -1 : 1;
  out[SVD_V] = cols[9 + 3 * i0]!;
  out[SVD_V + 3] = cols[10 + 3 * i0]!;
  out[SVD_V + 6] = cols[11 + 3 * i0]!;
  out[SVD_V + 1] = cols[9 + 3 * i1]!;
  out[SVD_V + 4] = cols[10 + 3 * i1]!;
  out[SVD_V + 7] = cols[11 + 3 * i1]!;
  out[SVD_V + 2] = flip * cols[9 + 3 * i2]!;
  out[SVD_V + 5] = flip * cols[10 + 3 * i2]!;
  out[SVD_V + 8] = flip * cols[11 + 3 * i2]!;
  const invA = 1 / halfScale;
  const invB = 1 / scale;
  out[SVD_S1] = s1 * invA * invB;
  out[SVD_S2] = s2 * invA * invB;
  out[SVD_S3] = s3 * invA * invB;
  let unscaledDet = exponent === 0 ? det : det * invA * invA * invA * invB * invB * invB;
  // A det that underflows keeps its sign (the sign is d, which U already carries).
  if (unscaledDet === 0 && det !== 0) unscaledDet = d * Number.MIN_VALUE;
  out[SVD_DET] = unscaledDet;
  return true;
}

/**
 * SVD of the 3x3 matrix at m[offset..offset+8] (row-major): M = U diag(s) V^T, s1 >= s2 >= s3 >= 0.
 * Writes u (9, row-major), s (3), v (9, row-major); returns det M (its sign is d). A NaN or infinite
 * entry gives NaN everywhere.
 */
export function svd3(
  u: Float64Array,
  s: Float64Array,
  v: Float64Array,
  m: ArrayLike<number>,
  offset = 0,
): number {
  svd3Into(m, offset);
  s[0] = svdResult[SVD_S1]!;
  s[1] = svdResult[SVD_S2]!;
  s[2] = svdResult[SVD_S3]!;
  for (let k = 0; k < 9; k++) {
    u[k] = svdResult[SVD_U + k]!;
    v[k] = svdResult[SVD_V + k]!;
  }
  return svdResult[SVD_DET]!;
}
