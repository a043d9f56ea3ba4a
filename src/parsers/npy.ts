// Streaming `.npy` parser: header, then matrices converted straight from each pushed chunk.
//
// C order: the chunk is converted in place as far as whole matrices go; only the bytes of one
// partial matrix are carried to the next push. Step = the index along the first axis (ordinal);
// further leading axes are flattened into the batch, so (T, A, B, 3, 3) is T steps of A*B matrices.
//
// Fortran order cannot be streamed per matrix (the first axis varies fastest, so every matrix's
// last element sits near the end of the file): the data section is buffered and the matrices are
// emitted once it is complete (or, if it never completes, at flush(true): the matrices whose
// elements all arrived, plus one issue).
//
// Resuming: `resume.state` carries the header, so a parser can start at any matrix-aligned byte
// offset of the data section (`npyResumeAt`) and give the same steps and offsets as a full parse.
// Binary files have no lines: `line`, `endLine` and `resume.line` are 0.

import type { Representation } from '../core/metrics';
import type { MatrixBlock, ParseIssue, ParseResult, ParserOptions, ResumePoint, StreamParser } from './types';
import { allocateBlock, columnsToSixD, gatherFortran, NpyConverter } from './npyDecode';
import {
  interpretNpy,
  isNpyHeaderError,
  readNpyPreamble,
  type NpyHeader,
  type NpyHeaderError,
} from './npyHeader';

export { readNpyHeader, formatShape, type NpyHeader, type NpyHeaderError, type NpyLayout } from './npyHeader';

/** `ResumePoint.state` of a `.npy` parse. */
export interface NpyResumeState {
  kind: 'npy';
  header: NpyHeader;
  /** Stop after this many matrices (a worker's slab end); the header's count when absent. */
  end?: number;
}

/** A resume point at matrix `first` of the data section, optionally stopping before matrix `end`. */
export function npyResumeAt(header: NpyHeader, first: number, end?: number): ResumePoint {
  const state: NpyResumeState = end === undefined ? { kind: 'npy', header } : { kind: 'npy', header, end };
  return { offset: header.dataOffset + first * header.matrixBytes, line: 0, records: first, state };
}

/**
 * Splits a C-order file into at most `parts` matrix-aligned byte ranges [start, end) covering the
 * data section, each with the resume point a worker's parser starts from (a Fortran-order file
 * gives one range). An empty array has no slabs.
 */
export function npySlabs(
  header: NpyHeader,
  parts: number,
): Array<{ start: number; end: number; resume: ResumePoint }> {
  const slabs: Array<{ start: number; end: number; resume: ResumePoint }> = [];
  // Fortran order spreads every matrix over the whole section: one slab, read by one parser.
  const wanted = header.fortranOrder ? 1 : Math.floor(parts);
  const count = Math.max(1, Math.min(wanted, header.matrices));
  for (let i = 0; i < count; i++) {
    const first = Math.floor((header.matrices * i) / count);
    const last = Math.floor((header.matrices * (i + 1)) / count);
    if (last === first) continue;
    slabs.push({
      start: header.dataOffset + first * header.matrixBytes,
      end: header.dataOffset + last * header.matrixBytes,
      resume: npyResumeAt(header, first, last),
    });
  }
  return slabs;
}

export function createNpyParser(options: ParserOptions = {}, resume?: ResumePoint): StreamParser {
  return new NpyStreamParser(options.representation ?? 'auto', resume);
}

function isHeaderState(state: unknown): state is NpyResumeState {
  if (state === null || typeof state !== 'object') return false;
  const { kind, header } = state as { kind?: unknown; header?: unknown };
  if (kind !== 'npy' || header === null || typeof header !== 'object') return false;
  const h = header as Partial<NpyHeader>;
  return (
    typeof h.descr === 'string' &&
    Array.isArray(h.shape) &&
    typeof h.fortranOrder === 'boolean' &&
    typeof h.dataOffset === 'number' &&
    typeof h.headerLength === 'number'
  );
}

class NpyStreamParser implements StreamParser {
  readonly format = 'npy' as const;
  private header: NpyHeader | undefined;
  private converter: NpyConverter | undefined;
  /** Header phase: the bytes read so far and how many are needed before trying again. */
  private headerBytes = new Uint8Array(16);
  private headerFill = 0;
  private headerNeeded = 10;
  private lastHeaderError: NpyHeaderError | undefined;
  private failed = false;
  private pending: ParseIssue[] = [];
  /** Matrices emitted (C order) and the matrix count to stop at. */
  private consumed = 0;
  private end = 0;
  private partial = new Uint8Array(0);
  private partialFill = 0;
  /** Fortran order: the buffered data section. */
  private fortranData: Uint8Array | undefined;
  private fortranFill = 0;
  private fortranDone = false;
  private bytesAfterData = 0;
  private finished = false;

  constructor(
    private readonly representationWanted: 'auto' | Representation,
    resume: ResumePoint | undefined,
  ) {
    if (resume === undefined || (resume.offset === 0 && resume.state === undefined)) return;
    this.startFromResume(resume);
  }

  get representation(): Representation | undefined {
    return this.header?.representation;
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    return this.header === undefined ? undefined : 'ordinal';
  }

  get resume(): ResumePoint {
    const header = this.header;
    if (header === undefined) return { offset: 0, line: 0, records: 0, state: undefined };
    const end = this.end === header.matrices ? undefined : this.end;
    if (header.fortranOrder) return npyResumeAt(header, this.fortranDone ? header.matrices : 0, end);
    return npyResumeAt(header, this.consumed, end);
  }

  push(chunk: Uint8Array): ParseResult {
    if (this.failed || this.finished) return this.takePending();
    let pos = 0;
    if (this.header === undefined) {
      pos = this.readHeader(chunk);
      if (this.header === undefined) return this.takePending();
    }
    const block = this.header.fortranOrder ? this.pushFortran(chunk, pos) : this.pushC(chunk, pos);
    return { block, issues: this.takePending().issues };
  }

  flush(final: boolean): ParseResult {
    if (!final || this.failed || this.finished) return this.takePending();
    this.finished = true;
    const header = this.header;
    if (header === undefined) {
      const error = this.lastHeaderError ?? readNpyPreamble(this.headerBytes.subarray(0, this.headerFill));
      const message = isNpyHeaderError(error) ? error.error : 'the file ends inside the .npy header';
      this.pending.push({ severity: 'error', message, offset: isNpyHeaderError(error) ? error.offset : 0 });
      return this.takePending();
    }
    let block: MatrixBlock | undefined;
    if (header.fortranOrder) block = this.flushFortran(header);
    else if (this.consumed < this.end) {
      const at = header.dataOffset + this.consumed * header.matrixBytes;
      this.pending.push({
        severity: 'error',
        message:
          `the data ends early: expected ${this.end} matrices of ${header.matrixBytes} bytes from byte offset ${header.dataOffset}, ` +
          `found ${this.consumed} whole matrices and ${this.partialFill} bytes of matrix ${this.consumed} at byte offset ${at}`,
        offset: at,
      });
      this.partialFill = 0;
    }
    if (this.bytesAfterData > 0) {
      const at = header.dataOffset + header.dataBytes;
      this.pending.push({
        severity: 'warning',
        message: `expected the file to end after the data section at byte offset ${at}; found ${this.bytesAfterData} more bytes, ignored`,
        offset: at,
      });
    }
    return { block, issues: this.takePending().issues };
  }

  private takePending(): ParseResult {
    const issues = this.pending;
    this.pending = [];
    return { block: undefined, issues };
  }

  private fail(message: string, offset: number): void {
    this.failed = true;
    this.pending.push({ severity: 'error', message, offset });
  }

  private startFromResume(resume: ResumePoint): void {
    if (!isHeaderState(resume.state)) {
      this.fail(
        `cannot resume at byte offset ${resume.offset}: the resume point carries no .npy header`,
        resume.offset,
      );
      return;
    }
    const header = resume.state.header;
    const checked = interpretNpy(header, this.representationWanted);
    if (isNpyHeaderError(checked)) {
      this.fail(checked.error, checked.offset);
      return;
    }
    this.useHeader(checked);
    const end = resume.state.end ?? checked.matrices;
    const records = resume.records;
    const expected = checked.dataOffset + records * checked.matrixBytes;
    const validRecords = Number.isSafeInteger(records) && records >= 0 && records <= checked.matrices;
    if (!validRecords || resume.offset !== expected || !(end >= records && end <= checked.matrices)) {
      this.fail(
        `cannot resume at byte offset ${resume.offset}: expected a matrix boundary (${checked.dataOffset} + k * ${checked.matrixBytes}, k = ${records}) ending at most at matrix ${checked.matrices}`,
        resume.offset,
      );
      return;
    }
    if (checked.fortranOrder && records !== 0 && records !== checked.matrices) {
      this.fail(
        `cannot resume Fortran-order data at matrix ${records}: it can only be read from the start of the data section`,
        resume.offset,
      );
      return;
    }
    this.end = checked.fortranOrder ? checked.matrices : end;
    this.consumed = records;
    if (checked.fortranOrder && records === checked.matrices) this.fortranDone = true;
  }

  private useHeader(header: NpyHeader): void {
    this.header = header;
    this.converter = new NpyConverter(header);
    this.end = header.matrices;
    this.partial = new Uint8Array(header.matrixBytes);
  }

  /** Consumes header bytes from `chunk`; returns the position of the first data byte in it. */
  private readHeader(chunk: Uint8Array): number {
    let pos = 0;
    while (this.header === undefined && !this.failed && pos < chunk.length) {
      const take = Math.min(chunk.length - pos, this.headerNeeded - this.headerFill);
      if (this.headerBytes.length < this.headerNeeded) {
        const grown = new Uint8Array(this.headerNeeded);
        grown.set(this.headerBytes.subarray(0, this.headerFill));
        this.headerBytes = grown;
      }
      this.headerBytes.set(chunk.subarray(pos, pos + take), this.headerFill);
      this.headerFill += take;
      pos += take;
      const bytes = this.headerBytes.subarray(0, this.headerFill);
      const preamble = readNpyPreamble(bytes);
      if (isNpyHeaderError(preamble)) {
        if (preamble.needed !== undefined && preamble.needed > this.headerFill) {
          this.headerNeeded = preamble.needed;
          this.lastHeaderError = preamble;
          continue;
        }
        this.fail(preamble.error, preamble.offset);
        break;
      }
      const header = interpretNpy(preamble, this.representationWanted);
      if (isNpyHeaderError(header)) this.fail(header.error, header.offset);
      else this.useHeader(header);
    }
    return pos;
  }

  private pushC(chunk: Uint8Array, from: number): MatrixBlock | undefined {
    const header = this.header as NpyHeader;
    const converter = this.converter as NpyConverter;
    const size = header.matrixBytes;
    const remaining = this.end - this.consumed;
    let available = chunk.length - from;
    const complete = Math.min(remaining, Math.floor((this.partialFill + available) / size));
    const block = complete > 0 ? allocateBlock(header.width, complete) : undefined;
    let pos = from;
    let written = 0;
    if (this.partialFill > 0 && remaining > 0) {
      const take = Math.min(size - this.partialFill, available);
      this.partial.set(chunk.subarray(pos, pos + take), this.partialFill);
      this.partialFill += take;
      pos += take;
      available -= take;
      if (this.partialFill === size && block !== undefined) {
        converter.elements(this.partial, 0, header.width, block.values, 0);
        this.partialFill = 0;
        written = 1;
      }
    }
    const direct = complete - written;
    if (direct > 0 && block !== undefined) {
      converter.elements(chunk, pos, direct * header.width, block.values, written * header.width);
      pos += direct * size;
      available -= direct * size;
      written += direct;
    }
    if (this.consumed + written < this.end && available > 0) {
      this.partial.set(chunk.subarray(pos, pos + available), this.partialFill);
      this.partialFill += available;
      available = 0;
    }
    // Past a worker's slab end come the next slab's matrices, not stray bytes.
    if (this.end === header.matrices) this.bytesAfterData += available;
    if (block === undefined) return undefined;
    if (header.layout === '3x2') columnsToSixD(block.values, 0, block.count);
    for (let i = 0; i < block.count; i++) {
      const k = this.consumed + i;
      block.step[i] = Math.floor(k / header.batch);
      const offset = header.dataOffset + k * size;
      block.offset[i] = offset;
      block.endOffset[i] = offset + size;
    }
    this.consumed += block.count;
    return block;
  }

  private pushFortran(chunk: Uint8Array, from: number): MatrixBlock | undefined {
    const header = this.header as NpyHeader;
    const incoming = chunk.length - from;
    if (this.fortranDone) {
      this.bytesAfterData += incoming;
      return undefined;
    }
    const take = Math.min(incoming, header.dataBytes - this.fortranFill);
    this.bytesAfterData += incoming - take;
    // Grow geometrically rather than trusting the header's size: a corrupt shape must not allocate terabytes.
    const needed = this.fortranFill + take;
    if (this.fortranData === undefined || this.fortranData.length < needed) {
      const grown = new Uint8Array(
        Math.min(header.dataBytes, Math.max(needed, 2 * (this.fortranData?.length ?? 0), 1 << 16)),
      );
      if (this.fortranData !== undefined) grown.set(this.fortranData.subarray(0, this.fortranFill));
      this.fortranData = grown;
    }
    this.fortranData.set(chunk.subarray(from, from + take), this.fortranFill);
    this.fortranFill += take;
    if (this.fortranFill < header.dataBytes) return undefined;
    return this.completeFortran(header);
  }

  private completeFortran(header: NpyHeader): MatrixBlock | undefined {
    this.fortranDone = true;
    const data = this.fortranData ?? new Uint8Array(0);
    this.fortranData = undefined;
    this.consumed = header.matrices;
    return gatherFortran(header, data, header.dataBytes);
  }

  private flushFortran(header: NpyHeader): MatrixBlock | undefined {
    if (this.fortranDone) return undefined;
    if (header.dataBytes === 0) return this.completeFortran(header);
    const data = this.fortranData ?? new Uint8Array(0);
    const block = gatherFortran(header, data, this.fortranFill);
    const found = block?.count ?? 0;
    this.pending.push({
      severity: 'error',
      message:
        `the data ends early: expected ${header.dataBytes} bytes of Fortran-order data from byte offset ${header.dataOffset}, ` +
        `found ${this.fortranFill}; ${found} of ${header.matrices} matrices are complete`,
      offset: header.dataOffset + this.fortranFill,
    });
    this.fortranData = undefined;
    return block;
  }
}
