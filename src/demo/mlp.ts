// A small multilayer perceptron: tanh hidden layers, a linear output layer. All parameters live in
// one Float64Array (per layer: W row-major out x in, then b), so the optimiser and the
// finite-difference tests see a single flat vector. Buffers are sized once for the largest batch.

import type { Random } from './random';

export class Mlp {
  readonly sizes: readonly number[];
  readonly params: Float64Array;
  readonly grads: Float64Array;
  /** Offset of layer l's W in params; its b follows at weightOffset[l] + out*in. */
  private readonly weightOffset: number[] = [];
  /** activations[0] is the input batch, activations[L] the output batch. */
  private readonly activations: Float64Array[];
  private readonly deltas: Float64Array[];
  private batch = 0;

  constructor(sizes: readonly number[], maxBatch: number) {
    if (sizes.length < 2) throw new Error('an MLP needs an input and an output size');
    this.sizes = sizes;
    let count = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      this.weightOffset.push(count);
      count += sizes[l + 1]! * sizes[l]! + sizes[l + 1]!;
    }
    this.params = new Float64Array(count);
    this.grads = new Float64Array(count);
    this.activations = sizes.map((n) => new Float64Array(n * maxBatch));
    this.deltas = sizes.map((n) => new Float64Array(n * maxBatch));
  }

  get inputSize(): number {
    return this.sizes[0]!;
  }

  get outputSize(): number {
    return this.sizes[this.sizes.length - 1]!;
  }

  /** Glorot-uniform weights (the usual choice for tanh), zero biases. */
  initialize(random: Random): void {
    this.params.fill(0);
    for (let l = 0; l + 1 < this.sizes.length; l++) {
      const fanIn = this.sizes[l]!,
        fanOut = this.sizes[l + 1]!;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const w = this.weightOffset[l]!;
      for (let k = 0; k < fanIn * fanOut; k++) this.params[w + k] = (2 * random.uniform() - 1) * limit;
    }
  }

  /**
   * Runs `batch` inputs (row-major, batch x inputSize) through the network and returns the output
   * buffer (batch x outputSize), valid until the next call.
   */
  forward(input: ArrayLike<number>, batch: number): Float64Array {
    this.batch = batch;
    const first = this.activations[0]!;
    for (let k = 0; k < batch * this.inputSize; k++) first[k] = input[k]!;
    const layers = this.sizes.length - 1;
    for (let l = 0; l < layers; l++) {
      const nIn = this.sizes[l]!,
        nOut = this.sizes[l + 1]!;
      const x = this.activations[l]!,
        y = this.activations[l + 1]!;
      const w = this.weightOffset[l]!,
        b = w + nOut * nIn;
      const hidden = l + 1 < layers;
      for (let n = 0; n < batch; n++) {
        for (let o = 0; o < nOut; o++) {
          let acc = this.params[b + o]!;
          const row = w + o * nIn;
          for (let i = 0; i < nIn; i++) acc += this.params[row + i]! * x[n * nIn + i]!;
          y[n * nOut + o] = hidden ? Math.tanh(acc) : acc;
        }
      }
    }
    return this.activations[layers]!;
  }

  /**
   * Given dL/d(output) for the batch of the last forward call, writes dL/d(params) into `grads`
   * (overwriting it).
   */
  backward(outputGrad: ArrayLike<number>): Float64Array {
    const batch = this.batch;
    const layers = this.sizes.length - 1;
    const top = this.deltas[layers]!;
    for (let k = 0; k < batch * this.outputSize; k++) top[k] = outputGrad[k]!;
    this.grads.fill(0);
    for (let l = layers - 1; l >= 0; l--) {
      const nIn = this.sizes[l]!,
        nOut = this.sizes[l + 1]!;
      const x = this.activations[l]!,
        delta = this.deltas[l + 1]!,
        below = this.deltas[l]!;
      const w = this.weightOffset[l]!,
        b = w + nOut * nIn;
      for (let n = 0; n < batch; n++) {
        for (let o = 0; o < nOut; o++) {
          const g = delta[n * nOut + o]!;
          this.grads[b + o] = this.grads[b + o]! + g;
          const row = w + o * nIn;
          for (let i = 0; i < nIn; i++) this.grads[row + i] = this.grads[row + i]! + g * x[n * nIn + i]!;
        }
      }
      if (l === 0) break;
      // Through W, then through the tanh of layer l: d tanh = 1 - tanh^2.
      for (let n = 0; n < batch; n++) {
        for (let i = 0; i < nIn; i++) {
          let acc = 0;
          for (let o = 0; o < nOut; o++) acc += this.params[w + o * nIn + i]! * delta[n * nOut + o]!;
          const a = x[n * nIn + i]!;
          below[n * nIn + i] = acc * (1 - a * a);
        }
      }
    }
    return this.grads;
  }
}
