// The demo's files are what Python would write: json.dumps text and np.save bytes (reference strings
// below were printed by Python 3 / NumPy 2.4), and the seeded streams are reproducible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNpyHeader } from '../../../src/parsers/npy';
import {
  npyFloat32,
  npyHeader,
  PythonInt,
  pythonFloat,
  pythonJson,
  Random,
  randomRotation,
} from '../../../src/demo';

test('pythonFloat writes repr(float): json.dumps of the same list gives the same text', () => {
  const values = [
    0.1, 1.0, -2.5, 1e-5, 0.0001, 0.00012345, 1e16, 1.2345e16, 9999999999999998.0, 1.2345678901234568e17,
    1e-7, 5e-324, 1.7976931348623157e308, -0, 0, 3, 100, 1e22, 2.5e-10, 0.30000000000000004, -1.5e-5,
    1234.5678,
  ];
  // python3 -c "import json; print(json.dumps([...]))"
  const python =
    '[0.1, 1.0, -2.5, 1e-05, 0.0001, 0.00012345, 1e+16, 1.2345e+16, 9999999999999998.0, ' +
    '1.2345678901234568e+17, 1e-07, 5e-324, 1.7976931348623157e+308, -0.0, 0.0, 3.0, 100.0, 1e+22, 2.5e-10, ' +
    '0.30000000000000004, -1.5e-05, 1234.5678]';
  assert.equal(pythonJson(values), python);
  assert.equal(pythonFloat(NaN), 'NaN');
  assert.equal(pythonFloat(-Infinity), '-Infinity');
});

test('pythonJson: separators, key order and ints as json.dumps writes them', () => {
  const text = pythonJson({ step: new PythonInt(3), loss: 0.5, pred: [[1, -2e-6]] });
  assert.equal(text, '{"step": 3, "loss": 0.5, "pred": [[1.0, -2e-06]]}');
  assert.deepEqual(JSON.parse(text), { step: 3, loss: 0.5, pred: [[1, -2e-6]] });
});

test("npyHeader is np.save's version 1.0 header, spare spaces and 64-byte alignment included", () => {
  // np.save(b, np.zeros(shape, '<f4')); b.getvalue()[10:128].decode()
  const numpy: Array<[number[], string]> = [
    [[61, 16, 3, 3], "{'descr': '<f4', 'fortran_order': False, 'shape': (61, 16, 3, 3), }"],
    [[5, 16, 3, 3], "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 16, 3, 3), }"],
    [[2], "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"],
  ];
  for (const [shape, dict] of numpy) {
    const header = npyHeader(shape);
    assert.equal(header.length, 128);
    assert.deepEqual(Array.from(header.subarray(0, 10)), [0x93, 78, 85, 77, 80, 89, 1, 0, 118, 0]);
    const text = new TextDecoder().decode(header.subarray(10));
    assert.equal(text, dict.padEnd(117, ' ') + '\n');
  }
});

test('npyFloat32 reads back through the project npy parser with its values as float32', () => {
  const values = Array.from({ length: 18 }, (_, k) => (k - 5) / 7 + 1e-8 * k);
  const bytes = npyFloat32(values, [2, 3, 3]);
  const header = readNpyHeader(bytes);
  assert.ok(!('error' in header), JSON.stringify(header));
  assert.deepEqual(
    [header.steps, header.batch, header.width, header.itemSize, header.littleEndian],
    [2, 1, 9, 4, true],
  );
  assert.equal(bytes.length, 128 + 4 * 18);
  const data = new DataView(bytes.buffer, 128);
  assert.deepEqual(
    values.map((_, k) => data.getFloat32(4 * k, true)),
    Array.from(Float32Array.from(values)),
  );
  assert.throws(() => npyFloat32(values, [2, 2]), /do not fill/);
});

test('Random: one seed and stream give one sequence; other seeds and streams differ', () => {
  const draw = (seed: number, stream: number) => {
    const random = new Random(seed, stream);
    return Array.from({ length: 8 }, () => random.nextUint32());
  };
  assert.deepEqual(draw(1, 0), draw(1, 0));
  assert.notDeepEqual(draw(1, 0), draw(2, 0));
  assert.notDeepEqual(draw(1, 0), draw(1, 1));
});

test('Random: uniform in [0, 1) and normal with the right first two moments', () => {
  const random = new Random(42);
  const n = 20000;
  let sum = 0,
    squares = 0,
    min = 1,
    max = 0;
  for (let k = 0; k < n; k++) {
    const u = random.uniform();
    min = Math.min(min, u);
    max = Math.max(max, u);
    const z = random.normal();
    sum += z;
    squares += z * z;
  }
  assert.ok(min >= 0 && max < 1 && max - min > 0.99);
  // Five standard errors: a fixed seed makes this a regression check, not a flaky one.
  assert.ok(Math.abs(sum / n) < 5 / Math.sqrt(n), `mean ${sum / n}`);
  assert.ok(Math.abs(squares / n - 1) < 5 * Math.sqrt(2 / n), `variance ${squares / n}`);
});

test('randomRotation: orthonormal with determinant +1', () => {
  const random = new Random(3);
  const r = new Float64Array(9);
  for (let c = 0; c < 100; c++) {
    randomRotation(r, 0, random);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const dot = r[i]! * r[j]! + r[3 + i]! * r[3 + j]! + r[6 + i]! * r[6 + j]!;
        assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-14);
      }
    const det =
      r[0]! * (r[4]! * r[8]! - r[5]! * r[7]!) -
      r[1]! * (r[3]! * r[8]! - r[5]! * r[6]!) +
      r[2]! * (r[3]! * r[7]! - r[4]! * r[6]!);
    assert.ok(Math.abs(det - 1) < 1e-14);
  }
});
