// Seeded randomness for the demo trainer. xoshiro128** (Blackman & Vigna) seeded through
// splitmix32: fast, 32-bit integer arithmetic only, so a seed gives the same stream on every platform.

/** splitmix32 step: spreads an arbitrary seed over the four state words. */
function splitmix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = NaN;

  /** `stream` separates independent streams of one seed (data, probe batch, weights, ...). */
  constructor(seed: number, stream = 0) {
    const mix = { x: (seed >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2d) };
    this.s0 = splitmix32(mix);
    this.s1 = splitmix32(mix);
    this.s2 = splitmix32(mix);
    this.s3 = splitmix32(mix);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1), 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Standard normal by Box-Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.spareNormal === this.spareNormal) {
      const spare = this.spareNormal;
      this.spareNormal = NaN;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A uniformly distributed rotation (row-major) written at out[offset..offset+9), from a random unit quaternion. */
export function randomRotation(out: Float64Array, offset: number, random: Random): void {
  let w = random.normal(),
    x = random.normal(),
    y = random.normal(),
    z = random.normal();
  const norm = Math.hypot(w, x, y, z) || 1;
  w /= norm;
  x /= norm;
  y /= norm;
  z /= norm;
  out[offset] = 1 - 2 * (y * y + z * z);
  out[offset + 1] = 2 * (x * y - w * z);
  out[offset + 2] = 2 * (x * z + w * y);
  out[offset + 3] = 2 * (x * y + w * z);
  out[offset + 4] = 1 - 2 * (x * x + z * z);
  out[offset + 5] = 2 * (y * z - w * x);
  out[offset + 6] = 2 * (x * z - w * y);
  out[offset + 7] = 2 * (y * z + w * x);
  out[offset + 8] = 1 - 2 * (x * x + y * y);
}
