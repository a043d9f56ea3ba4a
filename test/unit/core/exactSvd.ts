// Exact singular values of a 3x3 matrix of doubles, as a test oracle that shares nothing with src/core:
// the squares s_i^2 are the roots of t^3 - e1 t^2 + e2 t - e3 (e1 = ||M||_F^2, e2 = ||cof M||_F^2,
// e3 = det(M)^2), whose coefficients are computed exactly in BigInt from the doubles' bits. Each
// root is bracketed around a guess and bisected over the bit patterns of positive doubles, so it is
// the double next to the true root; s_i = sqrt of it is within about one ulp of the truth.

interface Exact {
  mantissa: bigint;
  exponent: number; // value = mantissa * 2^exponent
}

const view = new DataView(new ArrayBuffer(8));

function exactDouble(x: number): Exact {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { mantissa: sign * fraction, exponent: -1074 };
  return { mantissa: sign * (fraction | (1n << 52n)), exponent: biased - 1075 };
}

function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

function fromBits(b: bigint): number {
  view.setBigUint64(0, b);
  return view.getFloat64(0);
}

/** The exact invariants as integers E1, E2, E3 of the matrix scaled by 2^shift (entries integral). */
function invariants(m: ArrayLike<number>): { e: [bigint, bigint, bigint]; shift: number } {
  const parts = Array.from({ length: 9 }, (_, k) => exactDouble(m[k]!));
  const shift = -Math.min(...parts.map((p) => p.exponent));
  const n = parts.map((p) => p.mantissa << BigInt(p.exponent + shift));
  const at = (r: number, c: number): bigint => n[3 * r + c]!;
  let e1 = 0n;
  for (const x of n) e1 += x * x;
  let e2 = 0n;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const r1 = (r + 1) % 3,
        r2 = (r + 2) % 3,
        c1 = (c + 1) % 3,
        c2 = (c + 2) % 3;
      const minor = at(r1, c1) * at(r2, c2) - at(r1, c2) * at(r2, c1);
      e2 += minor * minor;
    }
  }
  const det =
    at(0, 0) * (at(1, 1) * at(2, 2) - at(1, 2) * at(2, 1)) -
    at(0, 1) * (at(1, 0) * at(2, 2) - at(1, 2) * at(2, 0)) +
    at(0, 2) * (at(1, 0) * at(2, 1) - at(1, 1) * at(2, 0));
  return { e: [e1, e2, det * det], shift };
}

/** Sign of the cubic at t (a double), for the matrix scaled by 2^shift: u = t 2^(2 shift). */
function cubicSign(e: [bigint, bigint, bigint], shift: number, t: number): number {
  const { mantissa: x, exponent } = exactDouble(t);
  const c = 2 * shift + exponent; // u = x 2^c
  let g: bigint;
  if (c >= 0) {
    const u = x << BigInt(c);
    g = u * u * u - e[0] * u * u + e[1] * u - e[2];
  } else {
    const k = BigInt(-c);
    g = x * x * x - ((e[0] * x * x) << k) + ((e[1] * x) << (2n * k)) - (e[2] << (3n * k));
  }
  return g > 0n ? 1 : g < 0n ? -1 : 0;
}

/**
 * The exact s1 >= s2 >= s3, given guesses whose errors are well below a third of the gaps between
 * their squares (and below a relative 1e-3): each root is bracketed within that distance.
 */
export function exactSingularValues(m: ArrayLike<number>, guess: ArrayLike<number>): number[] {
  const { e, shift } = invariants(m);
  return Array.from({ length: 3 }, (_, i) => {
    const g = guess[i]! * guess[i]!;
    if (g === 0) return 0;
    let width = 1e-3 * g;
    for (let k = 0; k < 3; k++) {
      const gap = Math.abs(guess[k]! * guess[k]! - g);
      if (k !== i && gap > 0) width = Math.min(width, gap / 3);
    }
    let lo = g - width,
      hi = g + width;
    const signLo = cubicSign(e, shift, lo);
    if (signLo === 0) return Math.sqrt(lo);
    if (cubicSign(e, shift, hi) === signLo) throw new Error(`no root of the cubic near ${g}`);
    let a = bitsOf(lo),
      b = bitsOf(hi);
    while (b - a > 1n) {
      const mid = (a + b) >> 1n;
      const sign = cubicSign(e, shift, fromBits(mid));
      if (sign === 0) return Math.sqrt(fromBits(mid));
      if (sign === signLo) a = mid;
      else b = mid;
    }
    lo = fromBits(a);
    hi = fromBits(b);
    return Math.sqrt(0.5 * (lo + hi));
  });
}
