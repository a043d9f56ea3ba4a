// The wording of syntax problems, shared by the generic JSON reader and the hot scanner so that a
// bad line reads the same whichever of them met it.

/** Counts characters, not bytes, so the figure matches what an editor shows. */
function characterCount(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if ((bytes[i]! & 0xc0) !== 0x80) count++;
  return count;
}

/** A short, printable rendering of the token at `pos`. */
export function describeToken(bytes: Uint8Array, pos: number, end: number): string {
  if (pos >= end) return 'end of line';
  let stop = pos + 1;
  const first = bytes[pos]!;
  if (first === 34) {
    while (stop < end && stop - pos < 24 && bytes[stop] !== 34) stop++;
    if (stop < end && bytes[stop] === 34) stop++;
  } else if (first !== 123 && first !== 91 && first !== 44 && first !== 58 && first !== 125 && first !== 93) {
    while (stop < end && stop - pos < 24 && !/[\s,:[\]{}]/.test(String.fromCharCode(bytes[stop]!))) stop++;
  }
  const text = new TextDecoder().decode(bytes.subarray(pos, stop));
  return `\`${text}${stop - pos >= 24 ? '…' : ''}\``;
}

/**
 * "expected X at column C, found Y", or, when the line simply ran out, the truncation wording.
 * `lineStart` is where the record's line starts (columns are 1-based characters).
 */
export function syntaxMessage(
  bytes: Uint8Array,
  lineStart: number,
  pos: number,
  end: number,
  expected: string,
): string {
  if (pos >= end) {
    const chars = characterCount(bytes, lineStart, end);
    return `expected a complete JSON record, found end of line after ${chars} characters (truncated?)`;
  }
  const column = characterCount(bytes, lineStart, pos) + 1;
  return `expected ${expected} at column ${column}, found ${describeToken(bytes, pos, end)}`;
}
