import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NumberReader, parseNumberField } from '../../../src/parsers/number';

const encoder = new TextEncoder();
const reader = new NumberReader();

function readText(text: string): number | undefined {
  const bytes = encoder.encode(text);
  if (!reader.read(bytes, 0, bytes.length) || reader.end !== bytes.length) return undefined;
  return reader.value;
}

/** What Python's repr(float) writes: shortest round-trip digits, fixed for 1e-4 <= |x| < 1e16. */
function pythonRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = x.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const frac = digits.slice(exponent + 1);
    return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
  }
  const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const e = Math.abs(exponent).toString().padStart(2, '0');
  return `${sign}${digits[0]}${frac}e${exponent < 0 ? '-' : '+'}${e}`;
}

function assertSame(text: string): void {
  const expected = Number(text);
  const actual = readText(text);
  assert.ok(Object.is(actual, expected), `${text}: read ${actual}, Number() gives ${expected}`);
}

test('pythonRepr matches the forms Python writes', () => {
  assert.equal(pythonRepr(1e-9), '1e-09');
  assert.equal(pythonRepr(1.5e20), '1.5e+20');
  assert.equal(pythonRepr(0.0001), '0.0001');
  assert.equal(pythonRepr(1e16), '1e+16');
  assert.equal(pythonRepr(123.0), '123.0');
  assert.equal(pythonRepr(-0.5), '-0.5');
});

test('every double written by repr or String() reads back exactly', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true }), (x) => {
      assertSame(pythonRepr(x));
      assertSame(String(x));
      assertSame(x.toExponential());
    }),
    { numRuns: 20000 },
  );
});

test('doubles of training-log magnitudes read back exactly', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.integer({ min: -30, max: 30 }),
      (x, shift) => {
        const y = x * 10 ** shift;
        assertSame(pythonRepr(y));
        assertSame(y.toPrecision(17));
        assertSame(y.toPrecision(19));
      },
    ),
    { numRuns: 20000 },
  );
});

test('random digit strings read as Number() reads them', () => {
  const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(digit, { minLength: 1, maxLength: 24 }),
      fc.array(digit, { maxLength: 24 }),
      fc.integer({ min: -340, max: 340 }),
      (negative, intPart, fracPart, exponent) => {
        const text = `${negative ? '-' : ''}${intPart.join('')}${fracPart.length ? '.' + fracPart.join('') : ''}e${exponent}`;
        assertSame(text);
        assertSame(text.slice(0, text.indexOf('e')));
      },
    ),
    { numRuns: 20000 },
  );
});

test('hard cases: halfway points, limits, subnormals, signed zero', () => {
  const cases = [
    '9007199254740993',
    '9007199254740992.5',
    '2.2250738585072011e-308',
    '2.2250738585072014e-308',
    '4.9e-324',
    '2.4703282292062328e-324',
    '1.7976931348623157e308',
    '1.7976931348623159e308',
    '0.1',
    '0.30000000000000004',
    '1.00000000000000011102230246251565404236316680908203125',
    '1.0000000000000002220446049250313080847263336181640625',
    '7.1e-10',
    '1e-09',
    '1.5e+20',
    '-0.0',
    '0',
    '123456789012345678901234567890',
    '0.000000000000000000000000000001',
    '1e23',
    '8.41e21',
    '5e-324',
  ];
  for (const text of cases) assertSame(text);
});

test('non-finite tokens and lenient forms', () => {
  assert.ok(Number.isNaN(readText('NaN')));
  assert.ok(Number.isNaN(readText('nan')));
  assert.equal(readText('Infinity'), Infinity);
  assert.equal(readText('-Infinity'), -Infinity);
  assert.equal(readText('-inf'), -Infinity);
  assert.equal(readText('INF'), Infinity);
  assert.equal(readText('+1.5'), 1.5);
  assert.equal(readText('null'), undefined);
  assert.equal(readText('-'), undefined);
  assert.equal(readText('abc'), undefined);
});

test('a number stops at the first byte that cannot continue it', () => {
  const bytes = encoder.encode('[1.25, -3e2]');
  assert.ok(reader.read(bytes, 1, bytes.length));
  assert.equal(reader.value, 1.25);
  assert.equal(reader.end, 5);
  assert.ok(reader.read(bytes, 7, bytes.length));
  assert.equal(reader.value, -300);
  assert.equal(reader.end, 11);
});

test('parseNumberField requires the whole field to be one number', () => {
  const field = (text: string) => {
    const bytes = encoder.encode(text);
    return parseNumberField(bytes, 0, bytes.length);
  };
  assert.equal(field(' 2.5 '), 2.5);
  assert.equal(field('2.5x'), undefined);
  assert.equal(field(''), undefined);
  assert.equal(field('   '), undefined);
  assert.ok(Number.isNaN(field('nan')));
});
