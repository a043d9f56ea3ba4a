// The per-row order statistics: the WebAssembly SIMD networks give exactly what the JavaScript path
// gives (bit for bit, the sign of zero included), for every count, with NaN and infinities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RowQuantileWriter } from '../../../src/analysis/stepQuantiles';
import { createBatchMetrics, METRIC_FIELDS } from '../../../src/core/metrics';
import {
  ARENA_BYTE,
  createPairSorter,
  PAIR_SORT_SIZES,
  pairSortModuleBytes,
  threadPairSorter,
} from '../../../src/analysis/wasmPairSort';

/**
 * Both writers give row 2 of 48 columns the same numbers, bit for bit (the sign of zero included),
 * and leave the other rows alone.
 */
function assertSameRow(
  a: RowQuantileWriter,
  b: RowQuantileWriter,
  sources: Float64Array[],
  start: number,
  count: number,
): void {
  const run = (writer: RowQuantileWriter): number[] => {
    const columns = Array.from({ length: 48 }, () => new Float64Array(3).fill(-5));
    writer.write({ sources, stride: 0, start, count }, columns, 2);
    for (const column of columns) assert.deepEqual([column[0], column[1]], [-5, -5]);
    return columns.map((column) => column[2]!);
  };
  const x = run(a);
  const y = run(b);
  x.forEach((value, k) =>
    assert.ok(Object.is(value, y[k]), `statistic ${k >> 2}, quantile ${k & 3}: ${value} vs ${y[k]}`),
  );
}

test('the encoded module is valid WebAssembly and a sorter is created', () => {
  const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } })
    .WebAssembly;
  assert.equal(wasm.validate(pairSortModuleBytes()), true);
  assert.notEqual(createPairSorter(), undefined);
  assert.equal(new RowQuantileWriter(12).simd, true);
  assert.equal(new RowQuantileWriter(12, false).simd, false);
});

test('each lane of each pair is sorted on its own, like Array.prototype.sort', () => {
  const sorter = createPairSorter();
  assert.ok(sorter);
  const value = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, 1, -1, Infinity, -Infinity));
  for (const size of PAIR_SORT_SIZES) {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(value, { minLength: 12 * size, maxLength: 12 * size }),
        (pairs, flat) => {
          const arrays = Array.from({ length: 2 * pairs }, (_, a) => flat.slice(a * size, (a + 1) * size));
          arrays.forEach((array, a) => {
            const base = (a >> 1) * 2 * size + (a & 1);
            array.forEach((v, k) => (sorter.memory[base + 2 * k] = v));
          });
          sorter.sort(size, pairs);
          arrays.forEach((array, a) => {
            const base = (a >> 1) * 2 * size + (a & 1);
            const sorted = Array.from({ length: size }, (_, k) => sorter.memory[base + 2 * k]! + 0);
            assert.deepEqual(
              sorted,
              [...array].sort((x, y) => x - y).map((x) => x + 0),
            );
          });
        },
      ),
      { numRuns: 200 },
    );
  }
});

test('RowQuantileWriter: SIMD and JavaScript networks agree bit for bit, any count, NaN and ±0 included', () => {
  const simd = new RowQuantileWriter(12);
  const plain = new RowQuantileWriter(12, false);
  const value = fc.oneof(
    fc.double({ noNaN: false, noDefaultInfinity: false, min: -1e6, max: 1e6 }),
    fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, 1, 2),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 70 }),
      fc.nat(2),
      fc.infiniteStream(value),
      (count, lead, stream) => {
        const sources = Array.from({ length: 12 }, () =>
          Float64Array.from({ length: lead + count }, () => stream.next().value as number),
        );
        assertSameRow(simd, plain, sources, lead, count);
      },
    ),
    { numRuns: 1500 },
  );
});

test('RowQuantileWriter reads statistic-major values through the stride', () => {
  const count = 5;
  const stride = 8;
  const values = new Float64Array(12 * stride);
  for (let s = 0; s < 12; s++) for (let i = 0; i < count; i++) values[s * stride + i] = s * 100 + (count - i);
  const columns = Array.from({ length: 48 }, () => new Float64Array(1));
  new RowQuantileWriter(12).write({ sources: Array(12).fill(values), stride, start: 0, count }, columns, 0);
  for (let s = 0; s < 12; s++) {
    assert.deepEqual(
      columns.slice(4 * s, 4 * s + 4).map((column) => column[0]),
      [s * 100 + 1, s * 100 + 3, s * 100 + 4.8, s * 100 + 5],
    );
  }
});

test('columns in the WebAssembly arena are gathered there, with the same statistics as the JavaScript path', () => {
  const sorter = threadPairSorter();
  assert.ok(sorter);
  const capacity = 256;
  const metrics = createBatchMetrics(capacity, sorter.buffer, ARENA_BYTE);
  assert.equal(metrics.s1.buffer, sorter.buffer);
  const fields = METRIC_FIELDS.slice(0, 12);
  const simd = new RowQuantileWriter(12);
  const plain = new RowQuantileWriter(12, false);
  const value = fc.oneof(
    { weight: 20, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: false, min: -1e6, max: 1e6 }) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0) },
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 70 }),
      fc.nat(100),
      fc.infiniteStream(value),
      (count, start, stream) => {
        for (const field of fields) {
          for (let i = 0; i < start + count; i++) metrics[field][i] = stream.next().value as number;
        }
        assertSameRow(
          simd,
          plain,
          fields.map((field) => metrics[field]),
          start,
          count,
        );
      },
    ),
    { numRuns: 1500 },
  );
});
