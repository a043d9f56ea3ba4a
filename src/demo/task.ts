// The synthetic task: recover the rotation R that maps a fixed reference point set P (K points) to a
// rotated, noisy copy. Input: the K observed points R p_k + σ ε_k, flattened (x1 y1 z1 x2 ...);
// target: R, row-major. Rotations are uniform on SO(3), ε is standard normal.

import { Random, randomRotation } from './random';

export class RotationTask {
  /** The reference points, K x 3 row-major. */
  readonly reference: Float64Array;
  readonly points: number;
  readonly noise: number;

  constructor(points: number, noise: number, random: Random) {
    this.points = points;
    this.noise = noise;
    this.reference = new Float64Array(3 * points);
    for (let k = 0; k < 3 * points; k++) this.reference[k] = random.normal();
  }

  get inputSize(): number {
    return 3 * this.points;
  }

  /** Writes `count` samples: inputs (count x 3K) and targets (count x 9). */
  sample(inputs: Float64Array, targets: Float64Array, count: number, random: Random): void {
    const K = this.points,
      p = this.reference;
    for (let n = 0; n < count; n++) {
      const t = 9 * n;
      randomRotation(targets, t, random);
      for (let k = 0; k < K; k++) {
        const px = p[3 * k]!,
          py = p[3 * k + 1]!,
          pz = p[3 * k + 2]!;
        for (let i = 0; i < 3; i++) {
          const rotated =
            targets[t + 3 * i]! * px + targets[t + 3 * i + 1]! * py + targets[t + 3 * i + 2]! * pz;
          inputs[n * 3 * K + 3 * k + i] = rotated + this.noise * random.normal();
        }
      }
    }
  }
}
