// Reading the `.npy` preamble: magic, version, header length and the header dict, then what the
// dtype and shape mean for so3-lens (which matrix layout, how many steps of how many matrices).
//
// Format (numpy.lib.format): "\x93NUMPY", major, minor, then the header length as u16 LE (v1) or
// u32 LE (v2, v3), then the header text (latin-1 for v1/v2, UTF-8 for v3). The data follows.

import type { Representation } from '../core/metrics';
import { parsePyLiteral, type PyValue } from './npyLiteral';

export type NpyDtype = 'f2' | 'f4' | 'f8';

/**
 * How the trailing axes hold one matrix. `3x3` and `9`: 9D, row-major. `6`: a1 then a2.
 * `2x3`: rows a1, a2. `3x2`: columns a1, a2 (M[:, 0] = a1, M[:, 1] = a2), as the first two
 * columns of a rotation matrix are usually sliced (`R[..., :2]`).
 */
export type NpyLayout = '3x3' | '9' | '6' | '2x3' | '3x2';

/** The header as written, before any so3-lens interpretation (also used for NPZ step arrays). */
export interface NpyPreamble {
  major: number;
  minor: number;
  /** Bytes of header text after the length field (padding included). */
  headerLength: number;
  /** Byte offset of the first data byte. */
  dataOffset: number;
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Product of `shape`. */
  elements: number;
}

/** A float array whose trailing axes hold 9D or 6D matrices. */
export interface NpyHeader extends NpyPreamble {
  dtype: NpyDtype;
  littleEndian: boolean;
  itemSize: 2 | 4 | 8;
  layout: NpyLayout;
  width: 9 | 6;
  representation: Representation;
  /** Bytes of one matrix in C order (width * itemSize). */
  matrixBytes: number;
  matrices: number;
  /** Leading axis: the number of steps (1 when the array is a single matrix). */
  steps: number;
  /** Matrices per step: the product of every leading axis after the first. */
  batch: number;
  /** Bytes of the whole data section. */
  dataBytes: number;
}

export interface NpyHeaderError {
  error: string;
  /** Byte offset the message refers to. */
  offset: number;
  /** Set when the bytes merely end too early: read at least this many and try again. */
  needed?: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const MAX_HEADER_BYTES = 1 << 20;
export const SUPPORTED_DTYPES = "'<f2', '<f4', '<f8', '>f2', '>f4', '>f8'";

function hexBytes(bytes: Uint8Array, from: number, to: number): string {
  const shown: string[] = [];
  for (let i = from; i < Math.min(to, bytes.length); i++)
    shown.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  return shown.join(' ');
}

function decodeLatin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 8192)));
  }
  return text;
}

export function isNpyHeaderError(value: object): value is NpyHeaderError {
  return 'error' in value;
}

/** Magic, version, header dict. `bytes` is the start of the file (at least the whole header). */
export function readNpyPreamble(bytes: Uint8Array): NpyPreamble | NpyHeaderError {
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= bytes.length) {
      if (i === 0)
        return { error: 'the file is empty: expected the .npy magic "\\x93NUMPY"', offset: 0, needed: 6 };
      return { error: `the file ends inside the .npy magic after ${i} bytes`, offset: i, needed: 6 };
    }
    if (bytes[i] !== MAGIC[i]) {
      return {
        error: `not a .npy file: expected the magic "\\x93NUMPY" (93 4e 55 4d 50 59) at byte offset 0, found ${hexBytes(bytes, 0, 6)}`,
        offset: i,
      };
    }
  }
  if (bytes.length < 8)
    return { error: 'the file ends before the .npy version bytes', offset: bytes.length, needed: 8 };
  const major = bytes[6] ?? 0;
  const minor = bytes[7] ?? 0;
  if (major < 1 || major > 3) {
    return {
      error: `unsupported .npy format version ${major}.${minor} at byte offset 6: expected 1.0, 2.0 or 3.0`,
      offset: 6,
    };
  }
  const lengthBytes = major === 1 ? 2 : 4;
  const headerStart = 8 + lengthBytes;
  if (bytes.length < headerStart) {
    return {
      error: 'the file ends inside the .npy header length field',
      offset: bytes.length,
      needed: headerStart,
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerStart);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES) {
    return {
      error: `the .npy header length at byte offset 8 is ${headerLength} bytes, more than 1 MiB: the header is corrupt`,
      offset: 8,
    };
  }
  const dataOffset = headerStart + headerLength;
  if (bytes.length < dataOffset) {
    return {
      error: `the file ends inside the .npy header: expected ${headerLength} header bytes from byte offset ${headerStart}, found ${bytes.length - headerStart}`,
      offset: bytes.length,
      needed: dataOffset,
    };
  }
  const raw = bytes.subarray(headerStart, dataOffset);
  const text = (major === 3 ? new TextDecoder('utf-8').decode(raw) : decodeLatin1(raw)).replace(
    /[\s\0]+$/,
    '',
  );
  const literal = parsePyLiteral(text);
  if ('error' in literal)
    return { error: `corrupt .npy header: ${literal.error}`, offset: headerStart + literal.at };
  return readHeaderDict(literal.value, { major, minor, headerLength, dataOffset, headerStart });
}

function readHeaderDict(
  dict: PyValue,
  at: { major: number; minor: number; headerLength: number; dataOffset: number; headerStart: number },
): NpyPreamble | NpyHeaderError {
  const offset = at.headerStart;
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) {
    return { error: 'corrupt .npy header: expected a dict with descr, fortran_order and shape', offset };
  }
  const { descr, fortran_order: fortranOrder, shape } = dict;
  if (Array.isArray(descr)) {
    return {
      error: `structured dtype ${JSON.stringify(descr)} is not supported: expected one of ${SUPPORTED_DTYPES}`,
      offset,
    };
  }
  if (typeof descr !== 'string')
    return { error: "corrupt .npy header: the 'descr' key is missing or not a string", offset };
  if (typeof fortranOrder !== 'boolean') {
    return { error: "corrupt .npy header: the 'fortran_order' key is missing or not True/False", offset };
  }
  if (
    !Array.isArray(shape) ||
    !shape.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)
  ) {
    return {
      error: "corrupt .npy header: the 'shape' key is missing or not a tuple of non-negative integers",
      offset,
    };
  }
  const dims = shape as number[];
  let elements = 1;
  for (const n of dims) elements *= n;
  if (!Number.isSafeInteger(elements)) {
    return {
      error: `corrupt .npy header: shape (${dims.join(', ')}) has more elements than can be addressed`,
      offset,
    };
  }
  return {
    major: at.major,
    minor: at.minor,
    headerLength: at.headerLength,
    dataOffset: at.dataOffset,
    descr,
    fortranOrder,
    shape: dims,
    elements,
  };
}

export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

interface DtypeInfo {
  dtype: NpyDtype;
  littleEndian: boolean;
  itemSize: 2 | 4 | 8;
}

/**
 * Only floats are matrices. NumPy always writes '<' or '>' for multi-byte types; '|', '=' or no
 * byte-order mark at all (other writers) are read as little-endian, the byte order of every
 * machine that trains.
 */
export function floatDtype(descr: string): DtypeInfo | string {
  const match = /^([<>|=]?)f([248])$/.exec(descr);
  if (match !== null) {
    const itemSize = Number(match[2]) as 2 | 4 | 8;
    return { dtype: `f${itemSize}` as NpyDtype, littleEndian: match[1] !== '>', itemSize };
  }
  if (/^[<>|=]?O\d*$/.test(descr)) {
    return `object arrays (dtype '${descr}', pickled Python objects) cannot be read: save the predictions as float32 or float64 (arr.astype(np.float32))`;
  }
  return `unsupported dtype '${descr}': expected a float array, one of ${SUPPORTED_DTYPES}`;
}

const LAYOUTS: ReadonlyArray<{ layout: NpyLayout; tail: number[]; width: 9 | 6 }> = [
  { layout: '3x3', tail: [3, 3], width: 9 },
  { layout: '9', tail: [9], width: 9 },
  { layout: '6', tail: [6], width: 6 },
  { layout: '2x3', tail: [2, 3], width: 6 },
  { layout: '3x2', tail: [3, 2], width: 6 },
];

/** The matrix layout of the trailing axes, or undefined when they hold no matrix. */
export function matrixLayout(
  shape: readonly number[],
): { layout: NpyLayout; width: 9 | 6; leading: number[] } | undefined {
  for (const candidate of LAYOUTS) {
    const n = candidate.tail.length;
    if (shape.length < n) continue;
    if (candidate.tail.every((size, i) => shape[shape.length - n + i] === size)) {
      return { layout: candidate.layout, width: candidate.width, leading: shape.slice(0, shape.length - n) };
    }
  }
  return undefined;
}

/** A preamble read as an array of matrices, or why it is not one. */
export function interpretNpy(
  preamble: NpyPreamble,
  representation: 'auto' | Representation = 'auto',
): NpyHeader | NpyHeaderError {
  const offset = preamble.dataOffset - preamble.headerLength;
  const dtype = floatDtype(preamble.descr);
  if (typeof dtype === 'string') return { error: dtype, offset };
  const found = matrixLayout(preamble.shape);
  if (found === undefined) {
    return {
      error: `shape ${formatShape(preamble.shape)} holds no matrices: expected trailing axes (..., 3, 3) or (..., 9) for 9D, (..., 6), (..., 2, 3) or (..., 3, 2) for 6D`,
      offset,
    };
  }
  const found9d = found.width === 9;
  if (representation !== 'auto' && (representation === '9d') !== found9d) {
    return {
      error: `the representation ${representation} was asked for, but shape ${formatShape(preamble.shape)} holds ${found9d ? '9D' : '6D'} matrices`,
      offset,
    };
  }
  const steps = found.leading.length === 0 ? 1 : (found.leading[0] ?? 1);
  let batch = 1;
  for (const n of found.leading.slice(1)) batch *= n;
  return {
    ...preamble,
    ...dtype,
    layout: found.layout,
    width: found.width,
    representation: found9d ? '9d' : '6d',
    matrixBytes: found.width * dtype.itemSize,
    matrices: steps * batch,
    steps,
    batch,
    dataBytes: preamble.elements * dtype.itemSize,
  };
}

/**
 * The header of a `.npy` file whose matrices so3-lens can read, from the first bytes of the file.
 * The engine uses it to split a large C-order file into matrix-aligned slabs.
 */
export function readNpyHeader(
  bytes: Uint8Array,
  representation: 'auto' | Representation = 'auto',
): NpyHeader | NpyHeaderError {
  const preamble = readNpyPreamble(bytes);
  if (isNpyHeaderError(preamble)) return preamble;
  return interpretNpy(preamble, representation);
}
