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
      if (this.format.littleEndian) scratch.set(src.subarray(from, from + n * itemSize));
      else swapBytes(src, from, n, itemSize, scratch);
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

/** Copies `count` items of `itemSize` bytes from `src[from]` into `dst[0]`, reversing each item's bytes. */
function swapBytes(src: Uint8Array, from: number, count: number, itemSize: number, dst: Uint8Array): void {
  const bytes = count * itemSize;
  for (let i = 0; i < bytes; i += itemSize) {
    const s = from + i;
    for (let b = 0; b < itemSize; b++) dst[i + b] = src[s + itemSize - 1 - b] as number;
  }
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
 * `available` bytes of the section, returns every matrix whose elements all lie in them, in C order
 * (step, then batch), or undefined when none is complete.
 */
export function gatherFortran(
  header: NpyHeader,
  data: Uint8Array,
  available: number,
  converter: NpyConverter,
): MatrixBlock | undefined {
  const elementsAvailable = Math.min(header.elements, Math.floor(available / header.itemSize));
  const flat = new Float64Array(elementsAvailable);
  converter.elements(data, 0, elementsAvailable, flat, 0);

  const tailAxes = header.layout === '3x3' || header.layout === '2x3' || header.layout === '3x2' ? 2 : 1;
  const leading = header.shape.slice(0, header.shape.length - tailAxes);
  const tail = header.shape.slice(header.shape.length - tailAxes);
  const width = header.width;
  const planeSize = header.matrices;
  // Element e of a matrix in C (row-major) order sits planeSize * tailIndex[e] after the matrix's first element.
  const tailIndex = new Float64Array(width);
  const rows = tail[0] as number;
  const cols = tailAxes === 2 ? (tail[1] as number) : 1;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) tailIndex[r * cols + c] = r + rows * c;
  const lastElement = planeSize * (width - 1);

  const firsts: number[] = [];
  const index = new Array<number>(leading.length).fill(0);
  const stride = new Array<number>(leading.length);
  for (let j = 0, s = 1; j < leading.length; j++) {
    stride[j] = s;
    s *= leading[j] as number;
  }
  let first = 0;
  const completeKs: number[] = [];
  for (let k = 0; k < header.matrices; k++) {
    if (first + lastElement < elementsAvailable) {
      completeKs.push(k);
      firsts.push(first);
    }
    for (let j = leading.length - 1; j >= 0; j--) {
      index[j] = (index[j] as number) + 1;
      first += stride[j] as number;
      if ((index[j] as number) < (leading[j] as number)) break;
      first -= (stride[j] as number) * (leading[j] as number);
      index[j] = 0;
    }
  }
  if (completeKs.length === 0) return undefined;

  const block = allocateBlock(width, completeKs.length);
  for (let m = 0; m < completeKs.length; m++) {
    const base = firsts[m] as number;
    for (let e = 0; e < width; e++)
      block.values[m * width + e] = flat[base + planeSize * (tailIndex[e] as number)] as number;
    block.step[m] = Math.floor((completeKs[m] as number) / header.batch);
    block.offset[m] = header.dataOffset + base * header.itemSize;
    block.endOffset[m] = header.dataOffset + (base + lastElement + 1) * header.itemSize;
  }
  if (header.layout === '3x2') columnsToSixD(block.values, 0, block.count);
  return block;
}
