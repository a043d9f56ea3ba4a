// IEEE 754 half precision to float32/float64 by table lookup: a 16-bit pattern has only 65,536
// values, every one exactly representable in float32, so one 256 KB table built on first use
// replaces per-element bit fiddling in the hot loop.

let table: Float32Array | undefined;

/** Value of one half-precision bit pattern (bit math; used to build the table and in tests). */
export function halfBitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The 65,536-entry lookup table, built once. */
export function float16Table(): Float32Array {
  if (table === undefined) {
    table = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) table[bits] = halfBitsToNumber(bits);
  }
  return table;
}
