import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readNpyHeader, type NpyHeader, type NpyHeaderError } from '../../../src/parsers/npy';
import { parsePyLiteral } from '../../../src/parsers/npyLiteral';
import { float16Table, halfBitsToNumber } from '../../../src/parsers/float16';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/${name}`));

/** A v1 .npy header around `dict` (padded like NumPy's), followed by `dataBytes` zero bytes. */
function npyWithHeader(dict: string, dataBytes = 0, version = 1): Uint8Array {
  const lengthBytes = version === 1 ? 2 : 4;
  const unpadded = 8 + lengthBytes + dict.length + 1;
  const padded = Math.ceil(unpadded / 64) * 64;
  const text = dict + ' '.repeat(padded - unpadded) + '\n';
  const bytes = new Uint8Array(padded + dataBytes);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(bytes.buffer);
  if (version === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  for (let i = 0; i < text.length; i++) bytes[8 + lengthBytes + i] = text.charCodeAt(i);
  return bytes;
}

function header(bytes: Uint8Array): NpyHeader {
  const result = readNpyHeader(bytes);
  if ('error' in result) assert.fail(result.error);
  return result;
}

function headerError(bytes: Uint8Array): NpyHeaderError {
  const result = readNpyHeader(bytes);
  if (!('error' in result)) assert.fail(`expected an error, got ${JSON.stringify(result)}`);
  return result;
}

test('readNpyHeader reads the shared fixtures: layout, steps, batch, data offset', () => {
  const f32 = header(fixture('pred_9d_f32.npy'));
  assert.deepEqual(
    {
      major: f32.major,
      descr: f32.descr,
      dtype: f32.dtype,
      littleEndian: f32.littleEndian,
      itemSize: f32.itemSize,
      shape: f32.shape,
      layout: f32.layout,
      width: f32.width,
      representation: f32.representation,
      steps: f32.steps,
      batch: f32.batch,
      matrices: f32.matrices,
      matrixBytes: f32.matrixBytes,
      dataOffset: f32.dataOffset,
      headerLength: f32.headerLength,
      dataBytes: f32.dataBytes,
      fortranOrder: f32.fortranOrder,
    },
    {
      major: 1,
      descr: '<f4',
      dtype: 'f4',
      littleEndian: true,
      itemSize: 4,
      shape: [24, 8, 3, 3],
      layout: '3x3',
      width: 9,
      representation: '9d',
      steps: 24,
      batch: 8,
      matrices: 192,
      matrixBytes: 36,
      dataOffset: 128,
      headerLength: 118,
      dataBytes: 6912,
      fortranOrder: false,
    },
  );
  const flat = header(fixture('pred_9d_f64_flat.npy'));
  assert.equal(flat.layout, '9');
  assert.equal(flat.steps, 192);
  assert.equal(flat.batch, 1);
  assert.equal(header(fixture('pred_9d_fortran.npy')).fortranOrder, true);
  const big = header(fixture('pred_9d_bigendian.npy'));
  assert.equal(big.littleEndian, false);
  assert.equal(big.dtype, 'f8');
  const six = header(fixture('pred_6d.npy'));
  assert.equal(six.representation, '6d');
  assert.equal(six.width, 6);
  assert.equal(six.matrixBytes, 24);
});

test('readNpyHeader reads version 2 and 3 headers (u32 header length)', () => {
  for (const [name, major] of [
    ['npy/pred_v2.npy', 2],
    ['npy/pred_v3.npy', 3],
  ] as const) {
    const h = header(fixture(name));
    assert.equal(h.major, major);
    assert.equal(h.dataOffset, 12 + h.headerLength);
    assert.deepEqual(h.shape, [24, 8, 3, 3]);
  }
});

test('a v3 header is decoded as UTF-8', () => {
  const dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 3), 'note': 'é', }";
  const utf8 = new TextEncoder().encode(dict);
  const bytes = npyWithHeader('x'.repeat(utf8.length), 72, 3);
  bytes.set(utf8, 12);
  const h = header(bytes);
  assert.equal(h.major, 3);
  assert.equal(h.matrices, 1);
});

test('leading axes: none = one matrix, more than two are flattened into the batch', () => {
  const single = header(fixture('npy/single.npy'));
  assert.deepEqual([single.steps, single.batch, single.matrices], [1, 1, 1]);
  const five = header(fixture('npy/pred_5d.npy'));
  assert.deepEqual([five.steps, five.batch, five.matrices], [4, 48, 192]);
  const empty = header(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3, 3), }"));
  assert.equal(empty.matrices, 0);
});

test('every supported layout of the trailing axes', () => {
  const cases: Array<[string, string, number]> = [
    ['(5, 3, 3)', '3x3', 9],
    ['(5, 9)', '9', 9],
    ['(9,)', '9', 9],
    ['(5, 6)', '6', 6],
    ['(5, 2, 3)', '2x3', 6],
    ['(5, 3, 2)', '3x2', 6],
    ['(5, 6, 9)', '9', 9],
    ['(2L, 3L, 3L)', '3x3', 9],
  ];
  for (const [shape, layout, width] of cases) {
    const h = header(npyWithHeader(`{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`));
    assert.equal(h.layout, layout, shape);
    assert.equal(h.width, width, shape);
  }
});

test('byte orders: < and > as written by NumPy; | and = read as little-endian', () => {
  for (const [descr, little] of [
    ['<f2', true],
    ['>f2', false],
    ['>f4', false],
    ['|f8', true],
    ['=f4', true],
    ['f8', true],
  ] as const) {
    const h = header(npyWithHeader(`{'descr': '${descr}', 'fortran_order': False, 'shape': (3, 3), }`));
    assert.equal(h.littleEndian, little, descr);
  }
});

test('unsupported dtypes are rejected with a message naming them', () => {
  const object = headerError(npyWithHeader("{'descr': '|O', 'fortran_order': False, 'shape': (3, 3), }"));
  assert.match(object.error, /object arrays.*'\|O'.*float32/);
  const int = headerError(npyWithHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (3, 3), }"));
  assert.match(int.error, /unsupported dtype '<i8': expected a float array, one of '<f2'/);
  const complex = headerError(npyWithHeader("{'descr': '<c16', 'fortran_order': False, 'shape': (3, 3), }"));
  assert.match(complex.error, /unsupported dtype '<c16'/);
  const structured = headerError(
    npyWithHeader("{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (3,), }"),
  );
  assert.match(structured.error, /structured dtype/);
});

test('a shape without matrix axes is rejected, listing the accepted ones', () => {
  const error = headerError(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (10, 4), }"));
  assert.match(error.error, /shape \(10, 4\) holds no matrices: expected trailing axes \(\.\.\., 3, 3\)/);
  assert.match(
    headerError(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (), }")).error,
    /shape \(\)/,
  );
});

test('a forced representation must agree with the shape', () => {
  const bytes = npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 6), }");
  const result = readNpyHeader(bytes, '9d');
  assert.ok('error' in result);
  assert.match(result.error, /representation 9d was asked for, but shape \(5, 6\) holds 6D matrices/);
  assert.equal((readNpyHeader(bytes, '6d') as NpyHeader).representation, '6d');
});

test('bad magic, version and length fields give the byte offset and what was found', () => {
  const bad = fixture('pred_9d_f32.npy').slice();
  bad[1] = 0x41;
  const magic = headerError(bad);
  assert.match(magic.error, /not a .npy file: expected the magic .* found 93 41 55 4d 50 59/);
  assert.equal(magic.needed, undefined);

  const version = fixture('pred_9d_f32.npy').slice();
  version[6] = 4;
  assert.match(headerError(version).error, /unsupported .npy format version 4\.0 at byte offset 6/);
  assert.equal(headerError(version).offset, 6);

  const huge = npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 3), }", 0, 2);
  new DataView(huge.buffer).setUint32(8, 0x7fffffff, true);
  assert.match(headerError(huge).error, /more than 1 MiB/);
});

test('a header cut short says how many bytes are needed', () => {
  const bytes = fixture('pred_9d_f32.npy');
  assert.deepEqual(headerError(bytes.subarray(0, 0)).needed, 6);
  assert.deepEqual(headerError(bytes.subarray(0, 9)).needed, 10);
  const cut = headerError(bytes.subarray(0, 50));
  assert.equal(cut.needed, 128);
  assert.match(cut.error, /expected 118 header bytes from byte offset 10, found 40/);
  assert.equal(header(bytes.subarray(0, 128)).matrices, 192);
});

test('a corrupt header dict is an error with the byte offset of the fault', () => {
  const missing = headerError(npyWithHeader("{'descr': '<f4', 'shape': (3, 3), }"));
  assert.match(missing.error, /'fortran_order' key is missing/);
  const syntax = headerError(npyWithHeader("{'descr': '<f4' 'fortran_order': False, 'shape': (3, 3), }"));
  assert.match(syntax.error, /corrupt .npy header: expected ',' or '}' at character 16/);
  assert.equal(syntax.offset, 10 + 16);
  const negative = headerError(
    npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 3, 3), }"),
  );
  assert.match(negative.error, /'shape' key is missing or not a tuple of non-negative integers/);
  const overflow = headerError(
    npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999, 3, 3), }"),
  );
  assert.match(overflow.error, /more elements than can be addressed/);
  const notDict = headerError(npyWithHeader('(1, 2)'));
  assert.match(notDict.error, /expected a dict/);
});

test('the Python literal reader: the subset NumPy writes, and bounded nesting', () => {
  assert.deepEqual(parsePyLiteral("{'a': (1,), \"b\": [True, None], 'c': 'x\\'y', 'd': -3L, }"), {
    value: { a: [1], b: [true, null], c: "x'y", d: -3 },
  });
  assert.deepEqual(parsePyLiteral('()'), { value: [] });
  const deep = parsePyLiteral('('.repeat(100_000));
  assert.ok('error' in deep);
  assert.match(deep.error, /at most 32 nested brackets/);
  assert.ok('error' in parsePyLiteral("{'a': 1} extra"));
  assert.ok('error' in parsePyLiteral("{'a': 'unterminated}"));
  assert.ok('error' in parsePyLiteral('{1: 2}'));
  assert.ok('error' in parsePyLiteral('1.5'));
});

test('float16: reference values and the table agree with the bit math everywhere', () => {
  assert.equal(halfBitsToNumber(0x3c00), 1);
  assert.equal(halfBitsToNumber(0xc000), -2);
  assert.equal(halfBitsToNumber(0x7bff), 65504);
  assert.equal(halfBitsToNumber(0x0001), 2 ** -24);
  assert.equal(halfBitsToNumber(0x0400), 2 ** -14);
  assert.equal(halfBitsToNumber(0x3555), 0.333251953125);
  assert.equal(halfBitsToNumber(0x7c00), Infinity);
  assert.equal(halfBitsToNumber(0xfc00), -Infinity);
  assert.ok(Number.isNaN(halfBitsToNumber(0x7e00)));
  assert.ok(Object.is(halfBitsToNumber(0x8000), -0));
  const table = float16Table();
  for (let bits = 0; bits < 65536; bits++) {
    const expected = halfBitsToNumber(bits);
    if (!Object.is(table[bits], expected))
      assert.fail(`bits ${bits.toString(16)}: ${table[bits]} != ${expected}`);
  }
});
