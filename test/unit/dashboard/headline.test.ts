import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { medianOf, percentileOf } from '../../../webview/views/headline';

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

test('percentileOf is NumPy-linear over the finite values, like the engine’s run-level p95', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), fc.constant(NaN), fc.constant(Infinity)),
        {
          maxLength: 200,
        },
      ),
      fc.constantFrom(0, 0.5, 0.95, 1),
      (raw, q) => {
        const finite = raw.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
        const n = finite.length;
        let expected = NaN;
        if (n > 0) {
          const h = (n - 1) * q;
          const k = Math.floor(h);
          const low = finite[k] as number;
          const high = finite[Math.min(n - 1, k + 1)] as number;
          expected = h === k ? low : low + (h - k) * (high - low);
        }
        const got = percentileOf(Float64Array.from(raw), q);
        if (Number.isNaN(expected)) assert.ok(Number.isNaN(got));
        else
          assert.ok(
            Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
            `${got} vs ${expected}`,
          );
      },
    ),
  );
  // numpy.percentile([1, 2, 3, 4], 95) = 3.85
  assert.ok(Math.abs(percentileOf(Float64Array.from([4, 1, 3, 2]), 0.95) - 3.85) < 1e-12);
});
