// SVD projection onto SO(3) (MATH.md section 2): R = U diag(1, 1, d) V^T = U_s V^T.

/**
 * R = U_s V^T from the output of svd3. With svd3's convention (det V = +1, u3 = d (u1 x u2)) the
 * third column of U_s is u1 x u2 = d u3, so R is a rotation whatever d is.
 */
export function projectToSO3(
  r: Float64Array,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  d: number,
): Float64Array {
  for (let i = 0; i < 3; i++) {
    const a = u[3 * i]!,
      b = u[3 * i + 1]!,
      c = d * u[3 * i + 2]!;
    for (let j = 0; j < 3; j++) r[3 * i + j] = a * v[3 * j]! + b * v[3 * j + 1]! + c * v[3 * j + 2]!;
  }
  return r;
}

/** ||M - R||_F = sqrt((s1-1)^2 + (s2-1)^2 + (s3-d)^2). */
export function distanceToSO3(s1: number, s2: number, s3: number, d: number): number {
  const e1 = s1 - 1,
    e2 = s2 - 1,
    e3 = s3 - d;
  return Math.sqrt(e1 * e1 + e2 * e2 + e3 * e3);
}
