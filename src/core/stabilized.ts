// Stabilized SVD gradients (MATH.md section 6): each stabilizer scales channel (i,j) of the exact
// gradient U_s Z V^T by ρ_ij; φ_max is the worst direction error over all upstream gradients.

const RAD_TO_DEG = 180 / Math.PI;

/** x^p for a non-negative integer p by repeated squaring (no Math.pow on the per-matrix path). */
function integerPower(x: number, p: number): number {
  let result = 1;
  let base = x;
  let e = p;
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e >>>= 1;
  }
  return result;
}

/** q^(K+1) for q = (s_j/s_i)^2 in [0, 1]. */
function power(q: number, k: number): number {
  const p = k + 1;
  return Number.isInteger(p) && p >= 0 && p <= 1024 ? integerPower(q, p) : Math.pow(q, p);
}

/** (s_j/s_i)^2 for s_i >= s_j >= 0, given 1/s_i; a 0/0 ratio (both zero) counts as 1. */
function squaredRatio(small: number, inverseLarge: number): number {
  if (!(inverseLarge < Infinity)) return 1;
  const ratio = small * inverseLarge;
  return ratio * ratio;
}

/** Taylor(K): ρ_ij = 1 - (s_j/s_i)^(2(K+1)) for the pairs 12, 13, 23 of s1 >= s2 >= s3 >= 0. */
export function taylorChannelFactors(
  out: Float64Array,
  s1: number,
  s2: number,
  s3: number,
  k: number,
): Float64Array {
  const inv1 = 1 / s1;
  const inv2 = 1 / s2;
  out[0] = 1 - power(squaredRatio(s2, inv1), k);
  out[1] = 1 - power(squaredRatio(s3, inv1), k);
  out[2] = 1 - power(squaredRatio(s3, inv2), k);
  return out;
}

/** clamp(ε): ρ_ij = min(1, |s_i^2 - s_j^2| / ε). */
export function clampChannelFactors(
  out: Float64Array,
  s1: number,
  s2: number,
  s3: number,
  eps: number,
): Float64Array {
  const inv = 1 / eps;
  out[0] = Math.min(1, (s1 - s2) * (s1 + s2) * inv);
  out[1] = Math.min(1, (s1 - s3) * (s1 + s3) * inv);
  out[2] = Math.min(1, (s2 - s3) * (s2 + s3) * inv);
  return out;
}

/**
 * φ_max for channel factors lo <= hi, in degrees: arccos(2 sqrt(lo hi)/(lo + hi)), evaluated as the
 * equal arctan((hi - lo)/(2 sqrt(lo hi))), which keeps its digits at small angles (arccos near 1
 * loses half of them) and is cheaper. 90 if lo is 0.
 */
export function directionErrorDeg(lo: number, hi: number): number {
  if (!(lo > 0)) return 90;
  if (lo === hi) return 0; // every channel scaled alike: the direction is exact
  return Math.atan((hi - lo) / (2 * Math.sqrt(lo * hi))) * RAD_TO_DEG;
}

/** φ_max = arccos(2 sqrt(ρmin ρmax)/(ρmin + ρmax)) in degrees; 90 if any ρ is 0. */
export function maxDirectionErrorDeg(rho12: number, rho13: number, rho23: number): number {
  return directionErrorDeg(Math.min(rho12, rho13, rho23), Math.max(rho12, rho13, rho23));
}
