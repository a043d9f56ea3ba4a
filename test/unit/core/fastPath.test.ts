// The batch path's closed forms (fastMetrics9.ts) against the Jacobi path (analyzeRange9Jacobi) and
// against exact singular values: the fast path may answer only where it is as accurate as Jacobi.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeRange9, analyzeRange9Jacobi } from '../../../src/core/analyze';
import { analyzeRange9Fast } from '../../../src/core/fastMetrics9';
import {
  createBatchMetrics,
  DEFAULT_OPTIONS,
  type AnalysisOptions,
  type BatchMetrics,
} from '../../../src/core/metrics';
import { svd3 } from '../../../src/core/svd3';
import { projectToSO3 } from '../../../src/core/projection';
import { gramSchmidtColumns } from '../../../src/core/gramSchmidt';
import { exactSingularValues } from './exactSvd';
import { compose, frobenius, difference, gaussian, mul, randomRotation, seededRandom } from './helpers';

const EPS = 2 ** -52;
/** Both paths carry an absolute error of a few eps s1 on every singular value (two-sided rounding). */
const S_TOLERANCE = 32 * EPS;

const fast = createBatchMetrics(1);
const jacobi = createBatchMetrics(1);

function analyzeBoth(m: ArrayLike<number>, options: AnalysisOptions = DEFAULT_OPTIONS): void {
  const input = Float64Array.from(m);
  analyzeRange9(input, 0, 9, 1, options, fast, 0);
  analyzeRange9Jacobi(input, 0, 9, 1, options, jacobi, 0);
}

const u = new Float64Array(9);
const s = new Float64Array(3);
const v = new Float64Array(9);
const rSvd = new Float64Array(9);
const rGs = new Float64Array(9);

/** angle(R_svd, R_gs) in degrees from Jacobi's U, V, as 2 asin(||R_svd - R_gs||_F / sqrt 8): no arccos near 1. */
function referenceAngleDeg(m: ArrayLike<number>): number {
  const det = svd3(u, s, v, m);
  projectToSO3(rSvd, u, v, det < 0 ? -1 : 1);
  gramSchmidtColumns(rGs, m[0]!, m[3]!, m[6]!, m[1]!, m[4]!, m[7]!);
  return (2 * Math.asin(Math.min(1, frobenius(difference(rSvd, rGs)) / Math.sqrt(8))) * 180) / Math.PI;
}

function close(actual: number, expected: number, tolerance: number, what: string): void {
  if (Object.is(actual, expected)) return;
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} vs ${expected} (difference ${Math.abs(actual - expected)}, tolerance ${tolerance})`,
  );
}

/** Every metric of the two paths agrees to what the rounding of M allows. */
function assertPathsAgree(m: ArrayLike<number>, label: string, options = DEFAULT_OPTIONS): void {
  analyzeBoth(m, options);
  const a: BatchMetrics = fast,
    b: BatchMetrics = jacobi;
  const s1 = b.s1[0]!;
  const ds = S_TOLERANCE * s1;
  close(a.s1[0]!, s1, ds, `${label} s1`);
  close(a.s2[0]!, b.s2[0]!, ds, `${label} s2`);
  close(a.s3[0]!, b.s3[0]!, ds, `${label} s3`);
  close(a.s3Rel[0]!, b.s3Rel[0]!, 2 * S_TOLERANCE, `${label} s3Rel`);
  close(a.det[0]!, b.det[0]!, 3 * ds * s1 * s1, `${label} det`);
  assert.equal(Math.sign(a.det[0]!), Math.sign(b.det[0]!), `${label} sign of det`);
  const sigma = [b.s1[0]!, b.s2[0]!, b.sigma3[0]!];
  const sum12 = sigma[0]! + sigma[1]!,
    sum13 = sigma[0]! + sigma[2]!,
    sum23 = sigma[1]! + sigma[2]!;
  close(a.gain12[0]!, b.gain12[0]!, (4 * ds) / sum12 ** 2 + 1e-300, `${label} gain12`);
  close(a.gain13[0]!, b.gain13[0]!, (4 * ds) / sum13 ** 2, `${label} gain13`);
  close(a.gain23[0]!, b.gain23[0]!, (4 * ds) / sum23 ** 2, `${label} gain23`);
  close(a.kappa[0]!, b.kappa[0]!, b.kappa[0]! * (2 * ds) * (1 / sum12 + 1 / sum23), `${label} κ`);
  close(a.distSO3[0]!, b.distSO3[0]!, 2 * ds + 4 * EPS * b.distSO3[0]!, `${label} distSO3`);
  assert.equal(a.orthDefect[0], b.orthDefect[0], `${label} orthDefect`);
  for (const field of ['gsSv1', 'gsSv2', 'gsSv3', 'gsKappa'] as const)
    assert.equal(a[field][0], b[field][0], `${label} ${field}`);
  close(a.gsRho[0]!, b.gsRho[0]!, 4 * EPS * b.gsRho[0]!, `${label} gsRho`);
  // R_svd moves by about eps κ under rounding (meaningless beyond κ ~ 1e6); the fast path's inverse
  // adds at most ~1e6 eps. The asin reference itself loses digits near 180 degrees.
  if (b.kappa[0]! < 1e6) {
    const angle = referenceAngleDeg(m);
    const tolerance = 1e-9 * (1 + b.kappa[0]!) + (angle > 150 ? 1e-5 : 0);
    close(a.svdGsAngleDeg[0]!, angle, tolerance, `${label} angle (fast)`);
    close(b.svdGsAngleDeg[0]!, angle, tolerance, `${label} angle (Jacobi)`);
  }
  // φ_max moves with the relative error of its channel factors, ~ds / (s_i - s_j) for close pairs;
  // where two singular values coincide to rounding it jumps (a channel is dropped) and is skipped.
  const minGap = Math.min(sigma[0]! - sigma[1]!, b.s2[0]! - b.s3[0]!);
  if (minGap > 1e-6 * s1) {
    const phiTolerance = (180 / Math.PI) * ((4 * ds) / minGap) + 1e-12;
    close(a.taylorPhiMaxDeg[0]!, b.taylorPhiMaxDeg[0]!, phiTolerance, `${label} Taylor φ_max`);
    close(a.clampPhiMaxDeg[0]!, b.clampPhiMaxDeg[0]!, phiTolerance, `${label} clamp φ_max`);
  }
  assert.equal(a.flags[0], b.flags[0], `${label} flags`);
}

/** A matrix with entries of every sign and a given log10 scale. */
const randomMatrix = fc
  .tuple(
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
    fc.integer({ min: -12, max: 12 }),
  )
  .map(([values, exponent]) => values.map((x) => x * 10 ** exponent));

test('property: fast and Jacobi paths agree on random matrices of scales 1e-12..1e12', () => {
  fc.assert(
    fc.property(randomMatrix, (m) => assertPathsAgree(m, `M = [${m}]`)),
    { numRuns: 3000, seed: 11 },
  );
});

test('property: fast and Jacobi paths agree on near-rotations and scaled rotations, det > 0 and det < 0', () => {
  const random = seededRandom(23);
  for (let k = 0; k < 3000; k++) {
    const r = randomRotation(random);
    const sigma = 10 ** -(1 + (k % 9)) * random();
    const scale = k % 5 === 0 ? 10 ** (4 * random() - 2) : 1;
    const m = r.map((x) => scale * (x + sigma * gaussian(random)));
    if (k % 2 === 1) for (let i = 6; i < 9; i++) m[i] = -m[i]!; // det < 0: a reflection near SO(3)
    assertPathsAgree(m, `near-rotation ${k}`);
  }
});

test('property: fast and Jacobi paths agree on near-repeated and graded singular values', () => {
  const random = seededRandom(29);
  const patterns: Array<(t: number) => number[]> = [
    (t) => [1, 1 - t, 1 - 2 * t], // all three nearly repeated
    (t) => [1, 1 - t, 0.3], // s1 ~ s2
    (t) => [1, 0.3, 0.3 * (1 - t)], // s2 ~ s3
    (t) => [1, 0.01, 0.01 * (1 - t)], // s2 ~ s3, both small
    (t) => [1, t, 1e-4 * (1 + 10 * random())], // tiny s3 near the fallback threshold
    (t) => [1, 10 ** (-4 * random()), t ** 0.25 * 1e-2], // graded
  ];
  for (let k = 0; k < 3000; k++) {
    const t = 10 ** -(1 + 14 * random());
    const sigma = patterns[k % patterns.length]!(t).sort((x, y) => y - x);
    const m = compose(randomRotation(random), sigma, randomRotation(random));
    if (k % 3 === 0) for (let i = 0; i < 3; i++) m[i] = -m[i]!;
    assertPathsAgree(m, `planted ${sigma} #${k}`);
  }
});

test('property: the paths agree under other options (non-integer Taylor order, other thresholds)', () => {
  const options: AnalysisOptions = {
    ...DEFAULT_OPTIONS,
    taylorK: 2.5,
    clampEps: 0.3,
    nearSingular: 0.2,
    kappa: 3,
  };
  fc.assert(
    fc.property(randomMatrix, (m) => assertPathsAgree(m, `M = [${m}] with other options`, options)),
    { numRuns: 1000, seed: 13 },
  );
});

test('degenerate and extreme inputs give the same metrics on both paths (they take the Jacobi path)', () => {
  const cases = [
    [0, 0, 0, 0, 0, 0, 0, 0, 0],
    [0.5, -1, 2, 1, -2, 4, 1.5, -3, 6], // rank one
    [1, 2, 3, 4, 5, 6, 7, 8, 9], // rank two, exact det = 0
    [1, 0, 0, 0, 1, 0, 0, 0, 1e-9], // tiny s3
    [1e200, 0, 0, 0, 1e200, 0, 0, 0, 1e200],
    [1e-200, 3e-201, 0, 0, 1e-200, 0, 0, 0, 1e-200],
    [1, 0, 0, 1, 0, 0, 0, 0, 1], // collinear first columns: gs-degenerate
    [1, 0, 0, 0, 0.5, 0, 0, 0, -0.5], // det < 0 with s2 = s3: κ infinite
  ];
  for (const m of cases) {
    analyzeBoth(m);
    for (const field of ['s1', 's2', 's3', 'det', 'kappa', 'svdGsAngleDeg', 'taylorPhiMaxDeg'] as const)
      assert.ok(
        Object.is(fast[field][0], jacobi[field][0]),
        `[${m}] ${field}: ${fast[field][0]} vs ${jacobi[field][0]}`,
      );
    assert.equal(fast.flags[0], jacobi.flags[0]);
  }
});

/** Exact singular values of the rounded matrix; relative errors of the batch path against them. */
function assertAccurate(
  m: number[],
  relativeTolerance: (i: number, exact: number[]) => number,
  label: string,
): void {
  analyzeBoth(m);
  const got = [fast.s1[0]!, fast.s2[0]!, fast.s3[0]!];
  const exact = exactSingularValues(m, [jacobi.s1[0]!, jacobi.s2[0]!, jacobi.s3[0]!]);
  for (let i = 0; i < 3; i++) {
    const error = Math.abs(got[i]! - exact[i]!) / exact[i]!;
    assert.ok(
      error <= relativeTolerance(i, exact),
      `${label} s${i + 1}: ${got[i]} vs exact ${exact[i]}, error ${error}`,
    );
  }
}

test('two-sided graded matrices: every singular value to ~eps s1/s_i of the exact one, s3 to ~eps s1/s2', () => {
  const random = seededRandom(31);
  const spectra = [
    [1, 1e-2, 5e-3],
    [1, 1e-3, 2e-4],
    [1, 0.5, 1e-3],
    [1, 1e-7, 1e-12],
    [1, 0.3, 0.29],
    [1, 0.05, 0.049], // s2 ~ s3 << s1: the deflated 2x2 problem
    [1, 0.01, 0.0099],
    [1, 1 - 1e-9, 1 - 2e-9], // clustered: the cubic at rounding-level spread
    [1, 0.999, 0.998],
    [3, 2, 1],
  ];
  for (const sigma of spectra) {
    for (let k = 0; k < 50; k++) {
      const m = compose(randomRotation(random), sigma, randomRotation(random));
      assertAccurate(
        m,
        (i, exact) => 16 * EPS * (i < 2 ? exact[0]! / exact[i]! : exact[0]! / exact[1]!),
        `U diag(${sigma}) V^T`,
      );
    }
  }
});

test('column- and row-graded matrices: every singular value to a relative ~eps', () => {
  const random = seededRandom(37);
  for (const grading of [
    [1, 1e-2, 1e-3],
    [1, 3e-3, 2e-4],
    [1, 1, 1e-3],
  ]) {
    for (let k = 0; k < 50; k++) {
      // A well-conditioned B (a rotation times a mild diagonal) scaled by columns, then by rows.
      const b = compose(randomRotation(random), [1.3, 1, 0.8], randomRotation(random));
      const columns = mul(b, [grading[0]!, 0, 0, 0, grading[1]!, 0, 0, 0, grading[2]!]);
      const rows = mul([grading[0]!, 0, 0, 0, grading[1]!, 0, 0, 0, grading[2]!], b);
      assertAccurate(columns, () => 64 * EPS, `column-graded ${grading}`);
      assertAccurate(rows, () => 64 * EPS, `row-graded ${grading}`);
    }
  }
});

test('the closed forms answer for ordinary matrices and hand the others to the fallback', () => {
  const handed: number[] = [];
  const recordFallback = (_input: ArrayLike<number>, offset: number): void => {
    handed.push(offset / 9);
  };
  const random = seededRandom(41);
  const ordinary = [
    compose(randomRotation(random), [1.5, 0.9, 0.4], randomRotation(random)),
    compose(randomRotation(random), [1, 1, 1], randomRotation(random)), // a rotation
    compose(randomRotation(random), [2, 1, 0.5], randomRotation(random)).map((x, k) => (k < 3 ? -x : x)), // det < 0
    randomRotation(random).map((x) => 3 * x + 0.01 * gaussian(random)),
  ];
  const other = [
    [1, 2, 3, 4, 5, 6, 7, 8, 9], // rank two
    [1, 0, 0, 0, 1, 0, 0, 0, 1e-9], // s3 below 1e-4 s1
    [1, 0, 0, 1, 0, 0, 0, 0, 1], // gs-degenerate
    [NaN, 0, 0, 0, 1, 0, 0, 0, 1],
    [1e100, 0, 0, 0, 1e100, 0, 0, 0, 1e100], // beyond the safe range
  ];
  const input = Float64Array.from([...ordinary, ...other].flat());
  analyzeRange9Fast(input, 0, 9, 9, DEFAULT_OPTIONS, createBatchMetrics(9), 0, recordFallback);
  assert.deepEqual(handed, [4, 5, 6, 7, 8]);
});
