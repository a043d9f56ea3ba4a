// Test-side linear algebra, written independently of src/core so it can serve as an oracle.
import { eigs } from 'mathjs';

// The seeded generators are shared with the other test tiers and the bench.
export { gaussian, randomRotation, seededRandom } from '../../random';

/** Row-major 3x3 product A B. */
export function mul(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      out.push(a[3 * i]! * b[j]! + a[3 * i + 1]! * b[3 + j]! + a[3 * i + 2]! * b[6 + j]!);
  return out;
}

export function transpose(a: ArrayLike<number>): number[] {
  return [a[0]!, a[3]!, a[6]!, a[1]!, a[4]!, a[7]!, a[2]!, a[5]!, a[8]!];
}

/** M = U diag(sigma) V^T. */
export function compose(u: ArrayLike<number>, sigma: ArrayLike<number>, v: ArrayLike<number>): number[] {
  const us = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => u[3 * i + j]! * sigma[j]!));
  return mul(us, transpose(v));
}

export function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * a[k]!;
  return Math.sqrt(s);
}

export function difference(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return Array.from({ length: a.length }, (_, k) => a[k]! - b[k]!);
}

/** ||Q^T Q - I||_F. */
export function orthogonalityError(q: ArrayLike<number>): number {
  const g = mul(transpose(q), q);
  return frobenius(difference(g, [1, 0, 0, 0, 1, 0, 0, 0, 1]));
}

export function det(a: ArrayLike<number>): number {
  return (
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) -
    a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) +
    a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!)
  );
}

/**
 * Singular values (descending) of an m x n matrix given as rows, from mathjs `eigs` of the symmetric
 * n x n matrix J^T J: an oracle independent of the code under test.
 */
export function singularValues(rows: number[][]): number[] {
  const n = rows[0]!.length;
  const gram: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (const r of rows) s += r[i]! * r[j]!;
      row.push(s);
    }
    gram.push(row);
  }
  // Symmetrize exactly so eigs takes its symmetric (real) path.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) gram[i]![j] = gram[j]![i]!;
  const values = eigs(gram).values as unknown as number[];
  return Array.from(values, (x) => Math.sqrt(Math.max(0, Number(x)))).sort((a, b) => b - a);
}

/** Central-difference Jacobian (rows = outputs, columns = inputs) of f at x. */
export function finiteDifferenceJacobian(f: (x: number[]) => number[], x: number[], h: number): number[][] {
  const columns: number[][] = [];
  for (let k = 0; k < x.length; k++) {
    const plus = x.slice();
    const minus = x.slice();
    plus[k]! += h;
    minus[k]! -= h;
    const fp = f(plus);
    const fm = f(minus);
    columns.push(fp.map((value, i) => (value - fm[i]!) / (2 * h)));
  }
  const outputs = columns[0]!.length;
  return Array.from({ length: outputs }, (_, i) => columns.map((c) => c[i]!));
}

/**
 * Exact determinant of a float64 3x3 matrix, as a float64 (rational arithmetic on the binary values
 * with BigInt), to check accuracy claims on tiny determinants.
 */
export function exactDet(a: ArrayLike<number>): number {
  // Every finite double is m * 2^e with integer m; scale all to a common exponent 2^-1100.
  const SHIFT = 1100n;
  const big = (x: number): bigint => {
    if (x === 0) return 0n;
    const sign = x < 0 ? -1n : 1n;
    let v = Math.abs(x);
    let e = 0;
    while (!Number.isInteger(v)) {
      v *= 2;
      e++;
    }
    return sign * (BigInt(v) << (SHIFT - BigInt(e)));
  };
  const m = Array.from({ length: 9 }, (_, k) => big(a[k]!));
  const d =
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
    m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
    m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!);
  // d is det * 2^(3*SHIFT); convert with enough leading bits.
  if (d === 0n) return 0;
  const negative = d < 0n;
  let mag = negative ? -d : d;
  let shift = 3n * SHIFT;
  const bits = mag.toString(2).length;
  if (bits > 64) {
    const drop = BigInt(bits - 64);
    mag >>= drop;
    shift -= drop;
  }
  // mag < 2^64 now; apply 2^-shift in two halves so no intermediate underflows.
  const e = -Number(shift);
  const half = Math.trunc(e / 2);
  const value = Number(mag) * 2 ** half * 2 ** (e - half);
  return negative ? -value : value;
}

export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}
