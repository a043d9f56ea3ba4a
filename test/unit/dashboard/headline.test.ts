import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { medianOf } from '../../../webview/views/headline';

test('medianOf equals the sorted middle, skipping NaN and infinities', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.double({ noNaN: true, min: -1e9, max: 1e9 }),
          fc.constant(NaN),
          fc.constant(Infinity),
          fc.integer({ min: -3, max: 3 }),
        ),
        { maxLength: 200 },
      ),
      (raw) => {
        const finite = raw.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
        const n = finite.length;
        const expected =
          n === 0
            ? NaN
            : n % 2
              ? finite[n >> 1]
              : ((finite[n / 2 - 1] as number) + (finite[n / 2] as number)) / 2;
        // + 0 folds -0 into 0: either may sit in the middle.
        assert.equal(medianOf(Float64Array.from(raw)) + 0, (expected as number) + 0);
      },
    ),
  );
});
