// Small 3x3 helpers shared by the kernels. Layout: row-major, `index = 3*row + col` (see metrics.ts).

/** det of the 3x3 matrix at m[o..o+8], plain cofactor expansion (about 1e-15 relative when well conditioned). */
export function det3(m: ArrayLike<number>, o = 0): number {
  const a00 = m[o]!,
    a01 = m[o + 1]!,
    a02 = m[o + 2]!;
  const a10 = m[o + 3]!,
    a11 = m[o + 4]!,
    a12 = m[o + 5]!;
  const a20 = m[o + 6]!,
    a21 = m[o + 7]!,
    a22 = m[o + 8]!;
  return a00 * (a11 * a22 - a12 * a21) - a01 * (a10 * a22 - a12 * a20) + a02 * (a10 * a21 - a11 * a20);
}

// Error-free transformations (Dekker, Knuth). JavaScript has no fused multiply-add, so products are
// split with Veltkamp's constant 2^27 + 1. Inputs must stay below ~1e300 so the split cannot overflow.
const SPLITTER = 134217729;
let productLow = 0;

function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  productLow = al * bl - (p - ah * bh - al * bh - ah * bl);
  return p;
}

let sumHigh = 0;
let sumLow = 0;

/** Adds a triple product a*b*c, carried in about twice the working precision, to (sumHigh, sumLow). */
function addTripleProduct(a: number, b: number, c: number): void {
  const ph = twoProduct(a, b);
  const pl = productLow;
  const qh = twoProduct(ph, c);
  const ql = productLow + pl * c;
  // TwoSum of the running high part and qh; the low parts are added plainly (their error is ~eps^2).
  const s = sumHigh + qh;
  const bb = s - sumHigh;
  const err = sumHigh - (s - bb) + (qh - bb);
  sumHigh = s;
  sumLow += err + ql;
}

/**
 * det of a 3x3 matrix with a relative error of a few ulps even when it is tiny against the product of
 * the entries (a rotated diag(1, 1e-3, 1e-15)): the six triple products are summed in double-double.
 * Exact whenever the true determinant is 0 and every triple product is exact (integer matrices).
 */
export function det3Accurate(m: ArrayLike<number>, o = 0): number {
  const a00 = m[o]!,
    a01 = m[o + 1]!,
    a02 = m[o + 2]!;
  const a10 = m[o + 3]!,
    a11 = m[o + 4]!,
    a12 = m[o + 5]!;
  const a20 = m[o + 6]!,
    a21 = m[o + 7]!,
    a22 = m[o + 8]!;
  sumHigh = 0;
  sumLow = 0;
  addTripleProduct(a00, a11, a22);
  addTripleProduct(-a00, a12, a21);
  addTripleProduct(-a01, a10, a22);
  addTripleProduct(a01, a12, a20);
  addTripleProduct(a02, a10, a21);
  addTripleProduct(-a02, a11, a20);
  return sumHigh + sumLow;
}

/** ||M^T M - I||_F of the 3x3 matrix at m[o..o+8]; needs no SVD. */
export function orthogonalityDefect(m: ArrayLike<number>, o = 0): number {
  const a00 = m[o]!,
    a01 = m[o + 1]!,
    a02 = m[o + 2]!;
  const a10 = m[o + 3]!,
    a11 = m[o + 4]!,
    a12 = m[o + 5]!;
  const a20 = m[o + 6]!,
    a21 = m[o + 7]!,
    a22 = m[o + 8]!;
  const g00 = a00 * a00 + a10 * a10 + a20 * a20 - 1;
  const g11 = a01 * a01 + a11 * a11 + a21 * a21 - 1;
  const g22 = a02 * a02 + a12 * a12 + a22 * a22 - 1;
  const g01 = a00 * a01 + a10 * a11 + a20 * a21;
  const g02 = a00 * a02 + a10 * a12 + a20 * a22;
  const g12 = a01 * a02 + a11 * a12 + a21 * a22;
  return Math.sqrt(g00 * g00 + g11 * g11 + g22 * g22 + 2 * (g01 * g01 + g02 * g02 + g12 * g12));
}
