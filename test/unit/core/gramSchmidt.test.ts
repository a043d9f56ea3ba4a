import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gramSchmidtColumns,
  gramSchmidtSpectrum,
  transpose3InPlace,
  GS_KAPPA,
  GS_RHO,
} from '../../../src/core/gramSchmidt';
import {
  det,
  finiteDifferenceJacobian,
  frobenius,
  orthogonalityError,
  seededRandom,
  singularValues,
} from './helpers';

const r = new Float64Array(9);
const out = new Float64Array(5);

function gsRotation(a: number[]): number[] {
  gramSchmidtColumns(r, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
  return Array.from(r);
}

function close(actual: number, expected: number, tolerance: number, label: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${label}: ${actual} vs ${expected}`,
  );
}

const deg = Math.PI / 180;
// MATH.md section 7, second table: a1, a2, the three nonzero singular values, κ_GS, ρ_GS.
const TABLE: Array<[string, number[], number[], number, number]> = [
  ['a1 = e1, a2 = e2', [1, 0, 0, 0, 1, 0], [1.414214, 1.414214, 1.414214], 1, 2],
  ['a1 = 2e1, a2 = e2', [2, 0, 0, 0, 1, 0], [1.414214, 0.707107, 0.707107], 2, 0.5],
  ['a1 = (2,0,0), a2 = (1,1,0)', [2, 0, 0, 1, 1, 0], [1.618034, 0.707107, 0.618034], 2.618034, 0.75],
  [
    'unit, θ = 45°',
    [1, 0, 0, Math.cos(45 * deg), Math.sin(45 * deg), 0],
    [2.613126, 1.414214, 1.082392],
    2.414214,
    1.5,
  ],
  [
    'unit, θ = 10°',
    [1, 0, 0, Math.cos(10 * deg), Math.sin(10 * deg), 0],
    [11.473713, 1.414214, 1.00382],
    11.430052,
    1.030154,
  ],
];

test('MATH.md section 7: Gram-Schmidt singular values, κ_GS and ρ_GS', () => {
  for (const [label, a, sv, kappa, rho] of TABLE) {
    const degenerate = gramSchmidtSpectrum(out, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    assert.equal(degenerate, false, label);
    for (let k = 0; k < 3; k++) close(out[k]!, sv[k]!, 1e-6, `${label} sv${k + 1}`);
    close(out[GS_KAPPA]!, kappa, 1e-6, `${label} κ_GS`);
    close(out[GS_RHO]!, rho, 1e-6, `${label} ρ_GS`);
  }
});

test('the finite-difference 9x6 Jacobian has rank 3, the closed-form singular values, and block ranks 2 and 1', () => {
  const random = seededRandom(21);
  const inputs = [
    ...TABLE.map(([, a]) => a),
    ...Array.from({ length: 4 }, () => Array.from({ length: 6 }, () => random() * 4 - 2)),
  ];
  for (const a of inputs) {
    gramSchmidtSpectrum(out, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    const jacobian = finiteDifferenceJacobian(gsRotation, a, 1e-6);
    const sv = singularValues(jacobian);
    for (let k = 0; k < 3; k++) close(sv[k]!, out[k]!, 1e-6, `a=${a.map((x) => x.toFixed(3))} sv${k + 1}`);
    for (let k = 3; k < 6; k++) assert.ok(sv[k]! < 1e-4, `sv${k + 1} = ${sv[k]} should vanish`);
    // Blocks: J_a1 = the first three columns, J_a2 the last three.
    const blockA1 = jacobian.map((row) => row.slice(0, 3));
    const blockA2 = jacobian.map((row) => row.slice(3, 6));
    const svA1 = singularValues(blockA1);
    const svA2 = singularValues(blockA2);
    const rank = (values: number[]): number => values.filter((x) => x > 1e-4 * values[0]!).length;
    assert.equal(rank(svA1), 2, 'J_a1 has rank 2');
    assert.equal(rank(svA2), 1, 'J_a2 has rank 1');
    const r1 = Math.hypot(a[0]!, a[1]!, a[2]!);
    const cos = (a[0]! * a[3]! + a[1]! * a[4]! + a[2]! * a[5]!) / (r1 * Math.hypot(a[3]!, a[4]!, a[5]!));
    const sin = Math.sqrt(1 - cos * cos);
    close(svA1[0]!, Math.SQRT2 / (r1 * sin), 1e-6, 'J_a1 largest = sqrt2/(r1 sin θ)');
    close(svA1[1]!, Math.SQRT2 / r1, 1e-6, 'J_a1 second = sqrt2/r1');
    const energy = (rows: number[][]): number => frobenius(rows.flat()) ** 2;
    close(energy(blockA1) / energy(blockA2), out[GS_RHO]!, 1e-6, 'ρ_GS = ||J_a1||^2 / ||J_a2||^2');
  }
});

test('R_gs is a rotation with b1 along a1; the rows layout is its transpose', () => {
  const a = [0.3, -1.2, 0.5, 2, 0.1, -0.7];
  const rotation = gsRotation(a);
  assert.ok(orthogonalityError(rotation) < 1e-15);
  assert.ok(Math.abs(det(rotation) - 1) < 1e-15);
  const r1 = Math.hypot(a[0]!, a[1]!, a[2]!);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(rotation[3 * i]! - a[i]! / r1) < 1e-15);
  transpose3InPlace(r);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(r[i]! - a[i]! / r1) < 1e-15, 'row 1 along a1');
});

test('degenerate inputs are flagged and never produce NaN in the spectrum', () => {
  const cases: Array<[string, number[]]> = [
    ['a1 = 0', [0, 0, 0, 1, 1, 0]],
    ['a2 = 0', [1, 2, 3, 0, 0, 0]],
    ['both zero', [0, 0, 0, 0, 0, 0]],
    ['collinear', [1, 2, 3, -2, -4, -6]],
    ['collinear, exactly representable', [1, 0, 0, 3, 0, 0]],
    ['collinear within rounding', [1, 2, 3, 1, 2, 3 + 1e-15]],
  ];
  for (const [label, a] of cases) {
    assert.equal(
      gramSchmidtSpectrum(out, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!),
      true,
      `${label}: flagged`,
    );
    for (let k = 0; k < 5; k++) assert.ok(!Number.isNaN(out[k]!), `${label}: field ${k} is ${out[k]}`);
    // Where a formula divides by zero the value is Infinity; within the collinearity tolerance it is huge.
    assert.ok(out[GS_KAPPA]! > 1e7, `${label}: κ_GS = ${out[GS_KAPPA]}`);
  }
  gramSchmidtSpectrum(out, 1, 0, 0, 3, 0, 0);
  assert.equal(out[GS_KAPPA], Infinity, 'exactly collinear: σ+ = sqrt((A+S)/P) divides by P = 0');
  assert.equal(out[GS_RHO], 9, 'ρ_GS stays finite: (2 r2^2 + c^2)/r1^2 = c^2/r1^2');
  gramSchmidtSpectrum(out, 0, 0, 0, 1, 0, 0);
  assert.equal(out[GS_RHO], Infinity, 'a1 = 0: ρ_GS divides by r1^2 = 0');
  // R is undefined (NaN) only when a1 = 0 or a1 x a2 = 0 exactly; nearly collinear input still gives a rotation.
  assert.equal(gramSchmidtColumns(r, 0, 0, 0, 1, 0, 0), false);
  assert.ok(Number.isNaN(r[0]!));
  assert.equal(gramSchmidtColumns(r, 1, 2, 3, 1, 2, 3 + 1e-12), true);
  assert.ok(orthogonalityError(r) < 1e-15);
  // Slightly off collinear (sin θ ~ 1e-6) is not degenerate: κ_GS is large but finite.
  assert.equal(gramSchmidtSpectrum(out, 1, 0, 0, 1, 1e-6, 0), false);
  assert.ok(out[GS_KAPPA]! > 1e5 && Number.isFinite(out[GS_KAPPA]!));
});
