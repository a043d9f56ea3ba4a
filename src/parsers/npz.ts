// `.npz` archives (np.savez / np.savez_compressed): a zip of `.npy` members, read whole.
//
// A zip's directory sits at its end, so an archive is parsed once all of it is in memory; the chosen
// member is then inflated piece by piece straight into the streaming `.npy` parser, so no second
// full copy of it is made. `createNpzParser` wraps this as a StreamParser that buffers pushes and
// parses at flush(true).
//
// The matrix array: `options.key`, else the first array named like a prediction (MATRIX_NAMES, any
// case), else the only array of two or more axes whose trailing axes hold matrices. Step arrays
// and 1-D arrays are never picked by shape alone, so a 9- or 6-element step or loss vector is not
// mistaken for a matrix. The step array: `options.stepKey`, else the first of STEP_NAMES, used
// when it holds one value per step of the matrix array (its first axis).
//
// Offsets: issues give byte offsets into the .npz (a member's local header when the problem is
// inside a member); block offsets are byte offsets into the member's own .npy bytes.

import type { Representation } from '../core/metrics';
import type { MatrixBlock, ParseIssue, ParseResult, ParserOptions, ResumePoint, StreamParser } from './types';
import { halfBitsToNumber } from './float16';
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
import { crc32, entryData, entryPrefix, inflateEntry, readZipDirectory, type ZipEntry } from './npzZip';

export const MATRIX_NAMES = [
  'pred',
  'preds',
  'prediction',
  'predictions',
  'r',
  'rot',
  'rots',
  'rotation',
  'rotations',
  'matrix',
  'matrices',
  'm',
];
export const STEP_NAMES = ['step', 'steps', 'global_step', 'iteration', 'iter', 'it', 'epoch'];

export interface NpzArrayInfo {
  name: string;
  /** The member's `descr` ('<f4', '<i8', ...), or '' when its header could not be read. */
  dtype: string;
  shape: number[];
}

export interface NpzResult {
  arrays: NpzArrayInfo[];
  matrixArray?: string;
  stepArray?: string;
  representation?: Representation;
  block: MatrixBlock | undefined;
  issues: ParseIssue[];
  stepSource: 'logged' | 'ordinal' | undefined;
}

interface Member {
  name: string;
  entry: ZipEntry;
  data: Uint8Array;
  /** Offset of the member's local header in the archive. */
  at: number;
  preamble?: NpyPreamble;
  /** Set when the member holds matrices. */
  header?: NpyHeader;
}

const PEEK_BYTES = 1024;

export function parseNpz(bytes: Uint8Array, options: ParserOptions = {}): NpzResult {
  const issues: ParseIssue[] = [];
  const result = (extra: Partial<NpzResult>): NpzResult => ({
    arrays,
    block: undefined,
    issues,
    stepSource: undefined,
    ...extra,
  });
  const arrays: NpzArrayInfo[] = [];
  const directory = readZipDirectory(bytes);
  if (!Array.isArray(directory)) {
    issues.push({ severity: 'error', message: directory.error, offset: directory.offset });
    return result({});
  }
  const members: Member[] = [];
  for (const entry of directory) {
    if (!entry.name.endsWith('.npy')) continue;
    const member = readMember(bytes, entry, options.representation ?? 'auto', issues);
    if (member === undefined) continue;
    members.push(member);
    arrays.push({
      name: member.name,
      dtype: member.preamble?.descr ?? '',
      shape: member.preamble?.shape ?? [],
    });
  }
  if (members.length === 0) {
    if (issues.length === 0)
      issues.push({ severity: 'error', message: 'the .npz holds no .npy arrays', offset: 0 });
    return result({});
  }

  const chosen = chooseMatrixArray(members, options, issues);
  if (chosen === undefined) return result({});
  const header = chosen.header as NpyHeader;
  const block = decodeMember(chosen, header, options, issues);
  const steps = chooseStepArray(members, chosen, header, options, issues);
  if (steps !== undefined && block !== undefined) {
    for (let i = 0; i < block.count; i++) block.step[i] = steps.values[block.step[i] as number] as number;
  }
  return result({
    matrixArray: chosen.name,
    stepArray: steps?.name,
    representation: header.representation,
    block,
    stepSource: steps === undefined ? 'ordinal' : 'logged',
  });
}

function describe(member: Member): string {
  const p = member.preamble;
  return p === undefined
    ? `${member.name} (unreadable)`
    : `${member.name} ${formatShape(p.shape)} ${p.descr}`;
}

function readMember(
  bytes: Uint8Array,
  entry: ZipEntry,
  representation: 'auto' | Representation,
  issues: ParseIssue[],
): Member | undefined {
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
  const member: Member = { name, entry, data: located.data, at: entry.localOffset };
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

function byName(members: readonly Member[], names: readonly string[]): Member | undefined {
  for (const name of names) {
    const found = members.find((m) => m.name.toLowerCase() === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function chooseMatrixArray(
  members: Member[],
  options: ParserOptions,
  issues: ParseIssue[],
): Member | undefined {
  const listing = members.map(describe).join(', ');
  if (options.key !== undefined) {
    const key = options.key.endsWith('.npy') ? options.key.slice(0, -4) : options.key;
    const member = members.find((m) => m.name === key);
    if (member === undefined) {
      issues.push({
        severity: 'error',
        message: `the .npz has no array '${key}': it holds ${listing}`,
        offset: 0,
      });
      return undefined;
    }
    if (member.header === undefined) {
      const why =
        member.preamble === undefined ? 'its header cannot be read' : headerProblem(member.preamble, options);
      issues.push({
        severity: 'error',
        message: `array '${key}' holds no matrices: ${why}`,
        offset: member.at,
      });
      return undefined;
    }
    return member;
  }
  const holding = members.filter((m) => m.header !== undefined);
  const named = byName(holding, MATRIX_NAMES);
  if (named !== undefined) return named;
  const candidates = holding.filter(
    (m) => (m.preamble?.shape.length ?? 0) >= 2 && !STEP_NAMES.includes(m.name.toLowerCase()),
  );
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    issues.push({
      severity: 'error',
      message: `no array of the .npz holds matrices: expected a float array with trailing axes (..., 3, 3), (..., 9), (..., 6), (..., 2, 3) or (..., 3, 2); found ${listing}`,
      offset: 0,
    });
    return undefined;
  }
  issues.push({
    severity: 'error',
    message: `${candidates.length} arrays of the .npz could hold the matrices: ${candidates.map(describe).join(', ')}; choose one with --key NAME (e.g. --key ${candidates[0]?.name})`,
    offset: 0,
  });
  return undefined;
}

function headerProblem(preamble: NpyPreamble, options: ParserOptions): string {
  const header = interpretNpy(preamble, options.representation ?? 'auto');
  return isNpyHeaderError(header) ? header.error : 'unknown';
}

/** Inflates the member into the .npy parser, collecting its blocks into one. */
function decodeMember(
  member: Member,
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
  const error = inflateEntry(member.data, member.entry.method, (chunk) => {
    crc = crc32(crc, chunk);
    size += chunk.length;
    take(parser.push(chunk));
    return true;
  });
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

function chooseStepArray(
  members: Member[],
  chosen: Member,
  header: NpyHeader,
  options: ParserOptions,
  issues: ParseIssue[],
): { name: string; values: Float64Array } | undefined {
  const others = members.filter((m) => m !== chosen);
  let member: Member | undefined;
  if (options.stepKey !== undefined) {
    const key = options.stepKey.endsWith('.npy') ? options.stepKey.slice(0, -4) : options.stepKey;
    member = others.find((m) => m.name === key);
    if (member === undefined) {
      issues.push({
        severity: 'warning',
        message: `the .npz has no step array '${key}'; using the index along the first axis as the step`,
        offset: 0,
      });
      return undefined;
    }
  } else member = byName(others, STEP_NAMES);
  if (member === undefined) return undefined;
  const fallback = `; using the index along the first axis of '${chosen.name}' as the step`;
  const preamble = member.preamble;
  if (preamble === undefined) {
    issues.push({
      severity: 'warning',
      message: `step array '${member.name}' cannot be read${fallback}`,
      offset: member.at,
    });
    return undefined;
  }
  if (preamble.elements !== header.steps) {
    issues.push({
      severity: 'warning',
      message: `step array '${member.name}' ${formatShape(preamble.shape)} has ${preamble.elements} values, but '${chosen.name}' ${formatShape(header.shape)} has ${header.steps} steps${fallback}`,
      offset: member.at,
    });
    return undefined;
  }
  const values = readNumbers(member, preamble);
  if (typeof values === 'string') {
    issues.push({
      severity: 'warning',
      message: `step array '${member.name}': ${values}${fallback}`,
      offset: member.at,
    });
    return undefined;
  }
  return { name: member.name, values };
}

/** A small numeric array (int, uint or float of any width and byte order) as Float64 values. */
function readNumbers(member: Member, preamble: NpyPreamble): Float64Array | string {
  const match = /^([<>|=])([iuf])([1248])$/.exec(preamble.descr);
  if (match === null) return `unsupported dtype '${preamble.descr}': expected integers or floats`;
  const little = match[1] !== '>';
  const kind = match[2];
  const size = Number(match[3]);
  if (kind === 'f' && size === 1) return `unsupported dtype '${preamble.descr}'`;
  const length = preamble.dataOffset + preamble.elements * size;
  const { bytes, error } = entryPrefix(member.data, member.entry.method, length);
  if (error !== undefined) return `corrupt compressed data (${error})`;
  if (bytes.length < length) return `the data ends early: expected ${length} bytes, found ${bytes.length}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset + preamble.dataOffset, preamble.elements * size);
  const values = new Float64Array(preamble.elements);
  for (let i = 0; i < values.length; i++) values[i] = readNumber(view, i * size, kind, size, little);
  return values;
}

function readNumber(
  view: DataView,
  at: number,
  kind: string | undefined,
  size: number,
  little: boolean,
): number {
  if (kind === 'f') {
    if (size === 8) return view.getFloat64(at, little);
    if (size === 4) return view.getFloat32(at, little);
    return halfBitsToNumber(view.getUint16(at, little));
  }
  const signed = kind === 'i';
  switch (size) {
    case 1:
      return signed ? view.getInt8(at) : view.getUint8(at);
    case 2:
      return signed ? view.getInt16(at, little) : view.getUint16(at, little);
    case 4:
      return signed ? view.getInt32(at, little) : view.getUint32(at, little);
    default: {
      const low = view.getUint32(little ? at : at + 4, little);
      const high = signed
        ? view.getInt32(little ? at + 4 : at, little)
        : view.getUint32(little ? at + 4 : at, little);
      return high * 2 ** 32 + low;
    }
  }
}

/**
 * StreamParser face of `parseNpz`: pushes are buffered (a zip cannot be read before its end) and
 * the archive is parsed at flush(true). flush(false) returns nothing and keeps the bytes.
 */
export function createNpzParser(options: ParserOptions = {}): StreamParser {
  return new NpzStreamParser(options);
}

class NpzStreamParser implements StreamParser {
  readonly format = 'npz' as const;
  private chunks: Uint8Array[] = [];
  private size = 0;
  private parsed: NpzResult | undefined;

  constructor(private readonly options: ParserOptions) {}

  get representation(): Representation | undefined {
    return this.parsed?.representation;
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    return this.parsed?.stepSource;
  }

  get resume(): ResumePoint {
    const done = this.parsed !== undefined;
    return {
      offset: done ? this.size : 0,
      line: 0,
      records: this.parsed?.block?.count ?? 0,
      state: undefined,
    };
  }

  push(chunk: Uint8Array): ParseResult {
    if (this.parsed === undefined && chunk.length > 0) {
      this.chunks.push(chunk.slice());
      this.size += chunk.length;
    }
    return { block: undefined, issues: [] };
  }

  flush(final: boolean): ParseResult {
    if (!final || this.parsed !== undefined) return { block: undefined, issues: [] };
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.chunks = [];
    this.parsed = parseNpz(bytes, this.options);
    return { block: this.parsed.block, issues: this.parsed.issues };
  }
}
