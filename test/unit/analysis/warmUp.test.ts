// The warm-up's synthetic logs are read as the real ones would be: if a parser stopped reading them,
// the warm-up would silently warm nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmUp } from '../../../src/analysis/warmUp';

test('warmUp reads every matrix of its synthetic .npy, JSONL and CSV logs', () => {
  const report = warmUp();
  const expected = { npy: 1024 * 32, jsonl: 1536 * 32, csv: 512 * 8 };
  for (const [format, total] of Object.entries(expected) as Array<[keyof typeof expected, number]>) {
    const read = report[format];
    assert.ok(read, format);
    assert.equal(read.matrices + read.invalid, total, `${format}: every matrix read`);
    // One matrix in 61 has a NaN entry: each is reported, and nothing else is.
    assert.ok(read.invalid > total / 70 && read.invalid < total / 55, `${format}: ${read.invalid} invalid`);
    assert.equal(read.issues, read.invalid, `${format}: the non-finite matrices are the only issues`);
  }
});
