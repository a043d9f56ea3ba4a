// JSONL / NDJSON: one record a line, as Python's json.dumps writes it (bare NaN / Infinity included).
//
// The first record that holds a matrix-shaped field fixes the key paths (detected with a slow generic
// parse, or given by options.key / options.stepKey); every line is then read by the byte scanner.
// A bad line becomes one issue and the next line is read as usual. Lines are split on `\n` with the
// bytes after the last newline carried to the next push; `\r` before a newline is dropped.

import type {
  LogFormat,
  ParseResult,
  ParserOptions,
  Representation,
  ResumePoint,
  StreamParser,
} from './types';
import { LineSplitter } from './scanLines';
import { RecordReader } from './scanRecord';

export type { JsonState } from './scanRecord';

class JsonlParser implements StreamParser {
  readonly format: LogFormat = 'jsonl';
  private readonly reader: RecordReader;
  private readonly lines: LineSplitter;
  /** Records (non-blank lines) consumed: the ordinal of the next one. */
  private records: number;

  constructor(options: ParserOptions, resume: ResumePoint | undefined) {
    this.reader = new RecordReader(options, resume?.state);
    this.records = resume?.records ?? 0;
    this.lines = new LineSplitter(
      resume?.offset ?? 0,
      resume?.line ?? 1,
      (bytes, start, end, line, offset, terminated) =>
        this.readLine(bytes, start, end, line, offset, terminated),
      (bytes, start, limit, line, offset) => this.readFast(bytes, start, limit, line, offset),
    );
  }

  get resume(): ResumePoint {
    return {
      offset: this.lines.offset,
      line: this.lines.line,
      records: this.records,
      state: this.reader.state,
    };
  }

  get representation(): Representation | undefined {
    const width = this.reader.builder?.width ?? (this.reader.plan ? this.reader.width : undefined);
    return width === undefined ? undefined : width === 9 ? '9d' : '6d';
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    return this.reader.stepSource;
  }

  push(chunk: Uint8Array): ParseResult {
    this.lines.push(chunk);
    return this.reader.take();
  }

  flush(final: boolean): ParseResult {
    this.lines.flush(final);
    return this.reader.take();
  }

  /** A clean record line read without a newline search first; -1 leaves the line to readLine. */
  private readFast(bytes: Uint8Array, start: number, limit: number, line: number, offset: number): number {
    // The first line of the file may start with a BOM, and before detection there is no plan.
    if (offset === 0 || !this.reader.plan) return -1;
    const end = this.reader.readFast(bytes, start, limit, line, offset - start, this.records);
    if (end >= 0) this.records++;
    return end;
  }

  private readLine(
    bytes: Uint8Array,
    start: number,
    end: number,
    line: number,
    offset: number,
    terminated: boolean,
  ): boolean {
    let first = start;
    while (first < end && (bytes[first] === 32 || bytes[first] === 9 || bytes[first] === 13)) first++;
    if (first === end) return true;
    const ordinal = this.records++;
    const reader = this.reader;
    const issuesBefore = reader.issues.length;
    reader.ranOut = false;
    if (reader.plan || reader.detect(bytes, first, end, start, line, offset)) {
      reader.read(bytes, first, end, line, start, offset - start, ordinal, true);
    }
    if (terminated) return true;
    for (let i = issuesBefore; i < reader.issues.length; i++) {
      const issue = reader.issues[i]!;
      issue.message = issue.message.replace('found end of line', 'found end of file');
    }
    // An unfinished last record is not consumed: a resumed read starts at it again.
    if (reader.ranOut) this.records = ordinal;
    return !reader.ranOut;
  }
}

export function createJsonlParser(options: ParserOptions = {}, resume?: ResumePoint): StreamParser {
  return new JsonlParser(options, resume);
}
