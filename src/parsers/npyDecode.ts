// Converting `.npy` data bytes to Float64 matrix values.
//
// Per-element DataView reads are slow, so whole runs of elements are read through a typed-array
// view: directly on the caller's bytes when they are little-endian and aligned to the item size,
// otherwise after copying (and byte-swapping, for big-endian) a piece into a fixed aligned scratch.
// Float16 goes through a lookup table. The scratch is a fixed 64 KiB, so memory stays bounded
// whatever the chunk size.

import type { MatrixBlock } from './types';
import { float16Table } from './float16';
import type { NpyHeader } from './npyHeader';

const SCRATCH_BYTES = 1 << 16;

export type ElementFormat = Pick<NpyHeader, 'dtype' | 'littleEndian' | 'itemSize'>;

export class NpyConverter {
  /** Allocated on first use: aligned little-endian data never needs it. */
  private scratch: Uint8Array | undefined;

  constructor(private readonly format: ElementFormat) {}

  /** Converts `count` elements from `src[pos]` into `out[outPos]`, in file order. */
  elements(src: Uint8Array, pos: number, count: number, out: Float64Array, outPos: number): void {
    const itemSize = this.format.itemSize;
    if (this.format.littleEndian && (src.byteOffset + pos) % itemSize === 0) {
      this.store(src.buffer, src.byteOffset + pos, count, out, outPos);
      return;
    }
    const scratch = (this.scratch ??= new Uint8Array(SCRATCH_BYTES));
    const perPiece = SCRATCH_BYTES / itemSize;
    for (let done = 0; done < count; done += perPiece) {
      const n = Math.min(perPiece, count - done);
      const from = pos + done * itemSize;
      scratch.set(src.subarray(from, from + n * itemSize));
      if (!this.format.littleEndian) swapInPlace(scratch, n, itemSize);
      this.store(scratch.buffer, scratch.byteOffset, n, out, outPos + done);
    }
  }

  private store(
    buffer: ArrayBufferLike,
    byteOffset: number,
    count: number,
    out: Float64Array,
    outPos: number,
  ): void {
    switch (this.format.dtype) {
      case 'f8':
        out.set(new Float64Array(buffer, byteOffset, count), outPos);
        return;
      case 'f4':
        out.set(new Float32Array(buffer, byteOffset, count), outPos);
        return;
      case 'f2': {
        const bits = new Uint16Array(buffer, byteOffset, count);
        const table = float16Table();
        for (let i = 0; i < count; i++) out[outPos + i] = table[bits[i] as number] as number;
        return;
      }
    }
  }
}

/** Reverses the bytes of each of `count` items in an aligned buffer, a word at a time. */
function swapInPlace(bytes: Uint8Array, count: number, itemSize: number): void {
  if (itemSize === 2) {
    const words = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    for (let i = 0; i < count; i++) {
      const x = words[i] as number;
      words[i] = ((x & 0xff) << 8) | (x >>> 8);
    }
    return;
  }
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, (count * itemSize) / 4);
  for (let i = 0; i < words.length; i++) {
    const x = words[i] as number;
    words[i] = ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
  }
  if (itemSize === 8) {
    for (let i = 0; i < words.length; i += 2) {
      const high = words[i] as number;
      words[i] = words[i + 1] as number;
      words[i + 1] = high;
    }
  }
}

/**
 * The elements of a buffer this module owns (byte offset 0, so aligned) as a float array, swapped
 * in place first when big-endian. Float16 is widened to float32 (exact).
 */
function ownedElements(format: ElementFormat, bytes: Uint8Array, count: number): Float32Array | Float64Array {
  if (!format.littleEndian) swapInPlace(bytes, count, format.itemSize);
  if (format.dtype === 'f8') return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  if (format.dtype === 'f4') return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  const bits = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  const table = float16Table();
  const widened = new Float32Array(count);
  for (let i = 0; i < count; i++) widened[i] = table[bits[i] as number] as number;
  return widened;
}

/** 3x2 matrices (columns a1, a2, row-major in the file) become a1 then a2, in place. */
export function columnsToSixD(values: Float64Array, from: number, count: number): void {
  for (let m = 0, i = from; m < count; m++, i += 6) {
    const x1 = values[i + 1] as number;
    const x2 = values[i + 2] as number;
    const x3 = values[i + 3] as number;
    values[i + 1] = x2;
    values[i + 2] = values[i + 4] as number;
    values[i + 3] = x1;
    values[i + 4] = x3;
  }
}

export function allocateBlock(width: 9 | 6, count: number): MatrixBlock {
  return {
    width,
    count,
    values: new Float64Array(count * width),
    step: new Float64Array(count),
    line: new Uint32Array(count),
    endLine: new Uint32Array(count),
    offset: new Float64Array(count),
    endOffset: new Float64Array(count),
  };
}

/**
 * Fortran-order data: element (i0, ..., ik) sits at i0 + d0*(i1 + d1*(...)), so the first axis
 * varies fastest and one matrix is spread over the whole data section. Given the first
 * `available` bytes of the section, in a buffer this parser owns (it is swapped in place),
 * returns every matrix whose elements all lie in them, in C order (step, then batch), or
 * undefined when none is complete.
 */
export function gatherFortran(
  header: NpyHeader,
  data: Uint8Array,
  available: number,
): MatrixBlock | undefined {
  const elementsAvailable = Math.min(header.elements, Math.floor(available / header.itemSize));
  const source = ownedElements(header, data, elementsAvailable);

  const tailAxes = header.layout === '3x3' || header.layout === '2x3' || header.layout === '3x2' ? 2 : 1;
  const leading = header.shape.slice(0, header.shape.length - tailAxes);
  const tail = header.shape.slice(header.shape.length - tailAxes);
  const width = header.width;
  const plane = header.matrices;
  // Element e of a matrix in C (row-major) order sits plane * tailIndex[e] after the matrix's first element.
  const tailIndex = new Float64Array(width);
  const rows = tail[0] as number;
  const cols = tailAxes === 2 ? (tail[1] as number) : 1;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) tailIndex[r * cols + c] = r + rows * c;
  const lastElement = plane * (width - 1);
  const strides = new Float64Array(leading.length);
  for (let j = 0, s = 1; j < leading.length; j++) {
    strides[j] = s;
    s *= leading[j] as number;
  }

  // Matrix k's first element, walking the leading axes in C order with Fortran strides.
  const walk = (visit: (k: number, first: number) => void): void => {
    const index = new Float64Array(leading.length);
    let first = 0;
    for (let k = 0; k < header.matrices; k++) {
      if (first + lastElement < elementsAvailable) visit(k, first);
      for (let j = leading.length - 1; j >= 0; j--) {
        index[j] = (index[j] as number) + 1;
        first += strides[j] as number;
        if ((index[j] as number) < (leading[j] as number)) break;
        first -= (strides[j] as number) * (leading[j] as number);
        index[j] = 0;
      }
    }
  };
  let complete = 0;
  if (elementsAvailable === header.elements) complete = header.matrices;
  else walk(() => complete++);
  if (complete === 0) return undefined;

  const block = allocateBlock(width, complete);
  let m = 0;
  walk((k, first) => {
    const base = m * width;
    for (let e = 0; e < width; e++)
      block.values[base + e] = source[first + plane * (tailIndex[e] as number)] as number;
    block.step[m] = Math.floor(k / header.batch);
    block.offset[m] = header.dataOffset + first * header.itemSize;
    block.endOffset[m] = header.dataOffset + (first + lastElement + 1) * header.itemSize;
    m++;
  });
  if (header.layout === '3x2') columnsToSixD(block.values, 0, block.count);
  return block;
}
