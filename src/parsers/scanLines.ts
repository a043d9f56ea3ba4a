// Splits a byte stream into lines for the line-based formats, carrying the bytes after the last
// newline over to the next push so that chunks of any size give the same lines. Lines reach the
// handler without their `\n` or `\r\n` (and without a UTF-8 BOM at the very start of the file).

/**
 * Gets bytes[start, end) of one line, its 1-based number and the file offset of bytes[start].
 * `terminated` is false only for a last line without a newline, read at the final flush; returning
 * false then leaves that tail unconsumed (the position stays before it).
 */
export type LineHandler = (
  bytes: Uint8Array,
  start: number,
  end: number,
  line: number,
  offset: number,
  terminated: boolean,
) => boolean;

/**
 * Optional fast consumer: reads the line starting at `start` by itself, with the chunk end as the
 * only limit, and returns the index of the newline that ends it, or -1 to have the line found and
 * handed to the handler as usual. (Finding each newline first costs a full extra pass over the data.)
 */
export type LineFastPath = (
  bytes: Uint8Array,
  start: number,
  limit: number,
  line: number,
  offset: number,
) => number;

export class LineSplitter {
  /** File offset and 1-based line number of the first byte not yet consumed. */
  offset: number;
  line: number;
  private carry = new Uint8Array(0);
  private carryLength = 0;

  constructor(
    offset: number,
    line: number,
    private readonly handler: LineHandler,
    private readonly fast?: LineFastPath,
  ) {
    this.offset = offset;
    this.line = line;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carryLength > 0) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        this.appendCarry(chunk, 0, chunk.length);
        return;
      }
      this.appendCarry(chunk, 0, newline);
      const length = this.carryLength;
      this.carryLength = 0;
      this.emit(this.carry, 0, length, true);
      start = newline + 1;
    }
    const fast = this.fast;
    for (;;) {
      if (fast) {
        const end = fast(chunk, start, chunk.length, this.line, this.offset);
        if (end >= 0) {
          this.offset += end - start + 1;
          this.line++;
          start = end + 1;
          continue;
        }
      }
      const newline = chunk.indexOf(10, start);
      if (newline < 0) break;
      this.emit(chunk, start, newline, true);
      start = newline + 1;
    }
    this.appendCarry(chunk, start, chunk.length);
  }

  /** Offers the unterminated tail to the handler (final flush); otherwise keeps holding it. */
  flush(final: boolean): void {
    if (!final || this.carryLength === 0) return;
    const length = this.carryLength;
    this.carryLength = 0;
    const { offset, line } = this;
    if (!this.emit(this.carry, 0, length, false)) {
      this.offset = offset;
      this.line = line;
    }
  }

  private appendCarry(bytes: Uint8Array, from: number, to: number): void {
    const length = to - from;
    if (length === 0) return;
    if (this.carryLength + length > this.carry.length) {
      const bigger = new Uint8Array(Math.max(this.carry.length * 2, this.carryLength + length, 256));
      bigger.set(this.carry.subarray(0, this.carryLength));
      this.carry = bigger;
    }
    this.carry.set(bytes.subarray(from, to), this.carryLength);
    this.carryLength += length;
  }

  private emit(bytes: Uint8Array, start: number, end: number, terminated: boolean): boolean {
    let offset = this.offset;
    const line = this.line;
    this.offset += end - start + (terminated ? 1 : 0);
    if (terminated) this.line++;
    if (
      offset === 0 &&
      end - start >= 3 &&
      bytes[start] === 0xef &&
      bytes[start + 1] === 0xbb &&
      bytes[start + 2] === 0xbf
    ) {
      start += 3;
      offset += 3;
    }
    if (end > start && bytes[end - 1] === 13) end--;
    return this.handler(bytes, start, end, line, offset, terminated);
  }
}
