// Numbers and records written the way Python's `json.dumps` writes them, so the demo's logs look
// exactly like a PyTorch/NumPy run's: floats as `repr(float)` (shortest round-trip digits, `1.0`
// for integral values, exponent form below 1e-4 and from 1e16 on, two-digit exponents), NaN and
// Infinity bare, ", " and ": " as separators.

/** Python's `repr(x)` of a float. */
export function pythonFloat(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, like repr.
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  // Python's 'r' format: the decimal point sits `point` digits in; exponent form when point < -3 or > 16.
  const point = exponent + 1;
  if (point < -3 || point > 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = Math.abs(exponent);
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export type PythonValue = number | PythonInt | string | PythonValue[] | { [key: string]: PythonValue };

/** An integer in a record (Python int: no `.0`). */
export class PythonInt {
  constructor(readonly value: number) {}
}

/** `json.dumps(value)` with Python's defaults (numbers are floats unless wrapped in PythonInt). */
export function pythonJson(value: PythonValue): string {
  if (typeof value === 'number') return pythonFloat(value);
  if (value instanceof PythonInt) return String(value.value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`)
    .join(', ')}}`;
}
