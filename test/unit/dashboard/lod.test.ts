import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bandLod, ema, lineLod, visibleRange } from '../../../webview/lod';

const identity = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);
const steps = (n: number) => Float64Array.from({ length: n }, (_, i) => i * 10);

test('lineLod returns every point when they fit', () => {
  const values = Float64Array.from([3, NaN, 1, 2]);
  const points = lineLod(steps(4), values, identity(4), 0, 4, 2);
  assert.deepEqual(
    points.map((p) => p.x),
    [0, 10, 20, 30],
  );
  assert.ok(Number.isNaN(points[1]?.y), 'NaN stays a gap');
});

test('lineLod keeps the minimum and maximum of every bucket, in step order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 50, maxLength: 400 }),
      fc.integer({ min: 1, max: 20 }),
      (raw, buckets) => {
        const values = Float64Array.from(raw);
        const n = values.length;
        const points = lineLod(steps(n), values, identity(n), 0, n, buckets);
        assert.ok(points.length <= 2 * buckets);
        const ys = points.map((p) => p.y);
        assert.equal(Math.max(...ys), Math.max(...raw));
        assert.equal(Math.min(...ys), Math.min(...raw));
        for (let i = 1; i < points.length; i++)
          assert.ok((points[i] as { x: number }).x > (points[i - 1] as { x: number }).x);
      },
    ),
  );
});

test('lineLod keeps a gap where a whole bucket has no value', () => {
  const values = new Float64Array(100).fill(1);
  values.fill(NaN, 40, 60);
  const points = lineLod(steps(100), values, identity(100), 0, 100, 10);
  assert.ok(points.some((p) => Number.isNaN(p.y)));
});

test('lineLod follows the sort order of an unsorted log', () => {
  const x = Float64Array.from([30, 10, 20, 0]);
  const order = Uint32Array.from([3, 1, 2, 0]);
  const points = lineLod(x, Float64Array.from([4, 2, 3, 1]), order, 0, 4, 8);
  assert.deepEqual(points, [
    { x: 0, y: 1 },
    { x: 10, y: 2 },
    { x: 20, y: 3 },
    { x: 30, y: 4 },
  ]);
});

test('bandLod puts lower and upper on the same x and bounds every bucket', () => {
  const n = 1000;
  const lower = Float64Array.from({ length: n }, (_, i) => Math.sin(i) - 2);
  const upper = Float64Array.from({ length: n }, (_, i) => Math.cos(i) + 2);
  const band = bandLod(steps(n), lower, upper, identity(n), 0, n, 25);
  assert.equal(band.lower.length, 50);
  assert.deepEqual(
    band.lower.map((p) => p.x),
    band.upper.map((p) => p.x),
  );
  assert.equal(Math.min(...band.lower.map((p) => p.y)), Math.min(...lower));
  assert.equal(Math.max(...band.upper.map((p) => p.y)), Math.max(...upper));
});

test('visibleRange keeps one neighbour beyond each edge', () => {
  const x = steps(11);
  const order = identity(11);
  assert.deepEqual(visibleRange(x, order, undefined, undefined), [0, 11]);
  assert.deepEqual(visibleRange(x, order, 30, 60), [2, 8]);
  assert.deepEqual(visibleRange(x, order, 35, 55), [3, 7]);
  assert.deepEqual(visibleRange(x, order, -100, 1000), [0, 11]);
  assert.deepEqual(visibleRange(x, order, 500, 600), [10, 11]);
});

test('ema: weight 0 is the input, a constant stays constant (debiased), NaN is skipped', () => {
  const values = Float64Array.from([5, 5, NaN, 5, 5]);
  assert.equal(ema(values, identity(5), 0), values);
  const smooth = ema(values, identity(5), 0.9);
  assert.deepEqual(
    Array.from(smooth).map((v) => (Number.isNaN(v) ? 'NaN' : v.toFixed(12))),
    ['5.000000000000', '5.000000000000', 'NaN', '5.000000000000', '5.000000000000'],
  );
  const step = ema(Float64Array.from([0, 10]), identity(2), 0.5);
  assert.equal(step[1], (0.5 * 0.5 * 0 + 0.5 * 10) / 0.75);
});
