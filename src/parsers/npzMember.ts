// One `.npy` member of an `.npz`: located in the archive, its header peeked at without inflating
// the rest, and, for the chosen matrix array, inflated piece by piece into the .npy stream parser.

import type { Representation } from '../core/metrics';
import type { MatrixBlock, ParseIssue, ParseResult, ParserOptions } from './types';
import { createNpyParser } from './npy';
import { allocateBlock } from './npyDecode';
import {
  formatShape,
  interpretNpy,
  isNpyHeaderError,
  readNpyPreamble,
  type NpyHeader,
  type NpyPreamble,
} from './npyHeader';
import { crc32, entryData, entryPrefix, inflateEntry, inflateWhole, type ZipEntry } from './npzZip';

export interface NpzMember {
  name: string;
  entry: ZipEntry;
  data: Uint8Array;
  /** Offset of the member's local header in the archive. */
  at: number;
  preamble?: NpyPreamble;
  /** Set when the member holds matrices. */
  header?: NpyHeader;
}

/** Enough for NumPy's headers (64-byte aligned, usually 128 bytes); longer ones are read again. */
const PEEK_BYTES = 1024;

export function describe(member: NpzMember): string {
  const p = member.preamble;
  return p === undefined
    ? `${member.name} (unreadable)`
    : `${member.name} ${formatShape(p.shape)} ${p.descr}`;
}

export function readMember(
  bytes: Uint8Array,
  entry: ZipEntry,
  representation: 'auto' | Representation,
  issues: ParseIssue[],
): NpzMember | undefined {
  const name = entry.name.slice(0, -'.npy'.length);
  const located = entryData(bytes, entry);
  if ('error' in located) {
    issues.push({
      severity: 'warning',
      message: `array '${name}' skipped: ${located.error}`,
      offset: located.offset,
    });
    return undefined;
  }
  const member: NpzMember = { name, entry, data: located.data, at: entry.localOffset };
  let want = PEEK_BYTES;
  for (;;) {
    const prefix = entryPrefix(located.data, entry.method, want);
    const preamble = readNpyPreamble(prefix.bytes);
    if (isNpyHeaderError(preamble)) {
      if (prefix.error !== undefined) {
        issues.push({
          severity: 'warning',
          message: `array '${name}': corrupt compressed data (${prefix.error})`,
          offset: member.at,
        });
        return member;
      }
      if (preamble.needed !== undefined && preamble.needed > want && prefix.bytes.length === want) {
        want = preamble.needed;
        continue;
      }
      issues.push({ severity: 'warning', message: `array '${name}': ${preamble.error}`, offset: member.at });
      return member;
    }
    member.preamble = preamble;
    const header = interpretNpy(preamble, representation);
    if (!isNpyHeaderError(header)) member.header = header;
    return member;
  }
}

export function byName(members: readonly NpzMember[], names: readonly string[]): NpzMember | undefined {
  for (const name of names) {
    const found = members.find((m) => m.name.toLowerCase() === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Inflates the member into the .npy parser, collecting its blocks into one. */
export function decodeMember(
  member: NpzMember,
  header: NpyHeader,
  options: ParserOptions,
  issues: ParseIssue[],
): MatrixBlock | undefined {
  const parser = createNpyParser(options);
  const blocks: MatrixBlock[] = [];
  const take = (result: ParseResult): void => {
    if (result.block !== undefined) blocks.push(result.block);
    for (const issue of result.issues) {
      const where =
        issue.offset === undefined ? '' : ` at byte offset ${issue.offset} of ${member.entry.name}`;
      issues.push({
        severity: issue.severity,
        message: `array '${member.name}'${where}: ${issue.message}`,
        offset: member.at,
      });
    }
  };
  let crc = 0;
  let size = 0;
  let error: string | undefined;
  const whole = inflateWhole(member.data, member.entry.method, member.entry.size);
  if (whole !== undefined) {
    crc = crc32(0, whole);
    size = whole.length;
    take(parser.push(whole));
  } else {
    error = inflateEntry(member.data, member.entry.method, (chunk) => {
      crc = crc32(crc, chunk);
      size += chunk.length;
      take(parser.push(chunk));
      return true;
    });
  }
  if (error !== undefined) {
    issues.push({
      severity: 'error',
      message: `array '${member.name}': corrupt compressed data (${error}); keeping the matrices before it`,
      offset: member.at,
    });
  } else if (crc !== member.entry.crc || size !== member.entry.size) {
    issues.push({
      severity: 'error',
      message:
        `array '${member.name}' is corrupt: expected ${member.entry.size} bytes with CRC-32 ${hex(member.entry.crc)}, ` +
        `found ${size} bytes with CRC-32 ${hex(crc)}; its values may be wrong`,
      offset: member.at,
    });
  }
  const flushed = parser.flush(true);
  // After an inflate error the parser's "data ends early" would only repeat it.
  take(error === undefined ? flushed : { block: flushed.block, issues: [] });
  return concatBlocks(header.width, blocks);
}

const hex = (n: number): string => n.toString(16).padStart(8, '0');

function concatBlocks(width: 9 | 6, blocks: MatrixBlock[]): MatrixBlock | undefined {
  if (blocks.length <= 1) return blocks[0];
  const total = blocks.reduce((sum, b) => sum + b.count, 0);
  const out = allocateBlock(width, total);
  let at = 0;
  for (const b of blocks) {
    out.values.set(b.values, at * width);
    out.step.set(b.step, at);
    out.offset.set(b.offset, at);
    out.endOffset.set(b.endOffset, at);
    at += b.count;
  }
  return out;
}
