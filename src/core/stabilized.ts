// Stabilized SVD gradients (MATH.md section 6): each stabilizer scales channel (i,j) of the exact
// gradient U_s Z V^T by ρ_ij; φ_max is the worst direction error over all upstream gradients.

const RAD_TO_DEG = 180 / Math.PI;

/** x^p for a non-negative integer p by repeated squaring (exact count of multiplies, no Math.pow). */
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

/** (small/large)^(2(K+1)) with s_i >= s_j; a 0/0 ratio (both zero) counts as 1. */
function taylorResidual(large: number, small: number, k: number): number {
  if (!(large > 0)) return 1;
  const q = (small / large) * (small / large);
  const p = k + 1;
  return Number.isInteger(p) && p >= 0 && p <= 1024 ? integerPower(q, p) : Math.pow(q, p);
}

/** Taylor(K): ρ_ij = 1 - (s_j/s_i)^(2(K+1)) for the pairs 12, 13, 23 of s1 >= s2 >= s3 >= 0. */
export function taylorChannelFactors(
  out: Float64Array,
  s1: number,
  s2: number,
  s3: number,
  k: number,
): Float64Array {
  out[0] = 1 - taylorResidual(s1, s2, k);
  out[1] = 1 - taylorResidual(s1, s3, k);
  out[2] = 1 - taylorResidual(s2, s3, k);
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
  out[0] = Math.min(1, Math.abs((s1 - s2) * (s1 + s2)) / eps);
  out[1] = Math.min(1, Math.abs((s1 - s3) * (s1 + s3)) / eps);
  out[2] = Math.min(1, Math.abs((s2 - s3) * (s2 + s3)) / eps);
  return out;
}

/** φ_max = arccos(2 sqrt(ρmin ρmax)/(ρmin + ρmax)) in degrees; 90 if any ρ is 0. */
export function maxDirectionErrorDeg(rho12: number, rho13: number, rho23: number): number {
  const lo = Math.min(rho12, rho13, rho23);
  const hi = Math.max(rho12, rho13, rho23);
  if (!(lo > 0)) return 90;
  const c = (2 * Math.sqrt(lo * hi)) / (lo + hi);
  return Math.acos(c > 1 ? 1 : c) * RAD_TO_DEG;
}
