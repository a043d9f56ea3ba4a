// 6D Gram-Schmidt (MATH.md section 4): R = [b1 b2 b3] from two 3-vectors a1, a2, and the spectrum of
// its 9x6 Jacobian. Inputs are passed as scalars so a 9D matrix's columns need no gathering.

const SQRT2 = Math.SQRT2;
/**
 * a1, a2 count as collinear (gs-degenerate) when sin^2 θ <= eps: b2 then carries less than half the
 * working digits (its error grows like eps / sin θ), and κ_GS ~ 1/sin θ is at least ~7e7.
 */
export const GS_COLLINEAR_SIN2 = 2 ** -52;

/**
 * Writes R (row-major) with b1, b2, b3 as columns; returns false, and fills R with NaN, when R is
 * undefined (a1 = 0, or a1 x a2 = 0 exactly). b2 is formed as b3 x b1 from b3 = a1 x a2 / |a1 x a2|,
 * which equals a2⊥/|a2⊥| and stays orthogonal to working precision even for nearly collinear inputs.
 */
export function gramSchmidtColumns(
  r: Float64Array,
  a1x: number,
  a1y: number,
  a1z: number,
  a2x: number,
  a2y: number,
  a2z: number,
): boolean {
  const r1 = Math.sqrt(a1x * a1x + a1y * a1y + a1z * a1z);
  const wx = a1y * a2z - a1z * a2y;
  const wy = a1z * a2x - a1x * a2z;
  const wz = a1x * a2y - a1y * a2x;
  const wn = Math.sqrt(wx * wx + wy * wy + wz * wz);
  if (!(r1 > 0) || !(wn > 0) || !Number.isFinite(wn)) {
    r.fill(NaN);
    return false;
  }
  const b1x = a1x / r1,
    b1y = a1y / r1,
    b1z = a1z / r1;
  const b3x = wx / wn,
    b3y = wy / wn,
    b3z = wz / wn;
  r[0] = b1x;
  r[3] = b1y;
  r[6] = b1z;
  r[1] = b3y * b1z - b3z * b1y;
  r[4] = b3z * b1x - b3x * b1z;
  r[7] = b3x * b1y - b3y * b1x;
  r[2] = b3x;
  r[5] = b3y;
  r[8] = b3z;
  return true;
}

/** In-place transpose of a row-major 3x3: the pytorch3d layout, where a1, a2 are the first two rows. */
export function transpose3InPlace(r: Float64Array): Float64Array {
  let t = r[1]!;
  r[1] = r[3]!;
  r[3] = t;
  t = r[2]!;
  r[2] = r[6]!;
  r[6] = t;
  t = r[5]!;
  r[5] = r[7]!;
  r[7] = t;
  return r;
}

/** Indices into the output of gramSchmidtSpectrum. */
export const GS_SV1 = 0,
  GS_SV2 = 1,
  GS_SV3 = 2,
  GS_KAPPA = 3,
  GS_RHO = 4;

/**
 * The nonzero singular values of the 9x6 Jacobian, sorted descending: sqrt(2)/r1 and σ± with
 * σ±^2 = (A ± sqrt(A^2 - 4P))/P; then κ_GS = max/min and ρ_GS = (2 r2^2 + c^2)/r1^2.
 * out = [sv1, sv2, sv3, κ_GS, ρ_GS]. Returns true when gs-degenerate (r1 = 0 or sin^2 θ <= eps).
 * Where a formula divides by zero the value is Infinity, never NaN: r1 = 0 gives sqrt(2)/r1 = ∞,
 * ρ = ∞; P = 0 gives σ+ = ∞; κ_GS = ∞ whenever the largest value is infinite.
 */
export function gramSchmidtSpectrum(
  out: Float64Array,
  a1x: number,
  a1y: number,
  a1z: number,
  a2x: number,
  a2y: number,
  a2z: number,
): boolean {
  const n1 = a1x * a1x + a1y * a1y + a1z * a1z;
  const n2 = a2x * a2x + a2y * a2y + a2z * a2z;
  const dot = a1x * a2x + a1y * a2y + a1z * a2z;
  const wx = a1y * a2z - a1z * a2y;
  const wy = a1z * a2x - a1x * a2z;
  const wz = a1x * a2y - a1y * a2x;
  const p = wx * wx + wy * wy + wz * wz; // |a1 x a2|^2 = (r1 r2)^2, without cancellation
  const sum = n1 + n2; // A
  const diff = n1 - n2;
  // A^2 - 4P = (n1 - n2)^2 + 4 (a1.a2)^2: no cancellation, never negative.
  const root = Math.sqrt(diff * diff + 4 * dot * dot);
  const svA1 = n1 > 0 ? SQRT2 / Math.sqrt(n1) : Infinity;
  const svPlus = p > 0 ? Math.sqrt((sum + root) / p) : Infinity;
  // σ-^2 = (A - S)/P = 4/(A + S): the second form does not cancel.
  const svMinus = sum + root > 0 ? Math.sqrt(4 / (sum + root)) : Infinity;
  let hi = svA1,
    mid = svPlus,
    lo = svMinus;
  let t: number;
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
  out[GS_SV1] = hi;
  out[GS_SV2] = mid;
  out[GS_SV3] = lo;
  out[GS_KAPPA] = hi === Infinity ? Infinity : hi / lo;
  // ρ = (2 r2^2 + c^2)/r1^2 with r2^2 = P/n1 and c^2 = dot^2/n1.
  out[GS_RHO] = n1 > 0 ? (2 * p + dot * dot) / (n1 * n1) : Infinity;
  return !(n1 > 0) || p <= GS_COLLINEAR_SIN2 * n1 * n2;
}
