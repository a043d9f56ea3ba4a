import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { createNpzParser, parseNpz, type NpzResult } from '../../../src/parsers/npz';
import { createNpyParser } from '../../../src/parsers/npy';
import { crc32 } from '../../../src/parsers/npzZip';
import type { MatrixBlock } from '../../../src/parsers/types';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/${name}`));

function npyBlock(name: string): MatrixBlock {
  const parser = createNpyParser();
  const block = parser.push(fixture(name)).block;
  assert.ok(block !== undefined);
  return block;
}

const run32 = npyBlock('pred_9d_f32.npy');
const run64 = npyBlock('pred_9d_f64_flat.npy');
const loggedSteps = Array.from({ length: 192 }, (_, i) => 100 * Math.floor(i / 8));
const ordinalSteps = Array.from({ length: 192 }, (_, i) => Math.floor(i / 8));

function block(result: NpzResult): MatrixBlock {
  assert.ok(result.block !== undefined, JSON.stringify(result.issues));
  return result.block;
}

test('run.npz (deflated): pred with its logged steps 0, 100, ..., 2300', () => {
  const result = parseNpz(fixture('run.npz'));
  assert.deepEqual(result.issues, []);
  assert.deepEqual(result.arrays, [
    { name: 'pred', dtype: '<f4', shape: [24, 8, 3, 3] },
    { name: 'step', dtype: '<i8', shape: [24] },
  ]);
  assert.equal(result.matrixArray, 'pred');
  assert.equal(result.stepArray, 'step');
  assert.equal(result.representation, '9d');
  assert.equal(result.stepSource, 'logged');
  const b = block(result);
  assert.equal(b.count, 192);
  assert.equal(b.width, 9);
  assert.deepEqual(b.values, run32.values);
  assert.deepEqual(Array.from(b.step), loggedSteps);
  assert.deepEqual(b.offset, run32.offset);
});

test('a stored (uncompressed) archive, named rotations with a float global_step', () => {
  const result = parseNpz(fixture('npy/run_stored.npz'));
  assert.deepEqual(result.issues, []);
  assert.deepEqual(
    result.arrays.map((a) => a.name),
    ['rotations', 'global_step', 'loss'],
  );
  assert.equal(result.matrixArray, 'rotations');
  assert.equal(result.stepArray, 'global_step');
  assert.deepEqual(block(result).values, run32.values);
  assert.deepEqual(Array.from(block(result).step), loggedSteps);
});

test('two arrays with matrix shapes and no telling name: one issue naming both and --key', () => {
  const bytes = fixture('npy/two_candidates.npz');
  const result = parseNpz(bytes);
  assert.equal(result.block, undefined);
  assert.deepEqual(result.issues, [
    {
      severity: 'error',
      message:
        '2 arrays of the .npz could hold the matrices: a (24, 8, 3, 3) <f8, b (24, 8, 9) <f8; choose one with --key NAME (e.g. --key a)',
      offset: 0,
    },
  ]);
  for (const key of ['a', 'b', 'b.npy']) {
    const picked = parseNpz(bytes, { key });
    assert.deepEqual(picked.issues, [], key);
    assert.equal(picked.matrixArray, key.replace('.npy', ''));
    assert.deepEqual(block(picked).values, run64.values, key);
    assert.deepEqual(Array.from(block(picked).step), loggedSteps, key);
  }
  const missing = parseNpz(bytes, { key: 'pred' });
  assert.match(
    missing.issues[0]?.message ?? '',
    /no array 'pred': it holds a \(24, 8, 3, 3\) <f8, b \(24, 8, 9\) <f8, step \(24,\) <i8/,
  );
  const notMatrices = parseNpz(bytes, { key: 'step' });
  assert.match(
    notMatrices.issues[0]?.message ?? '',
    /array 'step' holds no matrices: unsupported dtype '<i8'/,
  );
});

test('a step array of the wrong length: a warning and ordinal steps', () => {
  const result = parseNpz(fixture('npy/bad_steps.npz'));
  assert.equal(result.stepSource, 'ordinal');
  assert.equal(result.stepArray, undefined);
  assert.deepEqual(Array.from(block(result).step), ordinalSteps);
  assert.equal(result.issues.length, 1);
  assert.equal(result.issues[0]?.severity, 'warning');
  assert.match(
    result.issues[0]?.message ?? '',
    /step array 'step' \(10,\) has 10 values, but 'pred' \(24, 8, 3, 3\) has 24 steps/,
  );
});

test('positional names: the matrix array found by shape; the step array only with --step-key', () => {
  const bytes = fixture('npy/positional.npz');
  const result = parseNpz(bytes);
  assert.deepEqual(result.issues, []);
  assert.equal(result.matrixArray, 'arr_0');
  assert.equal(result.stepSource, 'ordinal');
  assert.deepEqual(Array.from(block(result).step), ordinalSteps);
  const stepped = parseNpz(bytes, { stepKey: 'arr_1' });
  assert.equal(stepped.stepSource, 'logged');
  assert.deepEqual(Array.from(block(stepped).step), loggedSteps);
  const wrong = parseNpz(bytes, { stepKey: 'nope' });
  assert.match(wrong.issues[0]?.message ?? '', /no step array 'nope'/);
  assert.equal(wrong.stepSource, 'ordinal');
});

test('members that are not .npy are ignored; zip64 local headers (NumPy writes them) are read', () => {
  const result = parseNpz(fixture('npy/with_readme.npz'));
  assert.deepEqual(result.issues, []);
  assert.deepEqual(result.arrays, [{ name: 'R', dtype: '<f4', shape: [24, 8, 3, 3] }]);
  assert.deepEqual(block(result).values, run32.values);
});

test('name priority and the 1-D rule: a 9-element loss vector is never taken for a matrix', () => {
  const npy = fixture('npy/single.npy');
  const flatHeader = (n: number): Uint8Array => {
    const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': (${n},), }`;
    const text = dict + ' '.repeat(128 - 10 - dict.length - 1) + '\n';
    const bytes = new Uint8Array(128 + 8 * n);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length, 0]);
    bytes.set(strToU8(text), 10);
    return bytes;
  };
  const archive = zipSync({ 'loss.npy': flatHeader(9), 'x.npy': npy, 'rot.npy': fixture('pred_6d.npy') });
  const byName = parseNpz(archive);
  assert.equal(byName.matrixArray, 'rot');
  assert.equal(byName.representation, '6d');
  const byShape = parseNpz(zipSync({ 'loss.npy': flatHeader(9), 'x.npy': npy }));
  assert.deepEqual(byShape.issues, []);
  assert.equal(byShape.matrixArray, 'x');
  const forced = parseNpz(archive, { representation: '9d' });
  assert.equal(forced.matrixArray, 'x');
  const none = parseNpz(zipSync({ 'loss.npy': flatHeader(9) }));
  assert.match(
    none.issues[0]?.message ?? '',
    /no array of the .npz holds matrices: .* found loss \(9,\) <f8/,
  );
  const empty = parseNpz(zipSync({ 'notes.txt': strToU8('hi') }));
  assert.deepEqual(empty.issues, [
    { severity: 'error', message: 'the .npz holds no .npy arrays', offset: 0 },
  ]);
});

test('not a zip, or a zip cut short: one clear issue, no block', () => {
  const notZip = parseNpz(fixture('pred_9d_f32.npy'));
  assert.equal(notZip.block, undefined);
  assert.equal(notZip.issues.length, 1);
  assert.match(notZip.issues[0]?.message ?? '', /not an .npz \(zip\) file/);
  const bytes = fixture('run.npz');
  const cut = parseNpz(bytes.subarray(0, bytes.length - 30));
  assert.deepEqual(cut.arrays, []);
  assert.equal(cut.issues.length, 1);
  assert.match(
    cut.issues[0]?.message ?? '',
    /end-of-central-directory record is missing \(the file is probably truncated\)/,
  );
});

test('corrupt deflate data in the matrix member: an issue naming the array, never a throw', () => {
  const original = fixture('run.npz');
  const garbled = original.slice();
  for (let i = 3000; i < 3100; i++) garbled[i] = (garbled[i] as number) ^ 0x5a;
  const result = parseNpz(garbled);
  assert.equal(result.issues.length, 1);
  assert.match(
    result.issues[0]?.message ?? '',
    /array 'pred' is corrupt: expected 7040 bytes with CRC-32 b103cf56, found/,
  );
  assert.equal(result.issues[0]?.offset, 0);
  const broken = original.slice();
  broken.fill(0xff, 2000, 2020);
  const invalid = parseNpz(broken);
  assert.deepEqual(
    invalid.issues.map((issue) => issue.severity),
    ['error'],
  );
  assert.match(
    invalid.issues[0]?.message ?? '',
    /array 'pred': corrupt compressed data \(invalid distance\); keeping the matrices before it/,
  );
  // The matrices decoded before the fault are kept, and equal the intact file's.
  const kept = invalid.block;
  assert.ok(kept !== undefined && kept.count > 0 && kept.count < 192);
  assert.deepEqual(kept.values, run32.values.subarray(0, 9 * kept.count));
});

test('the stream face buffers the pushes and parses at flush(true)', () => {
  const bytes = fixture('run.npz');
  const parser = createNpzParser();
  for (let at = 0; at < bytes.length; at += 1000)
    assert.equal(parser.push(bytes.subarray(at, at + 1000)).block, undefined);
  assert.equal(parser.flush(false).block, undefined);
  assert.equal(parser.representation, undefined);
  const flushed = parser.flush(true);
  assert.deepEqual(flushed.block, parseNpz(bytes).block);
  assert.equal(parser.stepSource, 'logged');
  assert.equal(parser.representation, '9d');
  assert.equal(parser.resume.offset, bytes.length);
});

test('truncation at any offset and random corruption never throw', () => {
  const stored = fixture('npy/run_stored.npz');
  for (let cut = 0; cut <= stored.length; cut += 13) {
    const result = parseNpz(stored.subarray(0, cut));
    assert.ok(result.issues.length >= (cut === stored.length ? 0 : 1), `cut at ${cut}`);
  }
  const deflated = fixture('run.npz');
  fc.assert(
    fc.property(
      fc.constantFrom(stored, deflated),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
      (original, edits) => {
        const bytes = original.slice();
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const result = parseNpz(bytes);
        assert.ok((result.block?.count ?? 0) <= 192);
      },
    ),
    { numRuns: 200, seed: 11 },
  );
});

test('crc32: the standard check value, and continuing over pieces of any size', () => {
  const digits = strToU8('123456789');
  assert.equal(crc32(0, digits), 0xcbf43926);
  assert.equal(crc32(0, new Uint8Array(0)), 0);
  const bytes = fixture('pred_9d_f32.npy');
  const whole = crc32(0, bytes);
  // Python's zlib.crc32 of the same file, as run.npz's directory records it for pred.npy.
  assert.equal(whole, 0xb103cf56);
  for (const size of [1, 3, 8, 13, 4096]) {
    let crc = 0;
    for (let at = 0; at < bytes.length; at += size) crc = crc32(crc, bytes.subarray(at, at + size));
    assert.equal(crc, whole, `pieces of ${size}`);
  }
});
