// The trainer's gradients against central finite differences of its own loss, for every parameter of a
// tiny network in each regime, and Gram-Schmidt's backward pass on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gramSchmidt } from '../../../src/core';
import {
  gramSchmidtBackward,
  gramSchmidtForward,
  GS_STATE_SIZE,
  lossAndGradient,
  Mlp,
  outputSizeOf,
  Random,
  randomRotation,
  REGIMES,
  type RegimeName,
} from '../../../src/demo';

const STEP = 1e-6;

/** max |analytic - fd| / max(1, |fd|) over all coordinates. */
function worstError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < numeric.length; k++)
    worst = Math.max(worst, Math.abs(analytic[k]! - numeric[k]!) / Math.max(1, Math.abs(numeric[k]!)));
  return worst;
}

function tinyProblem(regime: RegimeName, seed: number) {
  const random = new Random(seed, 7);
  const batch = 3;
  const net = new Mlp([6, 5, 4, outputSizeOf(regime)], batch);
  net.initialize(random);
  // Non-zero biases, so their gradients are exercised away from the symmetric start.
  for (let k = 0; k < net.params.length; k++) net.params[k] = net.params[k]! + 0.1 * random.normal();
  const inputs = new Float64Array(batch * 6).map(() => random.normal());
  const targets = new Float64Array(batch * 9);
  for (let n = 0; n < batch; n++) randomRotation(targets, 9 * n, random);
  return { net, inputs, targets, batch };
}

for (const regime of REGIMES) {
  test(`${regime}: the gradient of every parameter matches central finite differences`, () => {
    for (const seed of [1, 2, 3]) {
      const { net, inputs, targets, batch } = tinyProblem(regime, seed);
      const loss = () => lossAndGradient(regime, net.forward(inputs, batch), targets, batch).loss;
      const outputGrad = new Float64Array(batch * net.outputSize);
      const outputs = net.forward(inputs, batch);
      const { skipped } = lossAndGradient(regime, outputs, targets, batch, outputGrad);
      assert.equal(skipped, 0);
      const analytic = net.backward(outputGrad).slice();
      const numeric = new Float64Array(analytic.length);
      for (let k = 0; k < net.params.length; k++) {
        const saved = net.params[k]!;
        net.params[k] = saved + STEP;
        const plus = loss();
        net.params[k] = saved - STEP;
        const minus = loss();
        net.params[k] = saved;
        numeric[k] = (plus - minus) / (2 * STEP);
      }
      assert.ok(
        analytic.some((g) => Math.abs(g) > 1e-3),
        'the gradient is not trivially zero',
      );
      const error = worstError(analytic, numeric);
      assert.ok(error < 1e-7, `seed ${seed}: worst relative error ${error}`);
    }
  });
}

test('gs-6d backward: dL/d(a1, a2) matches finite differences, also for nearly collinear and unequal inputs', () => {
  const random = new Random(11);
  const r = new Float64Array(9);
  const state = new Float64Array(GS_STATE_SIZE);
  const grad = new Float64Array(6);
  const cases: number[][] = [
    [1, 0, 0, 0, 1, 0],
    [2, 0, 0, 1, 1e-3, 0],
    [1e-2, 0.3, 0, 5, -2, 1],
  ];
  for (let c = 0; c < 20; c++) cases.push(Array.from({ length: 6 }, () => random.normal()));
  for (const a of cases) {
    const weights = Array.from({ length: 9 }, () => random.normal());
    const loss = (x: number[]) => {
      gramSchmidtForward(r, 0, state, 0, x, 0);
      return r.reduce((acc, value, k) => acc + weights[k]! * value, 0);
    };
    assert.ok(gramSchmidtForward(r, 0, state, 0, a, 0));
    gramSchmidtBackward(grad, 0, weights, 0, state, 0);
    const numeric = a.map((_, k) => {
      const h = 1e-7 * Math.max(1, Math.abs(a[k]!));
      const plus = a.slice(),
        minus = a.slice();
      plus[k]! += h;
      minus[k]! -= h;
      return (loss(plus) - loss(minus)) / (2 * h);
    });
    const scale = Math.max(1, ...numeric.map(Math.abs));
    for (let k = 0; k < 6; k++)
      assert.ok(
        Math.abs(grad[k]! - numeric[k]!) < 1e-5 * scale,
        `${a}: d/da[${k}] ${grad[k]} vs ${numeric[k]}`,
      );
  }
});

test('gs-6d forward agrees with the core Gram-Schmidt (columns) and is undefined for collinear input', () => {
  const random = new Random(5);
  const mine = new Float64Array(9);
  const core = new Float64Array(9);
  const state = new Float64Array(GS_STATE_SIZE);
  for (let c = 0; c < 50; c++) {
    const a = Array.from({ length: 6 }, () => random.normal());
    assert.ok(gramSchmidtForward(mine, 0, state, 0, a, 0));
    gramSchmidt(core, new Float64Array(5), a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    for (let k = 0; k < 9; k++) assert.ok(Math.abs(mine[k]! - core[k]!) < 1e-12);
  }
  assert.equal(gramSchmidtForward(mine, 0, state, 0, [1, 2, 3, 2, 4, 6], 0), false);
  assert.ok(mine.every((x) => Number.isNaN(x)));
  assert.equal(gramSchmidtForward(mine, 0, state, 0, [0, 0, 0, 1, 0, 0], 0), false);
});

test('svd-in-loop: a sample whose SVD gradient does not exist gets a zero gradient and is counted', () => {
  // Rank one: σ2 + σ3 = 0, so 2/(σ2+σ3) is infinite.
  const outputs = new Float64Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const targets = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const grad = new Float64Array(18).fill(7);
  const { skipped, loss } = lossAndGradient('svd-in-loop', outputs, targets, 2, grad);
  assert.equal(skipped, 1);
  assert.ok(Number.isFinite(loss));
  assert.deepEqual(Array.from(grad), new Array(18).fill(0));
});

test('direct-9d: loss and gradient are the plain squared error', () => {
  const outputs = new Float64Array([2, 0, 0, 0, 1, 0, 0, 0, 1]);
  const targets = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const grad = new Float64Array(9);
  assert.equal(lossAndGradient('direct-9d', outputs, targets, 1, grad).loss, 1);
  assert.deepEqual(Array.from(grad), [2, 0, 0, 0, 0, 0, 0, 0, 0]);
});
