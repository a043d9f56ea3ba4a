// Collects the matrices of one push into growable struct-of-arrays buffers, then hands them out as
// an exactly sized MatrixBlock. The buffers are reused across pushes, so the steady state allocates
// only the block it returns.

import type { MatrixBlock } from './types';

export class BlockBuilder {
  count = 0;
  private capacity = 0;
  private values = new Float64Array(0);
  private step = new Float64Array(0);
  private line = new Uint32Array(0);
  private endLine = new Uint32Array(0);
  private offset = new Float64Array(0);
  private endOffset = new Float64Array(0);

  constructor(readonly width: 9 | 6) {
    this.reserve(64);
  }

  private reserve(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2);
    const growFloat = (old: Float64Array, perMatrix: number) => {
      const next = new Float64Array(capacity * perMatrix);
      next.set(old.subarray(0, this.count * perMatrix));
      return next;
    };
    const growUint = (old: Uint32Array) => {
      const next = new Uint32Array(capacity);
      next.set(old.subarray(0, this.count));
      return next;
    };
    this.values = growFloat(this.values, this.width);
    this.step = growFloat(this.step, 1);
    this.offset = growFloat(this.offset, 1);
    this.endOffset = growFloat(this.endOffset, 1);
    this.line = growUint(this.line);
    this.endLine = growUint(this.endLine);
    this.capacity = capacity;
  }

  /**
   * Appends one matrix: `width` numbers from `source` at `from`; with `columns`, a 3x2 nested list
   * whose columns are a1 and a2, re-ordered to a1 then a2.
   */
  add(
    source: Float64Array,
    from: number,
    columns: boolean,
    step: number,
    line: number,
    endLine: number,
    offset: number,
    endOffset: number,
  ): void {
    if (this.count === this.capacity) this.reserve(this.count + 1);
    const i = this.count++;
    const width = this.width;
    const values = this.values;
    const base = i * width;
    if (columns) {
      values[base] = source[from]!;
      values[base + 1] = source[from + 2]!;
      values[base + 2] = source[from + 4]!;
      values[base + 3] = source[from + 1]!;
      values[base + 4] = source[from + 3]!;
      values[base + 5] = source[from + 5]!;
    } else for (let k = 0; k < width; k++) values[base + k] = source[from + k]!;
    this.step[i] = step;
    this.line[i] = line;
    this.endLine[i] = endLine;
    this.offset[i] = offset;
    this.endOffset[i] = endOffset;
  }

  /** The matrices added since the last take, or undefined when there were none. */
  take(): MatrixBlock | undefined {
    const count = this.count;
    if (count === 0) return undefined;
    this.count = 0;
    return {
      width: this.width,
      count,
      values: this.values.slice(0, count * this.width),
      step: this.step.slice(0, count),
      line: this.line.slice(0, count),
      endLine: this.endLine.slice(0, count),
      offset: this.offset.slice(0, count),
      endOffset: this.endOffset.slice(0, count),
    };
  }
}
