import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { quantiles, select } from '../../../src/core/stats';

// [nanmin, nanmedian, nanpercentile(95), nanmax] printed by NumPy 2.4 for each input.
const NUMPY: Array<[string, number[], number[]]> = [
  ['odd count', [3, 1, 2, 5, 4], [1, 3, 4.8, 5]],
  ['even count', [0.1, 0.7, 0.2, 0.3], [0.1, 0.25, 0.6399999999999998, 0.7]],
  ['NaN skipped', [NaN, 1.5, 2.25, NaN, 0.125, 10], [0.125, 1.875, 8.837499999999997, 10]],
  ['an infinity (NumPy lerps inf - inf to NaN)', [1, Infinity, 2, 3], [1, 2.5, NaN, Infinity]],
  ['one value', [7], [7, 7, 7, 7]],
  [
    '37 normal draws',
    [
      2.0409191213851825, -2.5556650313141818, 0.41809884672577885, -0.5677696061279298, -0.45264929211044586,
      -0.2155971630897659, -2.019986129147251, -0.23193237764418947, -0.8652130762749417, 3.3229995166448827,
      0.22578661322792176, -0.3526307943415954, -0.2812874181513504, -0.6680463461089501, -1.0551505512051214,
      -0.39080097723465473, 0.48194538850678587, -0.2385536065733667, 0.9577587029597641, -0.19980212906658,
      0.024259565076664623, 1.545820851212812, 0.5451055226876446, -0.505228735614018, -0.1828389745977349,
      0.5405251317548021, 1.9350880340988528, -0.2696203273419135, -0.24355867907910456, 1.0023136012756912,
      -0.8864599431605871, -0.291720232439864, 0.8825389674564839, 0.5803500161908991, 0.09151670328235219,
      0.6701043548284794, -2.8281623068437627,
    ],
    [-2.8281623068437627, -0.2155971630897659, 1.9562542515561183, 3.3229995166448827],
  ],
];

for (const [name, values, expected] of NUMPY) {
  test(`quantiles reproduce NumPy bit for bit: ${name}`, () => {
    const out = new Float64Array(6).fill(-1);
    const n = quantiles(values, 0, values.length, new Float64Array(values.length), out, 1);
    assert.equal(n, values.filter((v) => !Number.isNaN(v)).length);
    assert.deepEqual([...out.subarray(1, 5)], expected);
    assert.equal(out[0], -1, 'nothing written before outOffset');
    assert.equal(out[5], -1, 'nothing written after the four values');
  });
}

test('quantiles of only NaN (or nothing) are four NaN', () => {
  const out = new Float64Array(4);
  assert.equal(quantiles([NaN, NaN], 0, 2, new Float64Array(2), out, 0), 0);
  assert.deepEqual([...out], [NaN, NaN, NaN, NaN]);
  assert.equal(quantiles([], 0, 0, new Float64Array(0), out, 0), 0);
});

test('quantiles read only values[start .. start+count)', () => {
  const out = new Float64Array(4);
  quantiles([100, 1, 2, 3, -100], 1, 3, new Float64Array(3), out, 0);
  assert.deepEqual([...out], [1, 2, 2.9, 3]);
});

/** The textbook definition, by a full sort: what NumPy documents for method 'linear'. */
function reference(values: number[]): number[] {
  const a = values.filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  const n = a.length;
  const median = n % 2 === 1 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
  const h = (n - 1) * 0.95;
  const lo = Math.floor(h);
  let p95: number;
  if (h >= n - 1) p95 = a[n - 1]!;
  else {
    const t = h - lo;
    const d = a[lo + 1]! - a[lo]!;
    p95 = t >= 0.5 ? a[lo + 1]! - d * (1 - t) : a[lo]! + d * t;
  }
  return [a[0]!, median, p95, a[n - 1]!];
}

test('quantiles equal a full sort on any finite input, duplicates and signed zeros included', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, 1, 2)), {
        minLength: 1,
        maxLength: 300,
      }),
      (values) => {
        const out = new Float64Array(4);
        quantiles(values, 0, values.length, new Float64Array(values.length), out, 0);
        const expected = reference(values);
        for (let k = 0; k < 4; k++) assert.ok(out[k] === expected[k], `${k}: ${out[k]} vs ${expected[k]}`);
      },
    ),
    { numRuns: 300 },
  );
});

test('select puts the k-th smallest at k with smaller values before it', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 80 }),
      fc.nat(),
      (list, kRaw) => {
        const a = Float64Array.from(list);
        const k = kRaw % a.length;
        const value = select(a, a.length, k);
        const sorted = [...list].sort((x, y) => x - y);
        assert.equal(value, sorted[k]);
        for (let i = 0; i < k; i++) assert.ok(a[i]! <= value);
        for (let i = k + 1; i < a.length; i++) assert.ok(a[i]! >= value);
      },
    ),
  );
});
