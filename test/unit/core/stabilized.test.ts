import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clampChannelFactors,
  maxDirectionErrorDeg,
  taylorChannelFactors,
} from '../../../src/core/stabilized';
import { projectionBackward } from '../../../src/core/jacobian';
import { svd3 } from '../../../src/core/svd3';
import { compose, randomRotation, seededRandom } from './helpers';

const rho = new Float64Array(3);

test('MATH.md section 6 example: s = (1.05, 1.0, 0.97), K = 9', () => {
  taylorChannelFactors(rho, 1.05, 1.0, 0.97, 9);
  assert.ok(Math.abs(rho[0]! - 0.6231) < 5e-5, `ρ12 = ${rho[0]}`);
  assert.ok(Math.abs(rho[1]! - 0.795) < 5e-5, `ρ13 = ${rho[1]}`);
  assert.ok(Math.abs(rho[2]! - 0.4562) < 5e-5, `ρ23 = ${rho[2]}`);
  const phi = maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!);
  assert.ok(Math.abs(phi - 15.71) < 5e-3, `φ_max = ${phi}`);
});

test('Taylor factors agree with Math.pow for a non-integer order, and clamp factors saturate at 1', () => {
  taylorChannelFactors(rho, 2, 1, 0.5, 2.5);
  assert.ok(Math.abs(rho[0]! - (1 - Math.pow(0.25, 3.5))) < 1e-15);
  clampChannelFactors(rho, 1.05, 1.0, 0.97, 1e-2);
  assert.deepEqual(Array.from(rho), [1, 1, 1]);
  clampChannelFactors(rho, 1.001, 1.0, 0.97, 1e-2);
  assert.ok(Math.abs(rho[0]! - (1.001 ** 2 - 1) / 1e-2) < 1e-12);
  assert.equal(maxDirectionErrorDeg(1, 1, 1), 0);
});

test('φ_max is 90° when a channel is dropped (repeated or zero singular values)', () => {
  taylorChannelFactors(rho, 1, 1, 1, 9);
  assert.deepEqual(Array.from(rho), [0, 0, 0]);
  assert.equal(maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!), 90);
  taylorChannelFactors(rho, 0, 0, 0, 9);
  assert.equal(maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!), 90);
  clampChannelFactors(rho, 2, 1, 1, 1e-2);
  assert.equal(maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!), 90);
});

test('φ_max bounds the angle between the exact and the stabilized gradient, and is attained', () => {
  const random = seededRandom(17);
  const m = compose(randomRotation(random), [1.05, 1.0, 0.97], randomRotation(random));
  const u = new Float64Array(9),
    s = new Float64Array(3),
    v = new Float64Array(9);
  const d = svd3(u, s, v, m) < 0 ? -1 : 1;
  taylorChannelFactors(rho, s[0]!, s[1]!, s[2]!, 9);
  const phi = maxDirectionErrorDeg(rho[0]!, rho[1]!, rho[2]!);
  const exact = new Float64Array(9),
    stabilized = new Float64Array(9);
  let worst = 0;
  for (let trial = 0; trial < 2000; trial++) {
    const g = Array.from({ length: 9 }, () => random() * 2 - 1);
    projectionBackward(exact, g, u, s, v, d);
    projectionBackward(stabilized, g, u, s, v, d, rho);
    let dot = 0,
      ne = 0,
      ns = 0;
    for (let k = 0; k < 9; k++) {
      dot += exact[k]! * stabilized[k]!;
      ne += exact[k]! ** 2;
      ns += stabilized[k]! ** 2;
    }
    const angle = (Math.acos(Math.min(1, dot / Math.sqrt(ne * ns))) * 180) / Math.PI;
    assert.ok(angle <= phi + 1e-9, `angle ${angle} exceeds φ_max ${phi}`);
    worst = Math.max(worst, angle);
  }
  assert.ok(worst > 0.8 * phi, `random directions come close to φ_max (${worst} of ${phi})`);
});
