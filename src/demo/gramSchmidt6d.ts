// Gram-Schmidt from a 6D output (a1, a2) to R = [b1 b2 b3] (columns, MATH.md section 4), with the
// intermediates its backward pass needs, and that backward pass (a vector-Jacobian product).
// core/gramSchmidt.ts computes R and the Jacobian's spectrum but no gradients; this is the trainer's.

import { GS_COLLINEAR_SIN2 } from '../core';

/**
 * Forward state, 15 numbers: b1, b2, b3 (3 each), then r1 = |a1|, r2 = |a2⊥|, c = b1·a2,
 * then a2 (3) kept for the backward pass.
 */
export const GS_STATE_SIZE = 15;

/**
 * Writes R (row-major, b1 b2 b3 as columns) into r[ro..ro+9) and the state into state[so..].
 * Returns false (R filled with NaN) when a1 = 0 or a2 is parallel to a1 (to the core's tolerance):
 * R is undefined there.
 */
export function gramSchmidtForward(
  r: Float64Array,
  ro: number,
  state: Float64Array,
  so: number,
  a: ArrayLike<number>,
  ao: number,
): boolean {
  const a1x = a[ao]!,
    a1y = a[ao + 1]!,
    a1z = a[ao + 2]!;
  const a2x = a[ao + 3]!,
    a2y = a[ao + 4]!,
    a2z = a[ao + 5]!;
  const r1 = Math.hypot(a1x, a1y, a1z);
  const b1x = a1x / r1,
    b1y = a1y / r1,
    b1z = a1z / r1;
  const c = b1x * a2x + b1y * a2y + b1z * a2z;
  const ux = a2x - c * b1x,
    uy = a2y - c * b1y,
    uz = a2z - c * b1z;
  const r2 = Math.hypot(ux, uy, uz);
  // Collinear as the core counts it (sin^2 θ <= GS_COLLINEAR_SIN2): below that a2⊥ is rounding noise.
  if (!(r1 > 0) || !(r2 * r2 > GS_COLLINEAR_SIN2 * (a2x * a2x + a2y * a2y + a2z * a2z))) {
    for (let k = 0; k < 9; k++) r[ro + k] = NaN;
    return false;
  }
  const b2x = ux / r2,
    b2y = uy / r2,
    b2z = uz / r2;
  const b3x = b1y * b2z - b1z * b2y,
    b3y = b1z * b2x - b1x * b2z,
    b3z = b1x * b2y - b1y * b2x;
  r[ro] = b1x;
  r[ro + 1] = b2x;
  r[ro + 2] = b3x;
  r[ro + 3] = b1y;
  r[ro + 4] = b2y;
  r[ro + 5] = b3y;
  r[ro + 6] = b1z;
  r[ro + 7] = b2z;
  r[ro + 8] = b3z;
  state[so] = b1x;
  state[so + 1] = b1y;
  state[so + 2] = b1z;
  state[so + 3] = b2x;
  state[so + 4] = b2y;
  state[so + 5] = b2z;
  state[so + 6] = b3x;
  state[so + 7] = b3y;
  state[so + 8] = b3z;
  state[so + 9] = r1;
  state[so + 10] = r2;
  state[so + 11] = c;
  state[so + 12] = a2x;
  state[so + 13] = a2y;
  state[so + 14] = a2z;
  return true;
}

/**
 * dL/d(a1, a2) into out[oo..oo+6) from G = dL/dR (row-major, g[go..go+9)) and the forward state.
 *
 * Chain, column by column (G_k = dL/db_k):
 *   b3 = b1 x b2            g1 = G_1 + b2 x G_3,  g2 = G_2 + G_3 x b1
 *   b2 = u / r2             h = (g2 - (g2·b2) b2) / r2            (= dL/du, u = a2⊥)
 *   u = a2 - (b1·a2) b1     dL/da2 = h - (h·b1) b1,  dL/db1 = g1 - (h·b1) a2 - c h
 *   b1 = a1 / r1            dL/da1 = (dL/db1 - (dL/db1·b1) b1) / r1
 */
export function gramSchmidtBackward(
  out: Float64Array,
  oo: number,
  g: ArrayLike<number>,
  go: number,
  state: ArrayLike<number>,
  so: number,
): void {
  const b1x = state[so]!,
    b1y = state[so + 1]!,
    b1z = state[so + 2]!;
  const b2x = state[so + 3]!,
    b2y = state[so + 4]!,
    b2z = state[so + 5]!;
  const r1 = state[so + 9]!,
    r2 = state[so + 10]!,
    c = state[so + 11]!;
  const a2x = state[so + 12]!,
    a2y = state[so + 13]!,
    a2z = state[so + 14]!;
  // Columns of G (G is row-major: G[i][k] = g[go + 3i + k]).
  const g1x = g[go]!,
    g1y = g[go + 3]!,
    g1z = g[go + 6]!;
  const g2x = g[go + 1]!,
    g2y = g[go + 4]!,
    g2z = g[go + 7]!;
  const g3x = g[go + 2]!,
    g3y = g[go + 5]!,
    g3z = g[go + 8]!;
  // g1 = G1 + b2 x G3
  const e1x = g1x + (b2y * g3z - b2z * g3y),
    e1y = g1y + (b2z * g3x - b2x * g3z),
    e1z = g1z + (b2x * g3y - b2y * g3x);
  // g2 = G2 + G3 x b1
  const e2x = g2x + (g3y * b1z - g3z * b1y),
    e2y = g2y + (g3z * b1x - g3x * b1z),
    e2z = g2z + (g3x * b1y - g3y * b1x);
  const p2 = e2x * b2x + e2y * b2y + e2z * b2z;
  const hx = (e2x - p2 * b2x) / r2,
    hy = (e2y - p2 * b2y) / r2,
    hz = (e2z - p2 * b2z) / r2;
  const hb = hx * b1x + hy * b1y + hz * b1z;
  out[oo + 3] = hx - hb * b1x;
  out[oo + 4] = hy - hb * b1y;
  out[oo + 5] = hz - hb * b1z;
  const fx = e1x - hb * a2x - c * hx,
    fy = e1y - hb * a2y - c * hy,
    fz = e1z - hb * a2z - c * hz;
  const fb = fx * b1x + fy * b1y + fz * b1z;
  out[oo] = (fx - fb * b1x) / r1;
  out[oo + 1] = (fy - fb * b1y) / r1;
  out[oo + 2] = (fz - fb * b1z) / r1;
}
