// Type feedback for every path of the core kernel before a thread's first range (see primeCore).

import { analyzeBatch } from '../core/batch';
import { createBatchMetrics, DEFAULT_OPTIONS } from '../core/metrics';
import { fillMatrix, generator } from './synthetic';

let primed = false;
const PRIMING_ROUNDS = 4;

/** U diag(s) V^T with U, V rotations about different axes by the given angles. */
function shaped(s: readonly [number, number, number], a: number, b: number): number[] {
  const ca = Math.cos(a),
    sa = Math.sin(a),
    cb = Math.cos(b),
    sb = Math.sin(b);
  const u = [ca, -sa, 0, sa, ca, 0, 0, 0, 1];
  const v = [1, 0, 0, 0, cb, -sb, 0, sb, cb];
  const m: number[] = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += u[3 * i + k]! * s[k]! * v[3 * j + k]!;
      m.push(sum);
    }
  return m;
}

/**
 * One matrix for each branch of the core's closed forms and each way out of them to Jacobi: clamped
 * and unclamped factors, the accurate determinant, the deflated s2, λ1 ~ λ2, s3 -> 0, a scaled
 * rotation, a negative determinant, Gram-Schmidt on collinear columns, non-finite and tiny entries.
 */
const PRIMING_SHAPES: ReadonlyArray<readonly [number, number, number]> = [
  [1.3, 1, 0.7],
  [1.001, 1, 0.9995],
  [1, 0.9, 5e-3],
  [1, 0.5, 0.4999],
  [1, 0.9999999, 0.5],
  [1, 1, 0.5],
  [1, 0.8, 1e-9],
  [2, 2, 2],
  [1.2, 0.9, -0.8],
];

/**
 * Type feedback for every path of the core, once per thread and in microseconds: V8 compiles the
 * kernel after a few thousand matrices, and a call or comparison that had not run by then throws
 * the compiled kernel away when it first does, costing a recompilation (about 20 ms of CPU) and the
 * slow code in between.
 */
export function primeCore(): void {
  if (primed) return;
  primed = true;
  const rows: number[] = [];
  PRIMING_SHAPES.forEach((shape, k) => rows.push(...shaped(shape, 0.3 + k, 1.1 - k)));
  rows.push(1, 1, 0, 2, 2, 0, 3, 3, 1); // collinear first columns
  rows.push(1, NaN, 0, 0, 1, 0, 0, 0, 1);
  rows.push(...shaped([1, 0.9, 0.8], 0.2, 0.4).map((x) => x * 1e-40));
  const next = generator(2);
  const matrix = new Float64Array(9);
  for (let k = 0; k < 64; k++) {
    fillMatrix(matrix, k, next);
    rows.push(...matrix);
  }
  const count = rows.length / 9;
  const values = Float64Array.from(rows);
  const sixD = Math.floor((9 * count) / 6);
  const metrics = createBatchMetrics(sixD);
  // V8 allocates a function's feedback vector only after its first runs: a single call would
  // leave most of these matrices unrecorded.
  for (let round = 0; round < PRIMING_ROUNDS; round++) {
    analyzeBatch(values, 0, 9, count, '9d', DEFAULT_OPTIONS, metrics, 0);
    analyzeBatch(values, 0, 6, sixD, '6d', DEFAULT_OPTIONS, metrics, 0);
  }
}
