import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectRecord, type InspectRecord6D, type InspectRecord9D } from '../../../src/core/record';
import { det, orthogonalityError } from './helpers';

const FIELDS_9D = [
  'representation',
  'm',
  's',
  'det',
  'sigma3Signed',
  'kappa',
  'gains',
  'distSO3',
  'orthDefect',
  'R',
  'gs',
  'svdGsAngleDeg',
  'stabilized',
  'flags',
];
const FIELDS_6D = ['representation', 'a1', 'a2', 'R', 'gs', 'flags'];

function as9(record: ReturnType<typeof inspectRecord>): InspectRecord9D {
  assert.equal(record.representation, '9d');
  return record as InspectRecord9D;
}

function as6(record: ReturnType<typeof inspectRecord>): InspectRecord6D {
  assert.equal(record.representation, '6d');
  return record as InspectRecord6D;
}

test('a 9D record has exactly the documented fields and survives JSON unchanged', () => {
  const record = as9(inspectRecord([1, 0, 0, 0, 0.5, 0, 0, 0, -0.49], '9d'));
  assert.deepEqual(Object.keys(record).sort(), [...FIELDS_9D].sort());
  assert.deepEqual(Object.keys(record.gs).sort(), ['blockRanks', 'kappa', 'rho', 'sv']);
  assert.deepEqual(Object.keys(record.stabilized).sort(), [
    'clampEps',
    'clampPhiMaxDeg',
    'taylorK',
    'taylorPhiMaxDeg',
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(record)), record);
  assert.deepEqual(record.s, [1, 0.5, 0.49]);
  assert.equal(record.det, -0.245);
  assert.equal(record.sigma3Signed, -0.49);
  assert.ok(Math.abs(record.kappa! - 150) < 1e-9);
  assert.ok(Math.abs(record.gains[2]! - 200) < 1e-9);
  assert.ok(Math.abs(record.distSO3! - 1.571655) < 1e-6);
  assert.deepEqual(record.R, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(record.gs.blockRanks, [2, 1]);
  assert.equal(record.svdGsAngleDeg, 0);
  assert.equal(record.stabilized.taylorK, 9);
  assert.equal(record.stabilized.clampEps, 1e-2);
  assert.deepEqual(record.flags, ['det-negative', 'kappa-high']);
});

test('a 9D record: R is the SVD rotation; options change thresholds and stabilizers', () => {
  const m = [0.9, -0.3, 0.2, 0.4, 1.1, -0.1, -0.2, 0.3, 0.8];
  const record = as9(inspectRecord(m, '9d', { taylorK: 4, clampEps: 0.5, kappa: 1.0001 }));
  const r = record.R.map((x) => x!);
  assert.ok(orthogonalityError(r) < 1e-14 && Math.abs(det(r) - 1) < 1e-14);
  assert.equal(record.stabilized.taylorK, 4);
  assert.equal(record.stabilized.clampEps, 0.5);
  assert.ok(record.flags.includes('kappa-high'));
  assert.ok(record.svdGsAngleDeg! > 0 && record.svdGsAngleDeg! < 90);
});

test('infinite κ and gains become null; the flags say why', () => {
  const record = as9(inspectRecord([0, 0, 0, 0, 0, 0, 0, 0, 0], '9d'));
  assert.equal(record.kappa, null);
  assert.deepEqual(record.gains, [null, null, null]);
  assert.deepEqual(record.s, [0, 0, 0]);
  assert.deepEqual(record.flags, ['near-singular', 'kappa-high', 'gs-degenerate']);
});

test('a non-finite 9D input keeps m, nulls every other number, and is flagged non-finite only', () => {
  const record = as9(inspectRecord([1, 0, 0, 0, NaN, 0, 0, 0, Infinity], '9d'));
  assert.deepEqual(record.m, [1, 0, 0, 0, null, 0, 0, 0, null]);
  assert.deepEqual(record.flags, ['non-finite']);
  const numbers: unknown[] = [];
  const collect = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(collect);
    else if (x !== null && typeof x === 'object') Object.values(x).forEach(collect);
    else numbers.push(x);
  };
  const { m: _m, flags: _flags, representation: _r, ...rest } = record;
  collect(rest);
  assert.ok(numbers.length > 20);
  assert.ok(
    numbers.every((x) => x === null),
    'every other number is null',
  );
});

test('a 6D record has exactly its fields; R is the Gram-Schmidt rotation in either layout', () => {
  const columns = as6(inspectRecord([2, 0, 0, 1, 1, 0], '6d'));
  assert.deepEqual(Object.keys(columns).sort(), [...FIELDS_6D].sort());
  assert.deepEqual(columns.a1, [2, 0, 0]);
  assert.deepEqual(columns.a2, [1, 1, 0]);
  assert.deepEqual(columns.R, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.ok(Math.abs(columns.gs.kappa! - 2.618034) < 1e-6);
  assert.equal(columns.gs.rho, 0.75);
  assert.deepEqual(columns.flags, []);
  const a = [0.3, -1.2, 0.5, 2, 0.1, -0.7];
  const c = as6(inspectRecord(a, '6d')).R.map((x) => x!);
  const r = as6(inspectRecord(a, '6d', { sixD: 'rows' })).R.map((x) => x!);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.equal(r[3 * i + j], c[3 * j + i]);
  const n = Math.hypot(0.3, -1.2, 0.5);
  assert.ok(
    Math.abs(r[0]! - 0.3 / n) < 1e-15 && Math.abs(r[1]! + 1.2 / n) < 1e-15,
    'rows: a1 is the first row',
  );
});

test('degenerate and non-finite 6D inputs', () => {
  const degenerate = as6(inspectRecord([0, 0, 0, 1, 1, 0], '6d'));
  assert.deepEqual(degenerate.R, Array(9).fill(null));
  assert.ok(degenerate.flags.includes('gs-degenerate'));
  assert.equal(degenerate.gs.kappa, null);
  const bad = as6(inspectRecord([1, 0, NaN, 0, 1, 0], '6d'));
  assert.deepEqual(bad.a1, [1, 0, null]);
  assert.deepEqual(bad.flags, ['non-finite']);
  assert.deepEqual(bad.gs, { sv: [null, null, null], kappa: null, rho: null, blockRanks: [null, null] });
  assert.throws(() => inspectRecord([1, 2, 3], '6d'), RangeError);
});
