// Records of the JSON formats turned into matrices: key-path detection on the first record, the byte
// scan of every record, the shape checks, the block. Shared by JSONL (one record a line) and the
// whole-file JSON format (records anywhere in an array).

import type { MatrixBlock, ParseIssue, ParseResult, ParserOptions } from './types';
import { BlockBuilder } from './scanBlock';
import { JsonRecordScanner, type RecordPlan } from './scanJson';
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
  forcedWidth,
  valueAt,
  type MatrixShape,
  type MatrixWidth,
} from './keyPath';

/** What a worker needs to continue mid-file: the detected key paths and matrix width. */
export interface JsonState {
  matrixKey: string[];
  stepKey: string[] | null;
  width: MatrixWidth | null;
}

function isJsonState(state: unknown): state is JsonState {
  return typeof state === 'object' && state !== null && Array.isArray((state as JsonState).matrixKey);
}

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
    this.addMatrices(shape, ordinal, delta);
    return true;
  }

  /**
   * JSONL's fast path: reads the record at `start` with the chunk end as the only limit, and returns
   * the index of the newline that ends it, or -1 (nothing added, no issue) when the record is not
   * complete and clean there; the line is then read the usual way, which reports what is wrong.
   * This spares a separate newline search over every line.
   */
  readFast(
    bytes: Uint8Array,
    start: number,
    limit: number,
    line: number,
    delta: number,
    ordinal: number,
  ): number {
    const scanner = this.scanner;
    scanner.reset(bytes, start, limit, line, start);
    scanner.singleLine = true;
    if (!scanner.scanRecord(this.plan!)) return -1;
    scanner.skipSpace();
    if (scanner.pos >= limit || bytes[scanner.pos] !== 10) return -1;
    const shape = classifyShape(scanner.dims, scanner.rank + 1);
    if (!shape || (this.width !== undefined && shape.width !== this.width)) return -1;
    this.addMatrices(shape, ordinal, delta);
    return scanner.pos;
  }

  private addMatrices(shape: MatrixShape, ordinal: number, delta: number): void {
    const scanner = this.scanner;
    const plan = this.plan!;
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
      return;
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
  }

  take(): ParseResult {
    const block: MatrixBlock | undefined = this.builder?.take();
    const issues = this.issues;
    this.issues = [];
    return { block, issues };
  }
}
