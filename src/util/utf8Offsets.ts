// Maps the engine's byte offsets (parsers count UTF-8 bytes) to the UTF-16 offsets VS Code's
// documents use. For ASCII text, the common case for logs, the two are the same and nothing is built.

export class Utf8OffsetMap {
  private readonly ascii: boolean;
  /** For non-ASCII text: byte offset at the start of each block of BLOCK UTF-16 units. */
  private blockBytes: Float64Array | undefined;
  private static readonly BLOCK = 1024;

  constructor(private readonly text: string) {
    // A regex over the whole string is one native pass; it avoids building the table for ASCII logs.
    // eslint-disable-next-line no-control-regex
    this.ascii = !/[^\x00-\x7f]/.test(text);
  }

  /** The UTF-16 offset of the character that starts at `byteOffset` (clamped to the text). */
  charOffset(byteOffset: number): number {
    if (this.ascii) return Math.max(0, Math.min(this.text.length, byteOffset));
    const table = (this.blockBytes ??= this.buildTable());
    let lo = 0;
    let hi = table.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((table[mid] as number) <= byteOffset) lo = mid;
      else hi = mid - 1;
    }
    let chars = lo * Utf8OffsetMap.BLOCK;
    let bytes = table[lo] as number;
    const text = this.text;
    // A block that starts inside a surrogate pair was recorded at the pair's start: step back to it.
    if (chars > 0 && isLowSurrogate(text.charCodeAt(chars)) && isHighSurrogate(text.charCodeAt(chars - 1)))
      chars -= 1;
    while (chars < text.length) {
      const width = utf8Width(text, chars);
      if (bytes + width.bytes > byteOffset) break;
      bytes += width.bytes;
      chars += width.units;
    }
    return chars;
  }

  private buildTable(): Float64Array {
    const text = this.text;
    const table = new Float64Array(Math.floor(text.length / Utf8OffsetMap.BLOCK) + 1);
    let bytes = 0;
    let i = 0;
    while (i < text.length) {
      if (i % Utf8OffsetMap.BLOCK === 0) table[i / Utf8OffsetMap.BLOCK] = bytes;
      const width = utf8Width(text, i);
      // A surrogate pair straddling a block start: record the block at the pair's second unit too.
      if (width.units === 2 && (i + 1) % Utf8OffsetMap.BLOCK === 0)
        table[(i + 1) / Utf8OffsetMap.BLOCK] = bytes;
      bytes += width.bytes;
      i += width.units;
    }
    return table;
  }
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

function utf8Width(text: string, index: number): { bytes: number; units: number } {
  const code = text.charCodeAt(index);
  if (code < 0x80) return { bytes: 1, units: 1 };
  if (code < 0x800) return { bytes: 2, units: 1 };
  if (isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1))) {
    return { bytes: 4, units: 2 };
  }
  return { bytes: 3, units: 1 };
}
