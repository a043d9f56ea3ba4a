import { test } from 'node:test';
import assert from 'node:assert/strict';
import { svd3 } from '../../../src/core/svd3';
import { distanceToSO3, projectToSO3 } from '../../../src/core/projection';
import { jacobianGains, jacobianKappa, projectionBackward } from '../../../src/core/jacobian';
import {
  compose,
  det,
  finiteDifferenceJacobian,
  frobenius,
  randomRotation,
  seededRandom,
  singularValues,
} from './helpers';

const u = new Float64Array(9);
const s = new Float64Array(3);
const v = new Float64Array(9);
const r = new Float64Array(9);
const gains = new Float64Array(3);

/** The project's own projection R(M), as a plain function for finite differences. */
function project(m: number[]): number[] {
  const d = svd3(u, s, v, m);
  return Array.from(projectToSO3(r, u, v, d < 0 ? -1 : 1));
}

function close(actual: number, expected: number, tolerance: number, label: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${label}: ${actual} vs ${expected}`,
  );
}

// MATH.md section 7, first table: s (sign d), 2/(σ1+σ2), 2/(σ1+σ3), 2/(σ2+σ3), κ, ||M-R||_F.
const REFERENCE: Array<[number[], number, number[], number, number]> = [
  [[1, 1, 1], 1, [1, 1, 1], 1, 0],
  [[2, 1, 0.5], 1, [0.666667, 0.8, 1.333333], 2, 1.118034],
  [[3, 2, 1], 1, [0.4, 0.5, 0.666667], 1.666667, 2.236068],
  [[3, 2, 1], -1, [0.4, 1, 2], 5, 3],
  [[1, 0.5, 0.1], -1, [1.333333, 2.222222, 5], 3.75, 1.208305],
  [[1, 0.01, 0.01], 1, [1.980198, 1.980198, 100], 50.5, 1.400071],
  [[1, 0.5, 0.49], -1, [1.333333, 3.921569, 200], 150, 1.571655],
  [[0.1, 0.1, 0.1], 1, [10, 10, 10], 1, 1.558846],
];

test('MATH.md section 7: gains, κ and distance to SO(3) for every reference row', () => {
  const random = seededRandom(3);
  for (const [planted, sign, expectedGains, expectedKappa, expectedDistance] of REFERENCE) {
    const label = `s=${planted} (${sign > 0 ? '+' : '-'})`;
    const m = compose(
      randomRotation(random),
      [planted[0]!, planted[1]!, sign * planted[2]!],
      randomRotation(random),
    );
    const d = svd3(u, s, v, m) < 0 ? -1 : 1;
    assert.equal(d, sign, `${label}: d`);
    const sigma3 = d * s[2]!;
    jacobianGains(gains, s[0]!, s[1]!, sigma3);
    for (let k = 0; k < 3; k++) close(gains[k]!, expectedGains[k]!, 1e-6, `${label} gain ${k}`);
    close(jacobianKappa(s[0]!, s[1]!, sigma3), expectedKappa, 1e-6, `${label} κ`);
    close(distanceToSO3(s[0]!, s[1]!, s[2]!, d), expectedDistance, 1e-6, `${label} ||M-R||`);
    // The closed form equals the distance to the computed projection.
    close(frobenius(project(m).map((x, k) => m[k]! - x)), expectedDistance, 1e-6, `${label} ||M-R|| direct`);
  }
});

test('κ and the gains are Infinity where σi+σj <= 0', () => {
  assert.equal(jacobianKappa(1, 0, 0), Infinity);
  assert.equal(jacobianKappa(1, 0.5, -0.5), Infinity);
  jacobianGains(gains, 1, 1, -1);
  assert.deepEqual(Array.from(gains), [1, Infinity, Infinity]);
  jacobianGains(gains, 0, 0, 0);
  assert.deepEqual(Array.from(gains), [Infinity, Infinity, Infinity]);
});

test('the finite-difference Jacobian of R(M) has rank 3 and singular values = the gains (det > 0 and det < 0)', () => {
  const random = seededRandom(5);
  for (const [planted, sign] of [
    [[2, 1, 0.5], 1],
    [[3, 2, 1], -1],
    [[1, 0.5, 0.1], -1],
    [[1.3, 0.9, 0.7], 1],
  ] as Array<[number[], number]>) {
    const m = compose(
      randomRotation(random),
      [planted[0]!, planted[1]!, sign * planted[2]!],
      randomRotation(random),
    );
    assert.equal(Math.sign(det(m)), sign);
    const jacobian = finiteDifferenceJacobian(project, m, 1e-6);
    const sv = singularValues(jacobian);
    const sigma3 = sign * planted[2]!;
    jacobianGains(gains, planted[0]!, planted[1]!, sigma3);
    const expected = Array.from(gains).sort((a, b) => b - a);
    for (let k = 0; k < 3; k++) close(sv[k]!, expected[k]!, 1e-6, `s=${planted} sign ${sign}: σ${k + 1}(J)`);
    for (let k = 3; k < 9; k++) assert.ok(sv[k]! < 1e-4, `σ${k + 1}(J) = ${sv[k]} should vanish`);
  }
});

test('the backward pass matches finite differences of <G, R(M)>', () => {
  const random = seededRandom(9);
  const grad = new Float64Array(9);
  for (const sign of [1, -1]) {
    for (let trial = 0; trial < 4; trial++) {
      const planted = [1 + random(), 0.5 + 0.4 * random(), 0.1 + 0.3 * random()];
      const m = compose(
        randomRotation(random),
        [planted[0]!, planted[1]!, sign * planted[2]!],
        randomRotation(random),
      );
      const g = Array.from({ length: 9 }, () => random() * 2 - 1);
      const loss = (x: number[]): number => project(x).reduce((acc, value, k) => acc + value * g[k]!, 0);
      const d = svd3(u, s, v, m) < 0 ? -1 : 1;
      projectionBackward(grad, g, u, s, v, d);
      const h = 1e-6;
      for (let k = 0; k < 9; k++) {
        const plus = m.slice();
        const minus = m.slice();
        plus[k]! += h;
        minus[k]! -= h;
        const fd = (loss(plus) - loss(minus)) / (2 * h);
        assert.ok(
          Math.abs(grad[k]! - fd) < 1e-7,
          `sign ${sign} trial ${trial} entry ${k}: ${grad[k]} vs ${fd}`,
        );
      }
    }
  }
});

test('the backward pass gives symmetric and diagonal directions zero gradient, and scales channels', () => {
  // At M = diag(s), a symmetric G produces X = G symmetric, so Z = 0.
  const m = [3, 0, 0, 0, 2, 0, 0, 0, 1];
  const d = svd3(u, s, v, m) < 0 ? -1 : 1;
  const grad = new Float64Array(9);
  projectionBackward(grad, [1, 2, 3, 2, 5, 6, 3, 6, 9], u, s, v, d);
  assert.ok(frobenius(grad) < 1e-15);
  // A unit skew G in channel (1,2) gives Z_12 = 2/(σ1+σ2); a channel factor multiplies it.
  projectionBackward(grad, [0, 1, 0, -1, 0, 0, 0, 0, 0], u, s, v, d);
  assert.ok(Math.abs(grad[1]! - 2 / 5) < 1e-15 && Math.abs(grad[3]! + 2 / 5) < 1e-15);
  projectionBackward(grad, [0, 1, 0, -1, 0, 0, 0, 0, 0], u, s, v, d, [0.5, 1, 1]);
  assert.ok(Math.abs(grad[1]! - 1 / 5) < 1e-15);
});
