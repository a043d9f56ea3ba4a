// Jacobian of the SVD projection R(M) (MATH.md section 3), in terms of the signed singular values
// σ = (s1, s2, d s3). J is 9x9 of rank 3 with singular values 2/(σi+σj).

/** 2/(σi+σj), or Infinity where σi+σj <= 0 (the projection is not differentiable there). */
export function gain(sigmaI: number, sigmaJ: number): number {
  const sum = sigmaI + sigmaJ;
  return sum > 0 ? 2 / sum : Infinity;
}

/** κ = (σ1+σ2)/(σ2+σ3), Infinity when σ2+σ3 <= 0 (rank one, or d = -1 with s2 = s3). */
export function jacobianKappa(sigma1: number, sigma2: number, sigma3: number): number {
  const low = sigma2 + sigma3;
  return low > 0 ? (sigma1 + sigma2) / low : Infinity;
}

/** out = [2/(σ1+σ2), 2/(σ1+σ3), 2/(σ2+σ3)]. */
export function jacobianGains(
  out: Float64Array,
  sigma1: number,
  sigma2: number,
  sigma3: number,
): Float64Array {
  out[0] = gain(sigma1, sigma2);
  out[1] = gain(sigma1, sigma3);
  out[2] = gain(sigma2, sigma3);
  return out;
}

const x = new Float64Array(9);
const z = new Float64Array(9);

/**
 * Backward pass (vector-Jacobian product): out = dL/dM for G = dL/dR, from svd3's u, s, v and d.
 * X = U_s^T G V, Z_ij = (X_ij - X_ji)/(σi+σj), dL/dM = U_s Z V^T. Where some σi+σj <= 0 the
 * derivative does not exist and the result is not finite (IEEE division by zero).
 * `channelScale` (optional, 3 entries for the pairs 12, 13, 23) multiplies Z: the stabilized gradients.
 */
export function projectionBackward(
  out: Float64Array,
  g: ArrayLike<number>,
  u: ArrayLike<number>,
  s: ArrayLike<number>,
  v: ArrayLike<number>,
  d: number,
  channelScale?: ArrayLike<number>,
): Float64Array {
  // X = U_s^T (G V); U_s column 3 is d times U's column 3.
  for (let i = 0; i < 3; i++) {
    const ui = i === 2 ? d : 1;
    for (let j = 0; j < 3; j++) {
      let acc = 0;
      for (let k = 0; k < 3; k++) {
        const gv = g[3 * k]! * v[j]! + g[3 * k + 1]! * v[3 + j]! + g[3 * k + 2]! * v[6 + j]!;
        acc += u[3 * k + i]! * gv;
      }
      x[3 * i + j] = ui * acc;
    }
  }
  const sigma0 = s[0]!,
    sigma1 = s[1]!,
    sigma2 = d * s[2]!;
  const k12 = channelScale ? channelScale[0]! : 1;
  const k13 = channelScale ? channelScale[1]! : 1;
  const k23 = channelScale ? channelScale[2]! : 1;
  const z01 = (k12 * (x[1]! - x[3]!)) / (sigma0 + sigma1);
  const z02 = (k13 * (x[2]! - x[6]!)) / (sigma0 + sigma2);
  const z12 = (k23 * (x[5]! - x[7]!)) / (sigma1 + sigma2);
  z[0] = 0;
  z[4] = 0;
  z[8] = 0;
  z[1] = z01;
  z[3] = -z01;
  z[2] = z02;
  z[6] = -z02;
  z[5] = z12;
  z[7] = -z12;
  // out = U_s Z V^T
  for (let i = 0; i < 3; i++) {
    const a0 = u[3 * i]!,
      a1 = u[3 * i + 1]!,
      a2 = d * u[3 * i + 2]!;
    const r0 = a0 * z[0]! + a1 * z[3]! + a2 * z[6]!;
    const r1 = a0 * z[1]! + a1 * z[4]! + a2 * z[7]!;
    const r2 = a0 * z[2]! + a1 * z[5]! + a2 * z[8]!;
    for (let j = 0; j < 3; j++) out[3 * i + j] = r0 * v[3 * j]! + r1 * v[3 * j + 1]! + r2 * v[3 * j + 2]!;
  }
  return out;
}
