// Joining the chunks a parser kept (a whole-file format waits for the last one; a text log keeps the
// tail of an unfinished record).

/** parts laid end to end (`total` bytes in all); the part itself when there is only one. */
export function concatBytes(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0]!.length === total) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
