// A whole JSON file holding an array of records (or one record), as json.dump(records, f) writes it,
// indented or not. Meant for small files: the stream parser buffers everything and reads at the final
// flush. Records are read by the same scanner as JSONL, so every matrix keeps its own lines and bytes.

import { concatBytes } from './bytes';
import type {
  LogFormat,
  ParseIssue,
  ParseResult,
  ParserOptions,
  Representation,
  ResumePoint,
  StreamParser,
} from './types';
import { RecordReader } from './scanRecord';
import { JsonRecordScanner } from './scanJson';
import { syntaxMessage } from './scanMessage';

export interface JsonArrayResult extends ParseResult {
  representation: Representation | undefined;
  stepSource: 'logged' | 'ordinal' | undefined;
  /** Records (array elements) read. */
  records: number;
}

export function parseJsonArray(bytes: Uint8Array, options: ParserOptions = {}): JsonArrayResult {
  const reader = new RecordReader(options, undefined);
  const walker = new JsonRecordScanner();
  const end = bytes.length;
  let start = 0;
  if (end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  walker.reset(bytes, start, end, 1, 0);
  walker.skipSpace();
  const extra: ParseIssue[] = [];
  const syntaxIssue = (expected: string) =>
    extra.push({
      severity: 'error',
      message: syntaxMessage(bytes, walker.lineStart, walker.pos, end, expected).replace(
        'end of line',
        'end of file',
      ),
      line: walker.line,
      offset: walker.lineStart,
    });

  let records = 0;
  const readElement = (): boolean => {
    const at = walker.pos;
    const line = walker.line;
    const lineStart = walker.lineStart;
    const ordinal = records++;
    if (reader.plan || reader.detect(bytes, at, end, lineStart, line, lineStart)) {
      if (reader.read(bytes, at, end, line, lineStart, 0, ordinal, false)) {
        const scanner = reader.scanner;
        walker.reset(bytes, scanner.pos, end, scanner.line, scanner.lineStart);
        return true;
      }
    }
    if (reader.ranOut) {
      // The file ends inside this element: nothing after it to resynchronise on.
      const last = reader.issues[reader.issues.length - 1];
      if (last) last.message = last.message.replace('found end of line', 'found end of file');
      return false;
    }
    // Skip the element as a whole to reach the next one.
    walker.reset(bytes, at, end, line, lineStart);
    if (walker.skipOne()) return true;
    walker.pos = walker.errorPos;
    syntaxIssue(walker.errorExpected);
    return false;
  };

  const first = walker.pos < end ? bytes[walker.pos] : -1;
  if (first === 123) readElement();
  else if (first === 91) {
    walker.pos++;
    walker.skipSpace();
    if (walker.pos < end && bytes[walker.pos] === 93) walker.pos++;
    else {
      for (;;) {
        if (!readElement()) break;
        walker.skipSpace();
        const c = walker.pos < end ? bytes[walker.pos] : -1;
        walker.pos++;
        if (c === 44) {
          walker.skipSpace();
          continue;
        }
        walker.pos--;
        if (c !== 93) syntaxIssue('`,` or `]`');
        else walker.pos++;
        break;
      }
    }
  } else syntaxIssue('`[` or `{` starting the file');
  const { block, issues } = reader.take();
  return {
    block,
    issues: [...issues, ...extra].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    representation: reader.width === undefined ? undefined : reader.width === 9 ? '9d' : '6d',
    stepSource: reader.stepSource,
    records,
  };
}

class JsonParser implements StreamParser {
  readonly format: LogFormat = 'json';
  private chunks: Uint8Array[] = [];
  private size = 0;
  private result: JsonArrayResult | undefined;

  constructor(private readonly options: ParserOptions) {}

  get resume(): ResumePoint {
    const done = this.result !== undefined;
    return { offset: done ? this.size : 0, line: 1, records: this.result?.records ?? 0, state: undefined };
  }

  get representation(): Representation | undefined {
    return this.result?.representation;
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    return this.result?.stepSource;
  }

  push(chunk: Uint8Array): ParseResult {
    this.chunks.push(chunk.slice());
    this.size += chunk.length;
    return { block: undefined, issues: [] };
  }

  /** The file is read only at the final flush: a half-written JSON array is not a file yet. */
  flush(final: boolean): ParseResult {
    if (!final || this.result) return { block: undefined, issues: [] };
    const bytes = concatBytes(this.chunks, this.size);
    this.chunks = [];
    this.result = parseJsonArray(bytes, this.options);
    return { block: this.result.block, issues: this.result.issues };
  }
}

export function createJsonParser(options: ParserOptions = {}): StreamParser {
  return new JsonParser(options);
}
