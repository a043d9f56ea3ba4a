import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createBatchMetrics,
  flagNames,
  FLAG_DET_NEGATIVE,
  FLAG_NEAR_SINGULAR,
  FLAG_NON_FINITE,
  METRIC_FIELDS,
} from '../../src/core/metrics';

test('flagNames lists the set bits in reporting order', () => {
  assert.deepEqual(flagNames(0), []);
  assert.deepEqual(flagNames(FLAG_DET_NEGATIVE | FLAG_NEAR_SINGULAR), ['near-singular', 'det-negative']);
  assert.deepEqual(flagNames(FLAG_NON_FINITE | FLAG_NEAR_SINGULAR), ['non-finite', 'near-singular']);
});

test('createBatchMetrics allocates every field at the capacity', () => {
  const metrics = createBatchMetrics(7);
  assert.equal(metrics.flags.length, 7);
  for (const field of METRIC_FIELDS) assert.equal(metrics[field].length, 7, field);
});
