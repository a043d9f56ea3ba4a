// Adam (Kingma & Ba 2015) with its usual defaults and bias correction, updating a flat parameter vector.

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(size: number, options: AdamOptions) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  step(params: Float64Array, grads: ArrayLike<number>): void {
    this.t++;
    const { beta1, beta2 } = this;
    const correction1 = 1 - beta1 ** this.t;
    const correction2 = 1 - beta2 ** this.t;
    for (let k = 0; k < params.length; k++) {
      const g = grads[k]!;
      const m = (this.m[k] = beta1 * this.m[k]! + (1 - beta1) * g);
      const v = (this.v[k] = beta2 * this.v[k]! + (1 - beta2) * g * g);
      params[k] =
        params[k]! - (this.learningRate * (m / correction1)) / (Math.sqrt(v / correction2) + this.epsilon);
    }
  }
}
