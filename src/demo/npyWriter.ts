// A NumPy .npy file (format version 1.0) of float32 values, byte for byte what `np.save` writes for a
// C-order little-endian float32 array: the header dict with sorted keys, NumPy's spare spaces for
// growing the first axis, padding to a multiple of 64 bytes (a full 64 when already aligned, as NumPy does), a newline.

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
/** NumPy reserves room for a first axis of up to this many digits (GROWTH_AXIS_MAX_DIGITS). */
const GROWTH_DIGITS = 21;

/** Python's repr of a shape tuple: `(3,)`, `(2, 3)`. */
function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function npyHeader(shape: readonly number[]): Uint8Array {
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) dict += ' '.repeat(GROWTH_DIGITS - String(shape[0]).length);
  const prefix = MAGIC.length + 2 + 2;
  const padding = ALIGN - ((prefix + dict.length + 1) % ALIGN);
  const text = dict + ' '.repeat(padding) + '\n';
  const header = new Uint8Array(prefix + text.length);
  header.set(MAGIC, 0);
  header[6] = 1;
  header[7] = 0;
  header[8] = text.length & 0xff;
  header[9] = text.length >>> 8;
  for (let k = 0; k < text.length; k++) header[prefix + k] = text.charCodeAt(k);
  return header;
}

/** The whole .npy file for `values` (C order) of the given shape, as float32. */
export function npyFloat32(values: ArrayLike<number>, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length)
    throw new Error(`npy: ${values.length} values do not fill shape ${shapeRepr(shape)}`);
  const header = npyHeader(shape);
  const bytes = new Uint8Array(header.length + 4 * count);
  bytes.set(header, 0);
  const view = new DataView(bytes.buffer, header.length);
  for (let k = 0; k < count; k++) view.setFloat32(4 * k, values[k]!, true);
  return bytes;
}
