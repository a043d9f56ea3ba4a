// The engine's per-step order statistics (a sorting network up to 64 values, selection above) give
// exactly core's `quantiles`, NumPy's nanmin / nanmedian / nanpercentile(95) / nanmax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { quantiles } from '../../../src/core/stats';
import { scratchLength, writeStepQuantiles } from '../../../src/analysis/stepQuantiles';

test('writeStepQuantiles equals core quantiles for any count, NaN and infinities included', () => {
  const value = fc.oneof(
    fc.double({ noNaN: false, noDefaultInfinity: false, min: -1e6, max: 1e6 }),
    fc.constantFrom(NaN, Infinity, -Infinity, 1, 1, 2),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 150 }), fc.nat(3), (values, lead) => {
      const padded = new Float64Array([...Array<number>(lead).fill(7), ...values, 9]);
      const expected = new Float64Array(4);
      quantiles(padded, lead, values.length, new Float64Array(values.length), expected, 0);
      const columns = [0, 1, 2, 3].map(() => new Float64Array(3).fill(-5));
      const [min, median, p95, max] = columns as [Float64Array, Float64Array, Float64Array, Float64Array];
      const scratch = new Float64Array(scratchLength(values.length));
      writeStepQuantiles(padded, lead, values.length, scratch, min, median, p95, max, 1);
      // Zeros compare equal: which of -0 and 0 a sort leaves first is not specified.
      assert.deepEqual(
        columns.map((column) => column[1]! + 0),
        Array.from(expected, (x) => x + 0),
      );
      for (const column of columns) assert.deepEqual([column[0], column[2]], [-5, -5]);
    }),
    { numRuns: 3000 },
  );
});
