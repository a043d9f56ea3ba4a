// Test helper for the line-based parsers: feeds bytes in chunks and collects every matrix and issue
// into plain objects that deepEqual can compare.
import type { ParseIssue, ParseResult, StreamParser } from '../../../src/parsers/types';

export interface CollectedMatrix {
  values: number[];
  step: number;
  line: number;
  endLine: number;
  offset: number;
  endOffset: number;
}

export interface Collected {
  matrices: CollectedMatrix[];
  issues: ParseIssue[];
}

export function gather(result: ParseResult, into: Collected): void {
  into.issues.push(...result.issues);
  const block = result.block;
  if (!block) return;
  for (let i = 0; i < block.count; i++) {
    into.matrices.push({
      values: Array.from(block.values.subarray(i * block.width, (i + 1) * block.width)),
      step: block.step[i]!,
      line: block.line[i]!,
      endLine: block.endLine[i]!,
      offset: block.offset[i]!,
      endOffset: block.endOffset[i]!,
    });
  }
}

/** Pushes `bytes` in chunks of `chunkSize` (the whole at once when omitted), then flushes. */
export function collect(
  parser: StreamParser,
  bytes: Uint8Array,
  chunkSize = bytes.length,
  final = true,
): Collected {
  const into: Collected = { matrices: [], issues: [] };
  const size = Math.max(1, chunkSize);
  for (let at = 0; at < bytes.length; at += size) gather(parser.push(bytes.subarray(at, at + size)), into);
  gather(parser.flush(final), into);
  return into;
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** det of a row-major 3x3 matrix. */
export function det3(m: number[]): number {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}
