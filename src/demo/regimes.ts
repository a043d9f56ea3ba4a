// The three training regimes: what the network outputs, the loss it is trained on, the gradient of
// that loss with respect to the outputs, and the rotation used at inference.
//
//   svd-in-loop  9D output M, loss ||SVD(M) - R_gt||_F^2, backward through the closed-form SVD
//                backward of the core (projectionBackward, MATH.md section 3)
//   direct-9d    9D output M, loss ||M - R_gt||_F^2; SVD only at inference
//   gs-6d        6D output (a1, a2), loss ||GS(a1, a2) - R_gt||_F^2; Gram-Schmidt at inference
//
// Losses are means over the batch.

import { projectionBackward, projectToSO3, svd3 } from '../core';
import { GS_STATE_SIZE, gramSchmidtBackward, gramSchmidtForward } from './gramSchmidt6d';

export const REGIMES = ['svd-in-loop', 'direct-9d', 'gs-6d'] as const;
export type RegimeName = (typeof REGIMES)[number];

export function outputSizeOf(regime: RegimeName): 9 | 6 {
  return regime === 'gs-6d' ? 6 : 9;
}

const u = new Float64Array(9);
const s = new Float64Array(3);
const v = new Float64Array(9);
const r = new Float64Array(9);
const g = new Float64Array(9);
const gradM = new Float64Array(9);
const gsState = new Float64Array(GS_STATE_SIZE);

/**
 * The regime's loss on `batch` outputs (batch x outputSize) against `targets` (batch x 9), and, when
 * `grad` is given, dL/d(outputs) written into it. A sample whose gradient does not exist (SVD with
 * σi+σj <= 0, or Gram-Schmidt of collinear vectors) gets a zero gradient and is counted in `skipped`;
 * its loss counts where its rotation exists.
 */
export function lossAndGradient(
  regime: RegimeName,
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  batch: number,
  grad?: Float64Array,
): { loss: number; skipped: number } {
  const width = outputSizeOf(regime);
  const scale = 1 / batch;
  let loss = 0;
  let skipped = 0;
  for (let n = 0; n < batch; n++) {
    const o = n * width,
      t = 9 * n;
    if (regime === 'direct-9d') {
      for (let k = 0; k < 9; k++) {
        const diff = outputs[o + k]! - targets[t + k]!;
        loss += diff * diff;
        if (grad) grad[o + k] = 2 * scale * diff;
      }
      continue;
    }
    let defined: boolean;
    if (regime === 'svd-in-loop') {
      const d = svd3(u, s, v, outputs, o) < 0 ? -1 : 1;
      projectToSO3(r, u, v, d);
      for (let k = 0; k < 9; k++) g[k] = 2 * scale * (r[k]! - targets[t + k]!);
      defined = true;
      if (grad) {
        projectionBackward(gradM, g, u, s, v, d);
        for (let k = 0; k < 9; k++) {
          if (!Number.isFinite(gradM[k]!)) defined = false;
          grad[o + k] = gradM[k]!;
        }
      }
    } else {
      defined = gramSchmidtForward(r, 0, gsState, 0, outputs, o);
      for (let k = 0; k < 9; k++) g[k] = 2 * scale * (r[k]! - targets[t + k]!);
      if (grad && defined) gramSchmidtBackward(grad, o, g, 0, gsState, 0);
    }
    if (Number.isFinite(r[0]!)) {
      for (let k = 0; k < 9; k++) {
        const diff = r[k]! - targets[t + k]!;
        loss += diff * diff;
      }
    }
    if (!defined) {
      skipped++;
      if (grad) for (let k = 0; k < width; k++) grad[o + k] = 0;
    }
  }
  return { loss: loss * scale, skipped };
}

/**
 * The rotation the regime predicts at inference, into out (row-major): SVD projection of a 9D output,
 * Gram-Schmidt of a 6D one. Returns false when it is undefined (NaN written).
 */
export function inferenceRotation(
  regime: RegimeName,
  out: Float64Array,
  outputs: ArrayLike<number>,
  offset: number,
): boolean {
  if (regime === 'gs-6d') return gramSchmidtForward(out, 0, gsState, 0, outputs, offset);
  const d = svd3(u, s, v, outputs, offset) < 0 ? -1 : 1;
  projectToSO3(out, u, v, d);
  return Number.isFinite(out[0]!);
}

/** Geodesic distance in degrees between two rotations: arccos((trace(Aᵀ B) - 1) / 2). */
export function geodesicDeg(a: ArrayLike<number>, b: ArrayLike<number>, bo = 0): number {
  let trace = 0;
  for (let k = 0; k < 9; k++) trace += a[k]! * b[bo + k]!;
  const cos = Math.min(1, Math.max(-1, (trace - 1) / 2));
  return (Math.acos(cos) * 180) / Math.PI;
}
