import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { analyzeBatch } from '../../../src/core/batch';
import {
  createBatchMetrics,
  DEFAULT_OPTIONS,
  FLAG_DET_NEGATIVE,
  FLAG_GS_DEGENERATE,
  FLAG_KAPPA_HIGH,
  FLAG_NEAR_SINGULAR,
  FLAG_NON_FINITE,
  METRIC_FIELDS,
  type BatchMetrics,
} from '../../../src/core/metrics';
import { compose, randomRotation, seededRandom } from './helpers';

const SVD_ONLY = [
  's1',
  's2',
  's3',
  's3Rel',
  'det',
  'sigma3',
  'kappa',
  'gain12',
  'gain13',
  'gain23',
  'distSO3',
  'orthDefect',
  'svdGsAngleDeg',
  'taylorPhiMaxDeg',
  'clampPhiMaxDeg',
] as const;

function same(a: number, b: number): boolean {
  return Object.is(a, b) || a === b;
}

function assertSlotsEqual(a: BatchMetrics, i: number, b: BatchMetrics, j: number, label: string): void {
  for (const field of METRIC_FIELDS)
    assert.ok(same(a[field][i]!, b[field][j]!), `${label}: ${field} ${a[field][i]} vs ${b[field][j]}`);
  assert.equal(a.flags[i], b.flags[j], `${label}: flags`);
}

function randomMatrices(count: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: 9 }, () => random() * 2 - 1));
}

test('analyzeBatch with offset and stride equals one call per matrix, on Float64Array and Float32Array', () => {
  const matrices = randomMatrices(40, 1);
  matrices[5] = [1, 0, 0, 0, NaN, 0, 0, 0, 1];
  matrices[6] = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const Array_ of [Float64Array, Float32Array]) {
    const stride = 13;
    const offset = 3;
    const input = new Array_(offset + stride * matrices.length).fill(777);
    matrices.forEach((m, k) => input.set(m, offset + k * stride));
    const batch = analyzeBatch(
      input,
      offset,
      stride,
      matrices.length,
      '9d',
      DEFAULT_OPTIONS,
      createBatchMetrics(50),
      7,
    );
    const single = createBatchMetrics(1);
    matrices.forEach((_, k) => {
      analyzeBatch(
        Array_.from(input.subarray(offset + k * stride, offset + k * stride + 9)),
        0,
        9,
        1,
        '9d',
        DEFAULT_OPTIONS,
        single,
      );
      assertSlotsEqual(batch, 7 + k, single, 0, `${Array_.name} matrix ${k}`);
    });
  }
});

test('a non-finite matrix has every metric NaN and only the non-finite flag', () => {
  const out = createBatchMetrics(3);
  analyzeBatch(
    new Float64Array([
      1,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      Infinity,
      NaN,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      1,
      1,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      1,
    ]),
    0,
    9,
    3,
    '9d',
    DEFAULT_OPTIONS,
    out,
  );
  for (const k of [0, 1]) {
    for (const field of METRIC_FIELDS) assert.ok(Number.isNaN(out[field][k]!), `${field}`);
    assert.equal(out.flags[k], FLAG_NON_FINITE);
  }
  assert.equal(out.flags[2], 0);
  assert.equal(out.kappa[2], 1);
  assert.equal(out.svdGsAngleDeg[2], 0);
});

test('flags: near-singular, det-negative, kappa-high, gs-degenerate', () => {
  const out = createBatchMetrics(4);
  const input = new Float64Array([
    ...[1, 0, 0, 0, 0.8, 0, 0, 0, 1e-9], // near-singular
    ...[1, 0, 0, 0, 0.5, 0, 0, 0, -0.49], // det < 0, κ = 150
    ...[0.5, -1, 2, 1, -2, 4, 1.5, -3, 6], // rank one: all of them but det-negative
    ...[2, 0, 0, 0, 2, 0, 0, 0, 2], // 2I: no flag, gains 1/2
  ]);
  analyzeBatch(input, 0, 9, 4, '9d', DEFAULT_OPTIONS, out);
  assert.equal(out.flags[0], FLAG_NEAR_SINGULAR);
  assert.equal(out.flags[1], FLAG_DET_NEGATIVE | FLAG_KAPPA_HIGH);
  assert.ok(Math.abs(out.kappa[1]! - 150) < 1e-9);
  assert.equal(out.flags[2], FLAG_NEAR_SINGULAR | FLAG_KAPPA_HIGH | FLAG_GS_DEGENERATE);
  // s2 of a rank-one matrix is rounding noise (~1e-16 s1, as in NumPy); det is exactly 0, so s3 = 0.
  assert.ok(out.kappa[2]! > 1e15);
  assert.equal(out.s3Rel[2], 0);
  assert.equal(out.det[2], 0);
  assert.equal(out.flags[3], 0);
  assert.equal(out.gain23[3], 0.5);
  // Thresholds come from the options.
  analyzeBatch(input, 27, 9, 1, '9d', { ...DEFAULT_OPTIONS, nearSingular: 1.5, kappa: 0.5 }, out);
  assert.equal(out.flags[0], FLAG_NEAR_SINGULAR | FLAG_KAPPA_HIGH);
});

test('6D: the SVD-only fields are NaN, the GS fields match the 9D matrix with the same first columns', () => {
  const random = seededRandom(4);
  const m9 = compose(randomRotation(random), [1.5, 0.9, 0.4], randomRotation(random));
  const a = [m9[0]!, m9[3]!, m9[6]!, m9[1]!, m9[4]!, m9[7]!];
  const out6 = createBatchMetrics(1);
  const out9 = createBatchMetrics(1);
  analyzeBatch(new Float32Array(a), 0, 6, 1, '6d', DEFAULT_OPTIONS, out6);
  analyzeBatch(new Float32Array(m9), 0, 9, 1, '9d', DEFAULT_OPTIONS, out9);
  for (const field of SVD_ONLY) assert.ok(Number.isNaN(out6[field][0]!), field);
  for (const field of ['gsSv1', 'gsSv2', 'gsSv3', 'gsKappa', 'gsRho'] as const) {
    assert.ok(Math.abs(out6[field][0]! - out9[field][0]!) < 1e-12, field);
  }
  // The layout option (rows) does not change the spectrum.
  const rows = createBatchMetrics(1);
  analyzeBatch(new Float32Array(a), 0, 6, 1, '6d', { ...DEFAULT_OPTIONS, sixD: 'rows' }, rows);
  assert.equal(rows.gsRho[0], out6.gsRho[0]);
  // κ_GS > 10 is kappa-high for 6D; collinear is gs-degenerate.
  analyzeBatch(
    new Float64Array([1, 0, 0, 1, 0.01, 0, 1, 0, 0, 2, 0, 0]),
    0,
    6,
    2,
    '6d',
    DEFAULT_OPTIONS,
    createBatchMetrics(2),
  );
  const two = createBatchMetrics(2);
  analyzeBatch(
    new Float64Array([1, 0, 0, 1, 0.01, 0, 1, 0, 0, 2, 0, 0]),
    0,
    6,
    2,
    '6d',
    DEFAULT_OPTIONS,
    two,
  );
  assert.equal(two.flags[0], FLAG_KAPPA_HIGH);
  assert.equal(two.flags[1], FLAG_KAPPA_HIGH | FLAG_GS_DEGENERATE);
});

test('analyzeBatch rejects ranges that do not fit', () => {
  assert.throws(
    () => analyzeBatch(new Float64Array(17), 0, 9, 2, '9d', DEFAULT_OPTIONS, createBatchMetrics(2)),
    RangeError,
  );
  assert.throws(
    () => analyzeBatch(new Float64Array(18), 0, 9, 2, '9d', DEFAULT_OPTIONS, createBatchMetrics(1)),
    RangeError,
  );
});

/** Minimal .npy reader for the fixture: version 1/2 header, little-endian float64, C order. */
function readNpyFloat64(path: string): { shape: number[]; data: Float64Array } {
  const bytes = readFileSync(path);
  const major = bytes[6]!;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = bytes.subarray(start, start + headerLength).toString('latin1');
  assert.match(header, /'descr': '<f8'/);
  assert.match(header, /'fortran_order': False/);
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]!
    .split(',')
    .filter((x) => x.trim())
    .map(Number);
  const dataStart = start + headerLength;
  const copy = bytes.buffer.slice(bytes.byteOffset + dataStart, bytes.byteOffset + bytes.length);
  return { shape, data: new Float64Array(copy) };
}

test('the 9D fixture run matches NumPy (singular values, det, κ) to 1e-9', () => {
  const { shape, data } = readNpyFloat64('test/fixtures/pred_9d_f64_flat.npy');
  assert.deepEqual(shape, [192, 9]);
  const expected = JSON.parse(readFileSync('test/fixtures/expected.json', 'utf8')) as {
    pred_9d: { per_matrix: Array<Array<{ s: number[]; det: number; kappa: number | null }>> };
  };
  const flat = expected.pred_9d.per_matrix.flat();
  assert.equal(flat.length, 192);
  const out = analyzeBatch(data, 0, 9, 192, '9d', DEFAULT_OPTIONS, createBatchMetrics(192));
  flat.forEach((numpy, k) => {
    const s1 = numpy.s[0]!;
    // Relative to s1: NumPy's s2, s3 of the planted rank-one matrix are rounding noise (~1e-16).
    const got = [out.s1[k]!, out.s2[k]!, out.s3[k]!];
    for (let i = 0; i < 3; i++) {
      const tolerance = numpy.s[i]! > 1e-6 * s1 ? 1e-9 * numpy.s[i]! : 1e-15 * s1;
      assert.ok(
        Math.abs(got[i]! - numpy.s[i]!) <= tolerance,
        `matrix ${k} s${i + 1}: ${got[i]} vs ${numpy.s[i]}`,
      );
    }
    assert.ok(
      Math.abs(out.det[k]! - numpy.det) <= 1e-9 * Math.abs(numpy.det) + 1e-15 * s1 ** 3,
      `matrix ${k} det`,
    );
    if (numpy.kappa === null || numpy.s[1]! < 1e-6 * s1) {
      assert.ok(out.kappa[k]! > 1e12, `matrix ${k}: κ ${out.kappa[k]} (NumPy ${numpy.kappa})`);
    } else {
      assert.ok(
        Math.abs(out.kappa[k]! - numpy.kappa) <= 1e-9 * numpy.kappa,
        `matrix ${k} κ: ${out.kappa[k]} vs ${numpy.kappa}`,
      );
    }
  });
});

test('the 6D fixture matches the ρ_GS NumPy computed', () => {
  const bytes = readFileSync('test/fixtures/pred_6d.npy');
  const headerLength = bytes.readUInt16LE(8);
  assert.match(bytes.subarray(10, 10 + headerLength).toString('latin1'), /'descr': '<f4'/);
  const data = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length),
  );
  const expected = JSON.parse(readFileSync('test/fixtures/expected.json', 'utf8')) as {
    pred_6d: { per_matrix_rho: number[][] };
  };
  const rho = expected.pred_6d.per_matrix_rho.flat();
  const out = analyzeBatch(data, 0, 6, 192, '6d', DEFAULT_OPTIONS, createBatchMetrics(192));
  rho.forEach((value, k) =>
    assert.ok(
      Math.abs(out.gsRho[k]! - value) <= 1e-9 * value,
      `prediction ${k}: ${out.gsRho[k]} vs ${value}`,
    ),
  );
});

test('property: finite matrices of scales 1e-12..1e12 give κ >= 1, ordered gains and no NaN', () => {
  const out = createBatchMetrics(1);
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
      fc.integer({ min: -12, max: 12 }),
      (values, exponent) => {
        analyzeBatch(
          new Float64Array(values.map((x) => x * 10 ** exponent)),
          0,
          9,
          1,
          '9d',
          DEFAULT_OPTIONS,
          out,
        );
        assert.ok(out.kappa[0]! >= 1, `κ = ${out.kappa[0]}`);
        assert.ok(out.gain12[0]! <= out.gain13[0]! && out.gain13[0]! <= out.gain23[0]!, 'gains ordered');
        assert.ok(out.s1[0]! >= out.s2[0]! && out.s2[0]! >= out.s3[0]! && out.s3[0]! >= 0);
        assert.ok(out.gsSv1[0]! >= out.gsSv2[0]! && out.gsSv2[0]! >= out.gsSv3[0]!);
        assert.ok(out.gsKappa[0]! >= 1);
        for (const field of METRIC_FIELDS) {
          if (field === 'svdGsAngleDeg' && out.flags[0]! & FLAG_GS_DEGENERATE) continue;
          assert.ok(!Number.isNaN(out[field][0]!), `${field} is NaN for ${values} x 1e${exponent}`);
        }
        assert.equal(out.flags[0]! & FLAG_NON_FINITE, 0);
      },
    ),
    { numRuns: 3000, seed: 7 },
  );
});
