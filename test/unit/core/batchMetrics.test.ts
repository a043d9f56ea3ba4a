// createBatchMetrics in a caller's buffer: the columns back to back in METRIC_FIELDS order, then the
// flags, each a view of the buffer; the kernels write the same numbers as into their own arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBatch } from '../../../src/core/batch';
import {
  batchMetricsBytes,
  createBatchMetrics,
  DEFAULT_OPTIONS,
  METRIC_FIELDS,
} from '../../../src/core/metrics';

test('metrics laid out in a buffer hold what the kernels write into their own arrays', () => {
  const capacity = 40;
  const buffer = new ArrayBuffer(64 + batchMetricsBytes(capacity));
  const inBuffer = createBatchMetrics(capacity, buffer, 64);
  const own = createBatchMetrics(capacity);
  METRIC_FIELDS.forEach((field, k) => {
    assert.equal(inBuffer[field].buffer, buffer);
    assert.equal(inBuffer[field].byteOffset, 64 + k * 8 * capacity);
  });
  assert.equal(inBuffer.flags.byteOffset, 64 + METRIC_FIELDS.length * 8 * capacity);
  assert.deepEqual(Object.keys(inBuffer), Object.keys(own), 'one object shape for the kernels');
  const input = Float64Array.from(
    { length: 9 * capacity },
    (_, i) => Math.sin(i * 1.7) + (i % 4 === 0 ? 1 : 0),
  );
  analyzeBatch(input, 0, 9, capacity, '9d', DEFAULT_OPTIONS, inBuffer, 0);
  analyzeBatch(input, 0, 9, capacity, '9d', DEFAULT_OPTIONS, own, 0);
  for (const field of METRIC_FIELDS) assert.deepEqual(inBuffer[field], own[field], field);
  assert.deepEqual(inBuffer.flags, own.flags);
});

test('a buffer too small or a misaligned offset is refused', () => {
  assert.throws(() => createBatchMetrics(10, new ArrayBuffer(batchMetricsBytes(10) - 1)), RangeError);
  assert.throws(() => createBatchMetrics(10, new ArrayBuffer(2 * batchMetricsBytes(10)), 4), RangeError);
});
