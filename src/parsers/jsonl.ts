// JSONL / NDJSON: one record a line, as Python's json.dumps writes it (bare NaN / Infinity included).
//
// The first record that holds a matrix-shaped field fixes the key paths (detected with a slow generic
// parse, or given by options.key / options.stepKey); every line is then read by the byte scanner.
// A bad line becomes one issue and the next line is read as usual. Lines are split on `\n` with the
// bytes after the last newline carried to the next push; `\r` before a newline is dropped.

import type {
  LogFormat,
  MatrixBlock,
  ParseIssue,
  ParseResult,
  ParserOptions,
  ResumePoint,
  StreamParser,
} from './types';
import type { Representation } from './types';
import { BlockBuilder } from './scanBlock';
import { JsonRecordScanner, type RecordPlan } from './scanJson';
import { LineSplitter } from './scanLines';
import { readJsonValue } from './scanJsonValue';
import { syntaxMessage, describeToken } from './scanMessage';
import {
  classifyShape,
  compileKeyPath,
  describeKeyPath,
  describeShape,
  expectedShapes,
  findMatrixPath,
  findStepPath,
  valueAt,
  type MatrixWidth,
} from './keyPath';

/** What a worker needs to continue mid-file: the detected key paths and matrix width. */
export interface JsonState {
  matrixKey: string[];
  stepKey: string[] | null;
  width: MatrixWidth | null;
}

export function forcedWidth(options: ParserOptions): MatrixWidth | undefined {
  if (options.representation === '9d') return 9;
  if (options.representation === '6d') return 6;
  return undefined;
}

function isJsonState(state: unknown): state is JsonState {
  return typeof state === 'object' && state !== null && Array.isArray((state as JsonState).matrixKey);
}

/**
 * Turns records into matrices: key detection, the scan, shape checks, the block. Shared by the JSONL
 * parser (one record a line) and the whole-file JSON parser (records anywhere in an array).
 */
export class RecordReader {
  readonly scanner = new JsonRecordScanner();
  plan: RecordPlan | undefined;
  width: MatrixWidth | undefined;
  builder: BlockBuilder | undefined;
  issues: ParseIssue[] = [];
  /** Whether the last record read ran out of bytes before it was complete (truncated). */
  ranOut = false;

  constructor(
    private readonly options: ParserOptions,
    state: unknown,
  ) {
    this.width = forcedWidth(options);
    if (isJsonState(state)) {
      this.plan = {
        matrix: compileKeyPath(state.matrixKey),
        step: state.stepKey ? compileKeyPath(state.stepKey) : undefined,
      };
      if (state.width !== null) this.width = state.width;
    }
  }

  get state(): JsonState | undefined {
    if (!this.plan) return undefined;
    return {
      matrixKey: [...this.plan.matrix.names],
      stepKey: this.plan.step ? [...this.plan.step.names] : null,
      width: this.width ?? null,
    };
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    if (!this.plan) return undefined;
    return this.plan.step ? 'logged' : 'ordinal';
  }

  issue(severity: 'error' | 'warning', message: string, line: number, offset: number): void {
    this.issues.push({ severity, message, line, offset });
  }

  /**
   * Fixes the key paths from the record at bytes[start, end) (generic parse). False, with an issue,
   * when the record cannot be parsed or holds no matrix yet.
   */
  detect(
    bytes: Uint8Array,
    start: number,
    end: number,
    lineStart: number,
    line: number,
    offset: number,
  ): boolean {
    const parsed = readJsonValue(bytes, start, end);
    this.ranOut = parsed.value === undefined && parsed.errorPos >= end;
    if (parsed.value === undefined) {
      this.issue(
        'error',
        syntaxMessage(bytes, lineStart, parsed.errorPos, end, parsed.expected),
        line,
        offset,
      );
      return false;
    }
    const record = parsed.value;
    const key = this.options.key;
    const matrixKey = key !== undefined ? compileKeyPath(key).names : findMatrixPath(record, this.width);
    if (matrixKey === undefined || valueAt(record, matrixKey) === undefined) {
      if (key !== undefined) {
        this.issue(
          'error',
          `expected a matrix at ${describeKeyPath(matrixKey!)}, found no such key`,
          line,
          offset,
        );
      } else {
        const keys =
          record !== null && typeof record === 'object' && !Array.isArray(record) ? Object.keys(record) : [];
        const found = keys.length ? `none among the keys ${keys.slice(0, 8).join(', ')}` : 'none';
        this.issue(
          'warning',
          `expected a record with ${expectedShapes(this.width)}, found ${found}`,
          line,
          offset,
        );
      }
      return false;
    }
    const stepKey =
      this.options.stepKey !== undefined ? compileKeyPath(this.options.stepKey).names : findStepPath(record);
    this.plan = { matrix: compileKeyPath(matrixKey), step: stepKey ? compileKeyPath(stepKey) : undefined };
    return true;
  }

  /**
   * Scans the record at bytes[start, end) and adds its matrices. `delta` turns an index into a file
   * offset; `ordinal` is the step when none is logged; `toEnd` requires nothing but spaces after it.
   */
  read(
    bytes: Uint8Array,
    start: number,
    end: number,
    line: number,
    lineStart: number,
    delta: number,
    ordinal: number,
    toEnd: boolean,
  ): boolean {
    const scanner = this.scanner;
    const plan = this.plan!;
    const lineOffset = lineStart + delta;
    scanner.reset(bytes, start, end, line, lineStart);
    this.ranOut = false;
    if (!scanner.scanRecord(plan)) {
      this.ranOut = !scanner.problem && scanner.errorPos >= end;
      const message =
        scanner.problem ||
        syntaxMessage(bytes, scanner.lineStart, scanner.errorPos, end, scanner.errorExpected);
      this.issue('error', message, scanner.problem ? line : scanner.line, lineOffset);
      return false;
    }
    if (toEnd) {
      scanner.skipSpace();
      if (scanner.pos < end) {
        const found = describeToken(bytes, scanner.pos, end);
        this.issue(
          'error',
          `expected the end of the line after the record, found ${found}`,
          line,
          lineOffset,
        );
        return false;
      }
    }
    const rank = scanner.rank + 1;
    const shape = classifyShape(scanner.dims, rank);
    if (!shape || (this.width !== undefined && shape.width !== this.width)) {
      const found = describeShape(scanner.dims, rank);
      const where = describeKeyPath(plan.matrix.names);
      this.issue(
        'error',
        `expected ${expectedShapes(this.width)} at ${where}, found ${found}`,
        line,
        lineOffset,
      );
      return false;
    }
    this.width = shape.width;
    const builder = (this.builder ??= new BlockBuilder(shape.width));
    const step = plan.step ? scanner.stepValue : ordinal;
    if (!shape.batched) {
      builder.add(
        scanner.values,
        0,
        shape.columns,
        step,
        scanner.matrixLine,
        scanner.matrixEndLine,
        scanner.matrixStart + delta,
        scanner.matrixEnd + delta,
      );
      return true;
    }
    const width = shape.width;
    for (let i = 0; i < shape.count; i++) {
      builder.add(
        scanner.values,
        i * width,
        shape.columns,
        step,
        scanner.childLine[i]!,
        scanner.childEndLine[i]!,
        scanner.childStart[i]! + delta,
        scanner.childEnd[i]! + delta,
      );
    }
    return true;
  }

  take(): ParseResult {
    const block: MatrixBlock | undefined = this.builder?.take();
    const issues = this.issues;
    this.issues = [];
    return { block, issues };
  }
}

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
