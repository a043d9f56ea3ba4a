// 6D Gram-Schmidt (MATH.md section 4): R = [b1 b2 b3] from two 3-vectors a1, a2, and the spectrum of
// its 9x6 Jacobian. Inputs are passed as scalars so a 9D matrix's columns need no gathering.

const SQRT2 = Math.SQRT2;
/**
 * a1, a2 count as collinear (gs-degenerate) when sin^2 θ <= eps: b2 then carries less than half the
 * working digits (its error grows like eps / sin θ), and κ_GS ~ 1/sin θ is at least ~7e7.
 */
export const GS_COLLINEAR_SIN2 = 2 ** -52;
const SAFE_MAX = 2 ** 100;
const SAFE_MIN = 2 ** -100;

/**
 * |a1|^2 or |a1 x a2|^2 below this has lost relative precision to subnormals (columns ~1e-150 apart
 * in scale, or a cross product below ~1e-135): R and the collinearity test are redone from rescaled
 * vectors.
 */
const PRECISE_SQUARE = 2 ** -900;

/** Indices into the spectrum output: [sv1, sv2, sv3, κ_GS, ρ_GS]. */
export const GS_SV1 = 0;
export const GS_SV2 = 1;
export const GS_SV3 = 2;
export const GS_KAPPA = 3;
export const GS_RHO = 4;

/** Bits returned by gramSchmidt. */
export const GS_DEGENERATE = 1;
export const GS_ROTATION_UNDEFINED = 2;

/**
 * Both halves of MATH.md section 4 in one pass (they share |a1|, a1.a2 and a1 x a2):
 *
 * - R (row-major) with b1, b2, b3 as columns. b2 is formed as b3 x b1 from b3 = a1 x a2 / |a1 x a2|,
 *   which equals a2⊥/|a2⊥| and stays orthogonal to working precision even for nearly collinear
 *   input. R is undefined (filled with NaN, GS_ROTATION_UNDEFINED) when a1 = 0 or a1 x a2 = 0 exactly.
 * - spectrum = [sv1, sv2, sv3, κ_GS, ρ_GS]: the nonzero singular values sqrt(2)/r1 and σ± of the
 *   9x6 Jacobian, descending, with σ±^2 = (A ± S)/P, S = sqrt(A^2 - 4P); κ_GS = max/min;
 *   ρ_GS = (2 r2^2 + c^2)/r1^2. Where a formula divides by zero the value is Infinity, never NaN:
 *   r1 = 0 gives sqrt(2)/r1 = ∞ and ρ = ∞; P = 0 gives σ+ = ∞; κ_GS = ∞ whenever the largest is ∞.
 *
 * Returns GS_DEGENERATE when r1 = 0 or sin^2 θ <= GS_COLLINEAR_SIN2, plus GS_ROTATION_UNDEFINED.
 */
export function gramSchmidt(
  r: Float64Array,
  spectrum: Float64Array,
  a1x: number,
  a1y: number,
  a1z: number,
  a2x: number,
  a2y: number,
  a2z: number,
): number {
  // Rescale by a power of two into a range where no square below can overflow or underflow; the
  // singular values scale back as 1/|a|, R, κ_GS and ρ_GS do not depend on the scale.
  const maxAbs = Math.max(
    Math.abs(a1x),
    Math.abs(a1y),
    Math.abs(a1z),
    Math.abs(a2x),
    Math.abs(a2y),
    Math.abs(a2z),
  );
  let svScale = 1;
  if (maxAbs > SAFE_MAX || (maxAbs < SAFE_MIN && maxAbs > 0)) {
    const exponent = -Math.round(Math.log2(maxAbs));
    const half = 2 ** Math.trunc(exponent / 2);
    const rest = 2 ** (exponent - Math.trunc(exponent / 2));
    a1x = a1x * half * rest;
    a1y = a1y * half * rest;
    a1z = a1z * half * rest;
    a2x = a2x * half * rest;
    a2y = a2y * half * rest;
    a2z = a2z * half * rest;
    svScale = half * rest;
  }
  const n1 = a1x * a1x + a1y * a1y + a1z * a1z;
  const n2 = a2x * a2x + a2y * a2y + a2z * a2z;
  const dot = a1x * a2x + a1y * a2y + a1z * a2z;
  const wx = a1y * a2z - a1z * a2y;
  const wy = a1z * a2x - a1x * a2z;
  const wz = a1x * a2y - a1y * a2x;
  const p = wx * wx + wy * wy + wz * wz; // |a1 x a2|^2 = (r1 r2)^2, without the cancellation of n1 n2 - dot^2
  const invR1 = 1 / Math.sqrt(n1); // ∞ for a1 = 0
  const invW = 1 / Math.sqrt(p); // ∞ when collinear

  let status = n1 > 0 && p > GS_COLLINEAR_SIN2 * n1 * n2 ? 0 : GS_DEGENERATE;
  if (n1 > 0 && p > 0 && invW < Infinity) {
    const b1x = a1x * invR1,
      b1y = a1y * invR1,
      b1z = a1z * invR1;
    const b3x = wx * invW,
      b3y = wy * invW,
      b3z = wz * invW;
    r[0] = b1x;
    r[3] = b1y;
    r[6] = b1z;
    r[1] = b3y * b1z - b3z * b1y;
    r[4] = b3z * b1x - b3x * b1z;
    r[7] = b3x * b1y - b3y * b1x;
    r[2] = b3x;
    r[5] = b3y;
    r[8] = b3z;
  } else {
    r.fill(NaN);
    status |= GS_ROTATION_UNDEFINED;
  }

  if (!(n1 >= PRECISE_SQUARE && p >= PRECISE_SQUARE)) {
    status = rotationOfRescaled(r, a1x, a1y, a1z, a2x, a2y, a2z);
  }

  // A^2 - 4P = (n1 - n2)^2 + 4 dot^2: no cancellation, never negative. With q = sqrt(A + S):
  // σ+ = q / sqrt(P) and σ- = sqrt((A - S)/P) = sqrt(4/(A + S)) = 2/q, which does not cancel.
  const diff = n1 - n2;
  const q = Math.sqrt(n1 + n2 + Math.sqrt(diff * diff + 4 * dot * dot));
  const svA1 = n1 > 0 ? SQRT2 * invR1 : Infinity;
  const svPlus = p > 0 ? q * invW : Infinity;
  const svMinus = q > 0 ? 2 / q : Infinity;
  let hi = svA1,
    mid = svPlus,
    lo = svMinus,
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
  spectrum[GS_SV1] = hi * svScale;
  spectrum[GS_SV2] = mid * svScale;
  spectrum[GS_SV3] = lo * svScale;
  spectrum[GS_KAPPA] = hi === Infinity ? Infinity : hi / lo;
  // ρ = (2 r2^2 + c^2)/r1^2 with r2^2 = P/n1, c^2 = dot^2/n1 and P + dot^2 = n1 n2 (Lagrange):
  // n2/n1 + P/n1^2, two non-negative terms that cannot form 0/0 even when n1 is subnormal.
  spectrum[GS_RHO] = n1 > 0 ? n2 / n1 + p / n1 / n1 : Infinity;
  return status;
}

const unit = new Float64Array(6);

/** Writes (x, y, z) scaled by a power of two to a largest entry in [0.5, 2) into unit[at..at+2]. */
function rescaleInto(at: number, x: number, y: number, z: number): void {
  const big = Math.max(Math.abs(x), Math.abs(y), Math.abs(z));
  let scale = 1,
    rest = 1;
  if (big > 0) {
    // Two halves: 2^1074 (for subnormal input) is not a double.
    const exponent = -Math.round(Math.log2(big));
    scale = 2 ** Math.trunc(exponent / 2);
    rest = 2 ** (exponent - Math.trunc(exponent / 2));
  }
  unit[at] = x * scale * rest;
  unit[at + 1] = y * scale * rest;
  unit[at + 2] = z * scale * rest;
}

/**
 * R and the status of gramSchmidt from a1, a2 rescaled one by one, and a1 x a2 rescaled again: R and
 * sin θ do not depend on either scale, so no square can underflow.
 */
function rotationOfRescaled(
  r: Float64Array,
  a1x: number,
  a1y: number,
  a1z: number,
  a2x: number,
  a2y: number,
  a2z: number,
): number {
  rescaleInto(0, a1x, a1y, a1z);
  rescaleInto(3, a2x, a2y, a2z);
  const x1 = unit[0]!,
    y1 = unit[1]!,
    z1 = unit[2]!,
    x2 = unit[3]!,
    y2 = unit[4]!,
    z2 = unit[5]!;
  const n1 = x1 * x1 + y1 * y1 + z1 * z1;
  const n2 = x2 * x2 + y2 * y2 + z2 * z2;
  const wx = y1 * z2 - z1 * y2,
    wy = z1 * x2 - x1 * z2,
    wz = x1 * y2 - y1 * x2;
  const wBig = Math.max(Math.abs(wx), Math.abs(wy), Math.abs(wz));
  // n1, n2 are in [0.25, 12): a cross product below 2^-400 is collinear to far below GS_COLLINEAR_SIN2.
  const p = wBig < 2 ** -400 ? 0 : wx * wx + wy * wy + wz * wz;
  const status = n1 > 0 && p > GS_COLLINEAR_SIN2 * n1 * n2 ? 0 : GS_DEGENERATE;
  if (n1 === 0 || wBig === 0) {
    r.fill(NaN);
    return status | GS_ROTATION_UNDEFINED;
  }
  rescaleInto(0, wx, wy, wz);
  const ux = unit[0]!,
    uy = unit[1]!,
    uz = unit[2]!;
  const invR1 = 1 / Math.sqrt(n1);
  const invW = 1 / Math.sqrt(ux * ux + uy * uy + uz * uz);
  const b1x = x1 * invR1,
    b1y = y1 * invR1,
    b1z = z1 * invR1;
  const b3x = ux * invW,
    b3y = uy * invW,
    b3z = uz * invW;
  r[0] = b1x;
  r[3] = b1y;
  r[6] = b1z;
  r[1] = b3y * b1z - b3z * b1y;
  r[4] = b3z * b1x - b3x * b1z;
  r[7] = b3x * b1y - b3y * b1x;
  r[2] = b3x;
  r[5] = b3y;
  r[8] = b3z;
  return status;
}

const scratchR = new Float64Array(9);
const scratchSpectrum = new Float64Array(5);

/** R_gs only (see gramSchmidt); returns false, with R filled with NaN, where R is undefined. */
export function gramSchmidtColumns(
  r: Float64Array,
  a1x: number,
  a1y: number,
  a1z: number,
  a2x: number,
  a2y: number,
  a2z: number,
): boolean {
  return (gramSchmidt(r, scratchSpectrum, a1x, a1y, a1z, a2x, a2y, a2z) & GS_ROTATION_UNDEFINED) === 0;
}

/** The spectrum only, out = [sv1, sv2, sv3, κ_GS, ρ_GS] (see gramSchmidt); returns whether gs-degenerate. */
export function gramSchmidtSpectrum(
  out: Float64Array,
  a1x: number,
  a1y: number,
  a1z: number,
  a2x: number,
  a2y: number,
  a2z: number,
): boolean {
  return (gramSchmidt(scratchR, out, a1x, a1y, a1z, a2x, a2y, a2z) & GS_DEGENERATE) !== 0;
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
