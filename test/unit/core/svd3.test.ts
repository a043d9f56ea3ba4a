import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { svd3 } from '../../../src/core/svd3';
import { det3, det3Accurate, orthogonalityDefect } from '../../../src/core/mat3';
import {
  compose,
  det,
  difference,
  exactDet,
  frobenius,
  mul,
  orthogonalityError,
  randomRotation,
  relativeError,
  seededRandom,
} from './helpers';

const u = new Float64Array(9);
const s = new Float64Array(3);
const v = new Float64Array(9);

/** Checks every invariant of svd3's output for M and returns det. */
function checkInvariants(m: number[], label: string): number {
  const d = svd3(u, s, v, m);
  const scale = frobenius(m);
  assert.ok(s[0]! >= s[1]! && s[1]! >= s[2]! && s[2]! >= 0, `${label}: sorted, non-negative ${s}`);
  assert.ok(orthogonalityError(u) < 1e-14, `${label}: U orthogonal (${orthogonalityError(u)})`);
  assert.ok(orthogonalityError(v) < 1e-14, `${label}: V orthogonal (${orthogonalityError(v)})`);
  assert.ok(Math.abs(det(v) - 1) < 1e-14, `${label}: det V = +1`);
  const sign = d < 0 ? -1 : 1;
  assert.ok(Math.abs(det(u) - sign) < 1e-14, `${label}: det U = d`);
  const rebuilt = compose(u, s, v);
  const error = frobenius(difference(rebuilt, m));
  assert.ok(
    error <= 1e-14 * scale || (scale === 0 && error === 0),
    `${label}: U S V^T rebuilds M (${error / scale})`,
  );
  return d;
}

test('svd3 recovers planted singular values, with the sign carried by U', () => {
  const random = seededRandom(7);
  for (const planted of [
    [3, 2, 1],
    [2, 1, 0.5],
    [1, 1, 1],
    [1, 0.5, 0.49],
    [5, 5, 1e-3],
    [1e3, 1, 1e-3],
  ]) {
    for (const sign of [1, -1]) {
      const ur = randomRotation(random);
      const vr = randomRotation(random);
      const m = compose(ur, [planted[0]!, planted[1]!, sign * planted[2]!], vr);
      const d = checkInvariants(m, `s=${planted} sign ${sign}`);
      assert.equal(Math.sign(d), sign);
      for (let k = 0; k < 3; k++)
        assert.ok(Math.abs(s[k]! - planted[k]!) <= 1e-14 * planted[0]!, `s${k + 1}`);
      assert.ok(relativeError(d, exactDet(m)) < 1e-12, `det ${d} vs exact ${exactDet(m)}`);
    }
  }
});

test('property: random matrices of scales 1e-12..1e12 are decomposed exactly', () => {
  const entry = fc.double({ min: -1, max: 1, noNaN: true });
  fc.assert(
    fc.property(
      fc.array(entry, { minLength: 9, maxLength: 9 }),
      fc.integer({ min: -12, max: 12 }),
      (values, exponent) => {
        const m = values.map((x) => x * 10 ** exponent);
        checkInvariants(m, `scale 1e${exponent}`);
      },
    ),
    { numRuns: 2000, seed: 42 },
  );
});

test('property: graded matrices U diag(s) V^T with s spanning 1e-12..1e12', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2 ** 30 }),
      fc.array(fc.double({ min: -12, max: 12, noNaN: true }), { minLength: 3, maxLength: 3 }),
      (seed, logs) => {
        const random = seededRandom(seed);
        const planted = logs.map((x) => 10 ** x).sort((a, b) => b - a);
        const m = compose(randomRotation(random), planted, randomRotation(random));
        checkInvariants(m, `planted ${planted}`);
        // s1 and s2 are well conditioned: absolute error ~eps*s1.
        assert.ok(Math.abs(s[0]! - planted[0]!) <= 1e-14 * planted[0]!);
        assert.ok(Math.abs(s[1]! - planted[1]!) <= 1e-14 * planted[0]!);
      },
    ),
    { numRuns: 1000, seed: 43 },
  );
});

test('tiny s3 keeps its relative accuracy (column- and row-graded, and against the exact det)', () => {
  const random = seededRandom(11);
  const planted = [1, 1e-3, 1e-15];
  for (let trial = 0; trial < 50; trial++) {
    const q = randomRotation(random);
    // Column-graded (M = Q diag(s)) and row-graded (M = diag(s) Q): the stored entries determine
    // s3 to full relative accuracy, and so must svd3.
    for (const m of [
      compose(q, planted, [1, 0, 0, 0, 1, 0, 0, 0, 1]),
      compose([1, 0, 0, 0, 1, 0, 0, 0, 1], planted, q),
    ]) {
      svd3(u, s, v, m);
      assert.ok(relativeError(s[2]!, 1e-15) < 1e-10, `s3 = ${s[2]} (rel ${relativeError(s[2]!, 1e-15)})`);
    }
    // Two-sided rotation: rounding the entries moves s3 by ~1e-16, so the reference is the exact
    // s3 of the stored matrix, |det(M)| / (s1 s2) with det from exact rational arithmetic.
    const m = compose(q, planted, randomRotation(random));
    const d = svd3(u, s, v, m);
    const exact = exactDet(m);
    const reference = Math.abs(exact) / (s[0]! * s[1]!);
    assert.ok(relativeError(s[2]!, reference) < 1e-10, `two-sided s3 = ${s[2]} vs ${reference}`);
    assert.ok(relativeError(d, exact) < 1e-12, `det ${d} vs exact ${exact}`);
    // sqrt(eig(M^T M)) would give s3 with an absolute error of ~eps/s3 ~ 0.1 here.
  }
});

test('degenerate inputs give defined output', () => {
  const cases: Array<[string, number[], number[]]> = [
    ['zero', [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0]],
    ['rank one', [0.5, -1, 2, 1, -2, 4, 1.5, -3, 6], [Math.sqrt(5.25 * 14), 0, 0]],
    ['identity (repeated)', [1, 0, 0, 0, 1, 0, 0, 0, 1], [1, 1, 1]],
    ['minus identity', [-1, 0, 0, 0, -1, 0, 0, 0, -1], [1, 1, 1]],
    ['exact det 0', [1, 2, 3, 4, 5, 6, 7, 8, 9], [16.84810335261421, 1.0683695145547083, 0]],
    ['one zero column', [1, 0, 2, 3, 0, 4, 5, 0, 6], [9.525518091565107, 0.514300580658644, 0]],
    ['permutation, det -1', [0, 1, 0, 1, 0, 0, 0, 0, 1], [1, 1, 1]],
    ['huge', [1e300, 0, 0, 0, 1e300, 0, 0, 0, 1e299], [1e300, 1e300, 1e299]],
    ['tiny', [1e-300, 0, 0, 0, 2e-300, 0, 0, 0, 0], [2e-300, 1e-300, 0]],
  ];
  for (const [label, m, expected] of cases) {
    const d = checkInvariants(m, label);
    for (let k = 0; k < 3; k++) {
      assert.ok(Math.abs(s[k]! - expected[k]!) <= 1e-14 * expected[0]!, `${label}: s${k + 1} = ${s[k]}`);
    }
    if (label === 'exact det 0' || label === 'zero' || label === 'rank one')
      assert.equal(d, 0, `${label}: det is exactly 0`);
  }
  // det = 0 exactly: d = +1, so U is a rotation.
  svd3(u, s, v, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.ok(Math.abs(det(u) - 1) < 1e-14);
  // The zero matrix gets U = V = I.
  svd3(u, s, v, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(u), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(v), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
});

test('svd3 reads a matrix at an offset of a Float32Array', () => {
  const m = new Float32Array([9, 9, 2, 0, 0, 0, 1, 0, 0, 0, 3]);
  const d = svd3(u, s, v, m, 2);
  assert.deepEqual(Array.from(s), [3, 2, 1]);
  assert.equal(d, 6);
  assert.ok(frobenius(difference(mul(u, [1, 0, 0, 0, 1, 0, 0, 0, 1]), u)) === 0);
});

test('det3 and det3Accurate agree on ordinary matrices; det3Accurate is exact where det3 cancels', () => {
  const random = seededRandom(31);
  for (let trial = 0; trial < 100; trial++) {
    const m = Array.from({ length: 9 }, () => random() * 2 - 1);
    assert.ok(relativeError(det3Accurate(m), exactDet(m)) < 1e-15);
    assert.ok(relativeError(det3(m), exactDet(m)) < 1e-12);
  }
  // Integer matrix with det exactly 0, and a rotated graded matrix whose det cancels in plain arithmetic.
  assert.equal(det3Accurate([1, 2, 3, 4, 5, 6, 7, 8, 9]), 0);
  const graded = compose(randomRotation(random), [1, 1e-3, 1e-15], randomRotation(random));
  assert.ok(relativeError(det3Accurate(graded), exactDet(graded)) < 1e-15);
  assert.ok(
    Math.abs(orthogonalityDefect([2, 0, 0, 0, 1, 0, 0, 0, 1]) - 3) < 1e-15,
    '||M^T M - I|| = |4 - 1|',
  );
});

test('non-finite input gives NaN everywhere, not a partial decomposition', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const d = svd3(u, s, v, [1, 0, 0, 0, bad, 0, 0, 0, 1]);
    assert.ok(Number.isNaN(d));
    for (const array of [u, s, v]) assert.ok(Array.from(array).every(Number.isNaN));
  }
});
