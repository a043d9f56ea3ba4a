// Text logs with printed tensors (NumPy repr and str, PyTorch, JAX, plain lists), streamed.
//
// Bytes are scanned whole lines at a time: the tail after the last line break waits for the next
// push. The scanner's bracket stack carries over between lines, so a matrix printed over several
// lines (or split across chunks) is found when its last `]` arrives. Scanning works on a one-char-per-
// byte string, so every position is a byte offset; the syntax is ASCII, other bytes are just text.
//
// Steps: the last `step N` / `iter N` / `iteration N` / `global_step N` / `epoch N` marker (also
// `step=N`, `step: N`, `"step": N`) before a matrix's first `[`. Once a finer marker than `epoch` has
// been seen, `epoch` markers are ignored, so `epoch 2 step 1200` lines give the step. A matrix before
// any marker gets its ordinal; `stepSource` is 'logged' as soon as one matrix had a marker.
//
// Representation: forced by the options, else detected. A 3x3 settles it at once (9D). Six-number
// lists are weaker evidence (a config dump such as `mean=[0.485, 0.456, 0.406, 0.229, 0.224, 0.225]`
// may precede the first 3x3), so they are held back until a 3x3 turns up (the log is 9D and they are
// dropped), or SIX_D_EVIDENCE of them were seen, or the final flush (the log is 6D). Once settled,
// matrices of the other width are skipped: a 3x3 in a 6D log with a warning, 6-lists in a 9D log silently.

import { concatBytes } from './bytes';
import { MatrixScanner, type ScannedMatrix, type ScanState } from './matrixTextScanner';
import type {
  MatrixBlock,
  ParseIssue,
  ParseResult,
  ParserOptions,
  Representation,
  ResumePoint,
  StreamParser,
} from './types';

/** `ResumePoint.state` of a text log: JSON- and structured-clone safe. */
export interface TextLogState {
  /** Byte offset of the start of the line `ResumePoint.offset` is on (a resume point may be mid-line). */
  lineStart: number;
  step: number | null;
  fineSeen: boolean;
  representation: Representation | null;
  stepSource: 'logged' | 'ordinal' | null;
}

const LF = 10;
/** Six-number lists seen, with no 3x3 among them, that settle an undetected log as 6D. */
const SIX_D_EVIDENCE = 8;
const BINARY_SLICE = 0x8000;

function makeBinaryDecoder(): (bytes: Uint8Array) => string {
  try {
    // WHATWG 'latin1' is windows-1252: still exactly one UTF-16 unit per byte, which is all we need.
    const decoder = new TextDecoder('latin1');
    return (bytes) => decoder.decode(bytes);
  } catch {
    return (bytes) => {
      let text = '';
      for (let i = 0; i < bytes.length; i += BINARY_SLICE) {
        text += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + BINARY_SLICE)));
      }
      return text;
    };
  }
}

const toBinaryString = makeBinaryDecoder();

class TextLogParser implements StreamParser {
  readonly format = 'text' as const;
  private readonly forcedWidth: 9 | 6 | undefined;
  private width: 9 | 6 | undefined;
  private source: 'logged' | 'ordinal' | undefined;
  private scanner: MatrixScanner;
  private records: number;
  /** Absolute offset of the first byte not yet scanned (the start of the held-back tail). */
  private scannedTo: number;
  private tail: Uint8Array[] = [];
  private tailLength = 0;
  private issues: ParseIssue[] = [];
  /** 6D matrices of a log whose representation is not settled yet (copies: scanner values are scratch). */
  private undecided: ScannedMatrix[] = [];
  // The matrices of the current push, appended as found.
  private values: number[] = [];
  private steps: number[] = [];
  private lines: number[] = [];
  private endLines: number[] = [];
  private offsets: number[] = [];
  private endOffsets: number[] = [];

  constructor(options: ParserOptions, resume: ResumePoint | undefined) {
    const state = (resume?.state ?? undefined) as Partial<TextLogState> | undefined;
    const forced = options.representation;
    this.forcedWidth = forced === '9d' ? 9 : forced === '6d' ? 6 : undefined;
    const resumed = state?.representation;
    this.width = this.forcedWidth ?? (resumed === '9d' ? 9 : resumed === '6d' ? 6 : undefined);
    this.source = state?.stepSource ?? undefined;
    this.records = resume?.records ?? 0;
    this.scannedTo = resume?.offset ?? 0;
    const scanState: ScanState = { step: state?.step ?? NaN, fineSeen: state?.fineSeen ?? false };
    this.scanner = this.newScanner(resume?.line ?? 1, state?.lineStart ?? this.scannedTo, scanState);
  }

  get representation(): Representation | undefined {
    return this.width === undefined ? undefined : this.width === 9 ? '9d' : '6d';
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    return this.source;
  }

  get resume(): ResumePoint {
    const held = this.undecided[0];
    const open = this.scanner.earliestOpenCandidate();
    const at = held
      ? {
          start: held.start,
          line: held.line,
          lineStart: held.lineStart,
          state: { step: held.step, fineSeen: held.fineSeen },
        }
      : (open ?? {
          start: this.scannedTo,
          line: this.scanner.line,
          lineStart: this.scanner.lineStart,
          state: this.scanner.state,
        });
    const state: TextLogState = {
      lineStart: at.lineStart,
      step: Number.isNaN(at.state.step) ? null : at.state.step,
      fineSeen: at.state.fineSeen,
      representation: this.representation ?? null,
      stepSource: this.source ?? null,
    };
    return { offset: at.start, line: at.line, records: this.records, state };
  }

  push(chunk: Uint8Array): ParseResult {
    const lastBreak = chunk.lastIndexOf(LF);
    if (lastBreak < 0) {
      if (chunk.length > 0) this.hold(chunk.slice());
      return this.take();
    }
    this.tail.push(chunk.subarray(0, lastBreak + 1));
    this.tailLength += lastBreak + 1;
    this.scanTail();
    if (lastBreak + 1 < chunk.length) this.hold(chunk.slice(lastBreak + 1));
    return this.take();
  }

  flush(final: boolean): ParseResult {
    if (!final) return this.take();
    this.scanTail();
    const open = this.scanner.earliestOpenCandidate();
    if (open !== undefined) {
      this.issues.push({
        severity: 'warning',
        line: open.line,
        offset: open.lineStart,
        message: "expected ']' to close the matrix that starts here, found the end of the file",
      });
      // The unfinished matrix is dropped: a later push starts from a clean bracket stack.
      this.scanner = this.newScanner(this.scanner.line, this.scanner.lineStart, this.scanner.state);
    }
    if (this.undecided.length > 0) this.settle(6);
    return this.take();
  }

  private newScanner(line: number, lineStart: number, state: ScanState): MatrixScanner {
    return new MatrixScanner(
      (matrix) => this.found(matrix),
      true,
      line,
      lineStart,
      state,
      (malformed) =>
        this.issues.push({
          severity: 'warning',
          line: malformed.line,
          offset: malformed.lineStart,
          message: malformed.message,
        }),
    );
  }

  private hold(bytes: Uint8Array): void {
    this.tail.push(bytes);
    this.tailLength += bytes.length;
  }

  private scanTail(): void {
    if (this.tailLength === 0) return;
    const bytes = concatBytes(this.tail, this.tailLength);
    this.tail = [];
    this.tailLength = 0;
    const text = toBinaryString(bytes);
    this.scanner.scan(text, 0, text.length, this.scannedTo);
    this.scannedTo += bytes.length;
  }

  private settle(width: 9 | 6): void {
    this.width = width;
    const held = this.undecided;
    this.undecided = [];
    if (width === 6) for (const matrix of held) this.accept(matrix);
  }

  private found(matrix: ScannedMatrix): void {
    const width = matrix.width;
    if (this.width === undefined) {
      if (width === 9) this.settle(9);
      else {
        this.undecided.push({ ...matrix, values: matrix.values.slice(0, 6) });
        if (this.undecided.length >= SIX_D_EVIDENCE) this.settle(6);
        return;
      }
    } else if (width !== this.width) {
      if (width === 9) {
        this.issues.push({
          severity: 'warning',
          line: matrix.line,
          offset: matrix.lineStart,
          message:
            'expected a 6D prediction (6 numbers) as in the rest of this log, found a 3x3 matrix; skipped',
        });
      }
      return;
    }
    this.accept(matrix);
  }

  private accept(matrix: ScannedMatrix): void {
    const width = matrix.width;
    const logged = !Number.isNaN(matrix.step);
    if (logged) this.source = 'logged';
    else this.source ??= 'ordinal';
    for (let k = 0; k < width; k++) this.values.push(matrix.values[k]!);
    this.steps.push(logged ? matrix.step : this.records);
    this.lines.push(matrix.line);
    this.endLines.push(matrix.endLine);
    this.offsets.push(matrix.start);
    this.endOffsets.push(matrix.end);
    this.records++;
  }

  private take(): ParseResult {
    const issues = this.issues;
    this.issues = [];
    const count = this.steps.length;
    if (count === 0) return { block: undefined, issues };
    const block: MatrixBlock = {
      width: this.width!,
      count,
      values: Float64Array.from(this.values),
      step: Float64Array.from(this.steps),
      line: Uint32Array.from(this.lines),
      endLine: Uint32Array.from(this.endLines),
      offset: Float64Array.from(this.offsets),
      endOffset: Float64Array.from(this.endOffsets),
    };
    this.values = [];
    this.steps = [];
    this.lines = [];
    this.endLines = [];
    this.offsets = [];
    this.endOffsets = [];
    return { block, issues };
  }
}

/** A streaming parser for text logs with printed matrices; `resume` continues from a later offset. */
export function createTextLogParser(options: ParserOptions = {}, resume?: ResumePoint): StreamParser {
  return new TextLogParser(options, resume);
}
