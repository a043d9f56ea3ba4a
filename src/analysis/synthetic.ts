// Synthetic matrices for the warm-up and the priming of a thread (warmUp.ts, primeCore.ts): noise
// around the identity with the cases that take the core's rarer paths mixed in.

/** Deterministic numbers in [0, 1) (a linear congruential generator: the values do not matter). */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Matrix k of the synthetic run: noise around I, with degenerate and non-finite ones mixed in. */
export function fillMatrix(out: Float64Array, k: number, next: () => number): void {
  const spread = k % 5 === 0 ? 1.5 : 0.2;
  for (let e = 0; e < 9; e++) out[e] = (e % 4 === 0 ? 1 : 0) + spread * (2 * next() - 1);
  switch (k % 61) {
    case 1: // rank 2: the Jacobi fallback
      for (let e = 0; e < 3; e++) out[6 + e] = out[e] as number;
      break;
    case 2: // negative determinant
      for (let e = 0; e < 3; e++) out[e] = -(out[e] as number);
      break;
    case 3:
      out[4] = NaN;
      break;
    case 4: // tiny scale: rescaled by the fallback
      for (let e = 0; e < 9; e++) out[e] = (out[e] as number) * 1e-40;
      break;
  }
}
