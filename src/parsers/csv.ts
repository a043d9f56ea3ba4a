// CSV / TSV: a header naming the matrix columns, then one matrix a row; rows that share a step form
// that step's batch. The delimiter is sniffed from the header (comma, tab, semicolon, pipe, else runs
// of whitespace as np.savetxt writes them). Quoted fields with "" escapes may span lines. A leading
// `#` on the header (np.savetxt's header=) is dropped; other `#` lines are comments.
//
// Rows are read from bytes: each field is located, then parsed in place by the number reader only
// if the header gave it a role (matrix entry or step).

import type {
  LogFormat,
  ParseIssue,
  ParseResult,
  ParserOptions,
  Representation,
  ResumePoint,
  StreamParser,
} from './types';
import { BlockBuilder } from './scanBlock';
import { LineSplitter } from './scanLines';
import { NumberReader } from './number';
import { describeToken } from './scanMessage';
import { readHeader, WHITESPACE, type CsvLayout } from './scanCsvHeader';
import { forcedWidth } from './keyPath';

/** Resume state: the header, so a worker can read a byte range that starts after it. */
export interface CsvState {
  layout: CsvLayout;
}

const STEP_ROLE = -2;
const IGNORED = -1;
const decoder = new TextDecoder();

/** Index of the quote closing a quoted cell whose text starts at `p` ("" is an escaped quote), or `end`. */
function closingQuote(bytes: Uint8Array, p: number, end: number): number {
  while (p < end) {
    if (bytes[p] === 34) {
      if (p + 1 < end && bytes[p + 1] === 34) p += 2;
      else return p;
    } else p++;
  }
  return end;
}

function isCsvState(state: unknown): state is CsvState {
  return typeof state === 'object' && state !== null && typeof (state as CsvState).layout === 'object';
}

class CsvParser implements StreamParser {
  private readonly lines: LineSplitter;
  private layout: CsvLayout | undefined;
  /** Role of each field: a matrix slot (0..width-1), STEP_ROLE or IGNORED. */
  private roles = new Int16Array(0);
  private builder: BlockBuilder | undefined;
  private issues: ParseIssue[] = [];
  private records: number;
  private headerFailed = false;
  private readonly numbers = new NumberReader();
  private rowValues = new Float64Array(9);
  /** A quoted field still open at the end of a line: the record so far, and where it started. */
  private pending: Uint8Array | undefined;
  private pendingAt = { offset: 0, line: 0, records: 0 };

  constructor(
    readonly format: LogFormat,
    private readonly options: ParserOptions,
    resume: ResumePoint | undefined,
  ) {
    this.records = resume?.records ?? 0;
    if (isCsvState(resume?.state)) this.setLayout(resume.state.layout);
    this.lines = new LineSplitter(
      resume?.offset ?? 0,
      resume?.line ?? 1,
      (bytes, start, end, line, offset, terminated) =>
        this.readLine(bytes, start, end, line, offset, terminated),
      (bytes, start, limit, line, offset) => this.readRowFast(bytes, start, limit, line, offset),
    );
  }

  get resume(): ResumePoint {
    const at = this.pending
      ? this.pendingAt
      : { offset: this.lines.offset, line: this.lines.line, records: this.records };
    return { ...at, state: this.layout ? { layout: this.layout } : undefined };
  }

  get representation(): Representation | undefined {
    return this.layout ? (this.layout.width === 9 ? '9d' : '6d') : undefined;
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    return this.layout ? (this.layout.stepColumn >= 0 ? 'logged' : 'ordinal') : undefined;
  }

  push(chunk: Uint8Array): ParseResult {
    this.lines.push(chunk);
    return this.take();
  }

  flush(final: boolean): ParseResult {
    this.lines.flush(final);
    if (final && this.pending) {
      const { line } = this.pendingAt;
      this.issues.push({
        severity: 'error',
        message: 'expected a closing quote, found end of file (truncated?)',
        line,
        offset: this.pendingAt.offset,
      });
      this.pending = undefined;
      this.lines.offset = this.pendingAt.offset;
      this.lines.line = line;
      this.records = this.pendingAt.records;
    }
    return this.take();
  }

  private take(): ParseResult {
    const issues = this.issues;
    this.issues = [];
    return { block: this.builder?.take(), issues };
  }

  private setLayout(layout: CsvLayout): void {
    this.layout = layout;
    this.roles = new Int16Array(layout.names.length).fill(IGNORED);
    layout.matrixColumns.forEach((field, slot) => (this.roles[field] = slot));
    if (layout.stepColumn >= 0) this.roles[layout.stepColumn] = STEP_ROLE;
    this.builder = new BlockBuilder(layout.width);
  }

  private readLine(
    bytes: Uint8Array,
    start: number,
    end: number,
    line: number,
    offset: number,
    terminated: boolean,
  ): boolean {
    if (this.pending) return this.continuePending(bytes, start, end);
    let first = start;
    while (first < end && (bytes[first] === 32 || bytes[first] === 9)) first++;
    if (first === end) return true;
    if (!this.layout) return this.readHeaderLine(bytes, first, end, line, offset);
    if (bytes[first] === 35) return true;
    if (!this.readRow(bytes, start, end, line, line, offset - start)) {
      if (!terminated) return this.unfinished(line, offset);
      this.pending = bytes.slice(start, end);
      this.pendingAt = { offset, line, records: this.records };
    }
    return true;
  }

  private unfinished(line: number, offset: number): false {
    this.issues.push({
      severity: 'error',
      message: 'expected a closing quote, found end of file (truncated?)',
      line,
      offset,
    });
    return false;
  }

  private continuePending(bytes: Uint8Array, start: number, end: number): boolean {
    const before = this.pending!;
    const joined = new Uint8Array(before.length + 1 + end - start);
    joined.set(before);
    joined[before.length] = 10;
    joined.set(bytes.subarray(start, end), before.length + 1);
    const { offset, line } = this.pendingAt;
    let endLine = line;
    for (const byte of joined) if (byte === 10) endLine++;
    // Still open: keep gathering lines (at the final flush the open record is reported).
    this.pending = this.readRow(joined, 0, joined.length, line, endLine, offset) ? undefined : joined;
    return true;
  }

  private readHeaderLine(
    bytes: Uint8Array,
    start: number,
    end: number,
    line: number,
    offset: number,
  ): boolean {
    if (this.headerFailed) return true;
    let text = decoder.decode(bytes.subarray(start, end));
    const commented = text.startsWith('#');
    if (commented) text = text.replace(/^#+\s*/, '');
    const layout = readHeader(text, {
      delimiter: this.format === 'tsv' ? 9 : undefined,
      columns: this.options.columns,
      stepKey: this.options.stepKey,
      width: forcedWidth(this.options),
    });
    if (typeof layout === 'string') {
      if (commented) return true;
      this.headerFailed = true;
      this.issues.push({ severity: 'error', message: layout, line, offset });
      return true;
    }
    this.setLayout(layout);
    return true;
  }

  /**
   * One data row (it may span lines when a quoted cell holds a newline). Returns false, recording
   * nothing, when a quoted cell is still open at `end`: the record goes on at the next line.
   */
  private readRow(
    bytes: Uint8Array,
    start: number,
    end: number,
    line: number,
    endLine: number,
    delta: number,
  ): boolean {
    const layout = this.layout!;
    const roles = this.roles;
    const numbers = this.numbers;
    const values = this.rowValues;
    const delimiter = layout.delimiter;
    const ordinal = this.records;
    let step = ordinal;
    let seen = 0;
    let problem = '';
    const wanted = layout.width + (layout.stepColumn >= 0 ? 1 : 0);
    let field = 0;
    let p = start;
    for (; field < roles.length && p <= end; field++) {
      if (delimiter === WHITESPACE) {
        while (p < end && (bytes[p] === 32 || bytes[p] === 9)) p++;
        if (p === end) break;
      }
      const role = roles[field]!;
      const first = p < end ? bytes[p]! : -1;
      // The usual cell: a number right at the start, directly followed by the delimiter or the end.
      if (role !== IGNORED && first !== 34 && first !== 32 && first !== 9 && numbers.read(bytes, p, end)) {
        const after = numbers.end;
        const next = after < end ? bytes[after]! : -1;
        if (
          after === end ||
          next === delimiter ||
          (delimiter === WHITESPACE && (next === 32 || next === 9))
        ) {
          if (role === STEP_ROLE) step = numbers.value;
          else values[role] = numbers.value;
          seen++;
          p = after + 1;
          continue;
        }
      }
      let cellStart = p;
      let cellEnd: number;
      if (first === 34) {
        cellStart = p + 1;
        p = closingQuote(bytes, cellStart, end);
        if (p >= end) return false;
        cellEnd = p;
        p = this.cellEnd(bytes, p, end, delimiter);
      } else {
        p = this.cellEnd(bytes, p, end, delimiter);
        cellEnd = p;
      }
      p++;
      if (role === IGNORED || problem) continue;
      let a = cellStart;
      let b = cellEnd;
      while (a < b && (bytes[a] === 32 || bytes[a] === 9)) a++;
      while (b > a && (bytes[b - 1] === 32 || bytes[b - 1] === 9)) b--;
      if (a === b || !numbers.read(bytes, a, b) || numbers.end !== b) {
        const found = a === b ? 'an empty cell' : describeToken(bytes, a, b);
        problem = `expected a number in column ${layout.names[field]}, found ${found}`;
        continue;
      }
      if (role === STEP_ROLE) step = numbers.value;
      else values[role] = numbers.value;
      seen++;
    }
    if (p < end && this.openQuoteIn(bytes, p, end, delimiter)) return false;
    this.records++;
    if (!problem && seen < wanted) {
      const missing = layout.names[this.firstMissingRole(field)] ?? '?';
      problem = `expected a number in column ${missing}, found no cell (the row has ${field} cells)`;
    }
    if (problem) this.rowIssue(problem, line, start + delta);
    else this.builder!.add(values, 0, false, step, line, endLine, start + delta, end + delta);
    return true;
  }

  /**
   * The common row read without a newline search first: unquoted numeric cells up to a newline.
   * Returns the newline's index, or -1 (nothing recorded) to leave the line to readLine, which
   * handles everything else (quotes, comments, blank lines, bad cells) and reports problems.
   */
  private readRowFast(bytes: Uint8Array, start: number, limit: number, line: number, offset: number): number {
    const layout = this.layout;
    if (!layout || this.pending || offset === 0) return -1;
    const roles = this.roles;
    const numbers = this.numbers;
    const values = this.rowValues;
    const delimiter = layout.delimiter;
    const whitespace = delimiter === WHITESPACE;
    let step = this.records;
    let p = start;
    for (let field = 0; field < roles.length; field++) {
      if (whitespace) while (p < limit && (bytes[p] === 32 || bytes[p] === 9)) p++;
      const first = p < limit ? bytes[p]! : -1;
      if (
        first === 34 ||
        first === 10 ||
        first === 13 ||
        first === 35 ||
        (!whitespace && (first === 32 || first === 9))
      ) {
        return -1;
      }
      const role = roles[field]!;
      if (role === IGNORED) {
        while (p < limit) {
          const c = bytes[p]!;
          if (c === delimiter || c === 10 || c === 13 || (whitespace && (c === 32 || c === 9))) break;
          if (c === 34) return -1;
          p++;
        }
      } else {
        if (!numbers.read(bytes, p, limit)) return -1;
        p = numbers.end;
        if (role === STEP_ROLE) step = numbers.value;
        else values[role] = numbers.value;
      }
      const c = p < limit ? bytes[p]! : -1;
      if (c === 10 || c === 13) {
        // The row ends here: fine only if no column the header gives a role to is missing.
        if (field + 1 < roles.length && this.firstMissingRole(field + 1) < roles.length) return -1;
        break;
      }
      if (c === delimiter || (whitespace && (c === 32 || c === 9))) p++;
      else return -1;
    }
    // Cells past the header's last column: skipped, but a quote there needs the careful path.
    while (p < limit && bytes[p] !== 10) {
      if (bytes[p] === 34) return -1;
      p++;
    }
    if (p >= limit) return -1;
    const end = p > start && bytes[p - 1] === 13 ? p - 1 : p;
    const delta = offset - start;
    this.records++;
    this.builder!.add(values, 0, false, step, line, line, start + delta, end + delta);
    return p;
  }

  /** Whether the cells after the header's last column leave a quoted cell open at `end`. */
  private openQuoteIn(bytes: Uint8Array, p: number, end: number, delimiter: number): boolean {
    while (p < end) {
      if (delimiter === WHITESPACE) while (p < end && (bytes[p] === 32 || bytes[p] === 9)) p++;
      if (p < end && bytes[p] === 34) {
        p = closingQuote(bytes, p + 1, end);
        if (p >= end) return true;
      }
      p = this.cellEnd(bytes, p, end, delimiter) + 1;
    }
    return false;
  }

  private firstMissingRole(fieldsRead: number): number {
    for (let f = fieldsRead; f < this.roles.length; f++) if (this.roles[f] !== IGNORED) return f;
    return fieldsRead;
  }

  /** Index of the delimiter (or the end) that closes the cell containing `p`. */
  private cellEnd(bytes: Uint8Array, p: number, end: number, delimiter: number): number {
    if (delimiter === WHITESPACE) {
      while (p < end && bytes[p] !== 32 && bytes[p] !== 9) p++;
    } else {
      while (p < end && bytes[p] !== delimiter) p++;
    }
    return p;
  }

  private rowIssue(message: string, line: number, offset: number): void {
    this.issues.push({ severity: 'error', message, line, offset });
  }
}

/** CSV (delimiter sniffed from the header) or TSV (tab-separated). */
export function createCsvParser(
  options: ParserOptions = {},
  resume?: ResumePoint,
  format: 'csv' | 'tsv' = 'csv',
): StreamParser {
  return new CsvParser(format, options, resume);
}
