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

import { det3, det3Accurate } from './mat3';

/** Stop rotating a pair once |b_p . b_q| <= TOL |b_p| |b_q| (a few ulps). */
const TOL = 4e-16;
const TOL_SQUARED = TOL * TOL;
const MAX_SWEEPS = 16;
/** Below this s3/s1, s3 and the sign of det M come from the accurate determinant. */
const REFINE_BELOW = 1e-4;
/** Entries are rescaled by a power of two outside this range so squared norms cannot overflow or underflow. */
const SAFE_MAX = 2 ** 200;
const SAFE_MIN = 2 ** -200;

// Working storage, column-major per 3-vector: b_j = w[3j..3j+2], v_j = w[9+3j..9+3j+2]; n_j = |b_j|^2.
const w = new Float64Array(18);
const n = new Float64Array(3);
const scaled = new Float64Array(9);

/** One Jacobi rotation of columns p < q; returns whether they were rotated. */
function rotatePair(p: number, q: number): boolean {
  const bp = 3 * p;
  const bq = 3 * q;
  const alpha = n[p]!;
  const beta = n[q]!;
  const gamma = w[bp]! * w[bq]! + w[bp + 1]! * w[bq + 1]! + w[bp + 2]! * w[bq + 2]!;
  if (gamma * gamma <= TOL_SQUARED * alpha * beta) return false;
  const zeta = (beta - alpha) / (2 * gamma);
  // The smaller of the two roots of t^2 + 2 zeta t - 1 = 0: the rotation angle stays below 45 degrees.
  const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
  const c = 1 / Math.sqrt(1 + t * t);
  const s = c * t;
  for (let k = 0; k < 3; k++) {
    const x = w[bp + k]!;
    const y = w[bq + k]!;
    w[bp + k] = c * x - s * y;
    w[bq + k] = s * x + c * y;
    const vx = w[9 + bp + k]!;
    const vy = w[9 + bq + k]!;
    w[9 + bp + k] = c * vx - s * vy;
    w[9 + bq + k] = s * vx + c * vy;
  }
  // Recomputed, not updated by alpha - t*gamma: the update cancels for nearly parallel columns.
  n[p] = w[bp]! * w[bp]! + w[bp + 1]! * w[bp + 1]! + w[bp + 2]! * w[bp + 2]!;
  n[q] = w[bq]! * w[bq]! + w[bq + 1]! * w[bq + 1]! + w[bq + 2]! * w[bq + 2]!;
  return true;
}

function swapColumns(p: number, q: number): void {
  for (let k = 0; k < 3; k++) {
    let x = w[3 * p + k]!;
    w[3 * p + k] = w[3 * q + k]!;
    w[3 * q + k] = x;
    x = w[9 + 3 * p + k]!;
    w[9 + 3 * p + k] = w[9 + 3 * q + k]!;
    w[9 + 3 * q + k] = x;
  }
  const x = n[p]!;
  n[p] = n[q]!;
  n[q] = x;
}

/** Writes into out[o..o+2] a unit vector orthogonal to the unit vector (x, y, z). */
function perpendicular(out: Float64Array, o: number, x: number, y: number, z: number): void {
  // Project out (x, y, z) from the coordinate axis least aligned with it (e2 for e1, so the zero
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
  out[o] = px / len;
  out[o + 1] = py / len;
  out[o + 2] = pz / len;
}

/**
 * SVD of the 3x3 matrix at m[offset..offset+8] (row-major): M = U diag(s) V^T, s1 >= s2 >= s3 >= 0.
 * Writes u (9, row-major), s (3), v (9, row-major); returns det M (its sign is d). The input must be
 * finite (callers flag non-finite matrices before calling).
 */
export function svd3(
  u: Float64Array,
  s: Float64Array,
  v: Float64Array,
  m: ArrayLike<number>,
  offset = 0,
): number {
  let maxAbs = 0;
  for (let k = 0; k < 9; k++) {
    const a = Math.abs(m[offset + k]!);
    if (a > maxAbs) maxAbs = a;
  }
  let scale = 1;
  if (maxAbs > SAFE_MAX || (maxAbs < SAFE_MIN && maxAbs > 0)) scale = 2 ** -Math.round(Math.log2(maxAbs));
  for (let k = 0; k < 9; k++) scaled[k] = m[offset + k]! * scale;
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < 3; i++) {
      w[3 * j + i] = scaled[3 * i + j]!;
      w[9 + 3 * j + i] = i === j ? 1 : 0;
    }
    n[j] = w[3 * j]! * w[3 * j]! + w[3 * j + 1]! * w[3 * j + 1]! + w[3 * j + 2]! * w[3 * j + 2]!;
  }

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const r01 = rotatePair(0, 1);
    const r02 = rotatePair(0, 2);
    const r12 = rotatePair(1, 2);
    if (!r01 && !r02 && !r12) break;
  }

  // Sort by column norm, descending. Each swap flips det V; an odd count is undone by negating
  // column 3 of B and V, which leaves M = B V^T unchanged.
  let flips = 0;
  if (n[0]! < n[1]!) {
    swapColumns(0, 1);
    flips++;
  }
  if (n[1]! < n[2]!) {
    swapColumns(1, 2);
    flips++;
  }
  if (n[0]! < n[1]!) {
    swapColumns(0, 1);
    flips++;
  }
  if (flips & 1) {
    for (let k = 0; k < 3; k++) {
      w[6 + k] = -w[6 + k]!;
      w[15 + k] = -w[15 + k]!;
    }
  }

  const s1 = Math.sqrt(n[0]!);
  const s2 = Math.sqrt(n[1]!);
  let s3 = Math.sqrt(n[2]!);
  let det = det3(scaled);
  if (s3 < REFINE_BELOW * s1) {
    det = det3Accurate(scaled);
    if (s2 > 0) s3 = Math.min(s2, Math.abs(det) / s1 / s2);
  }
  const d = det < 0 ? -1 : 1;

  // U columns u1 = b1/s1, u2 = b2/s2, u3 = d (u1 x u2); stored row-major in u.
  const col = scaled; // reuse as scratch: u1 at 0..2, u2 at 3..5
  if (s1 > 0) {
    col[0] = w[0]! / s1;
    col[1] = w[1]! / s1;
    col[2] = w[2]! / s1;
  } else {
    col[0] = 1;
    col[1] = 0;
    col[2] = 0;
  }
  const inv2 = s2 > 0 ? 1 / s2 : 0;
  const c3 = w[3]! * inv2,
    c4 = w[4]! * inv2,
    c5 = w[5]! * inv2;
  if (s2 > 0 && Number.isFinite(inv2)) {
    col[3] = c3;
    col[4] = c4;
    col[5] = c5;
  } else {
    perpendicular(col, 3, col[0]!, col[1]!, col[2]!);
  }
  const x1 = col[0]!,
    y1 = col[1]!,
    z1 = col[2]!;
  const x2 = col[3]!,
    y2 = col[4]!,
    z2 = col[5]!;
  u[0] = x1;
  u[3] = y1;
  u[6] = z1;
  u[1] = x2;
  u[4] = y2;
  u[7] = z2;
  u[2] = d * (y1 * z2 - z1 * y2);
  u[5] = d * (z1 * x2 - x1 * z2);
  u[8] = d * (x1 * y2 - y1 * x2);
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < 3; i++) v[3 * i + j] = w[9 + 3 * j + i]!;
  }

  const inv = 1 / scale;
  s[0] = s1 * inv;
  s[1] = s2 * inv;
  s[2] = s3 * inv;
  return det * inv * inv * inv;
}
