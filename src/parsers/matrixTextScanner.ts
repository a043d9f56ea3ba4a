// A one-pass bracket scanner that finds every 3x3 (or 6D) matrix printed in free text.
//
// It keeps a stack of open `[` lists and, for each, only what decides whether it is a matrix: how
// many numbers or child lists it holds, their lengths, and the first nine values. Each character is
// looked at a bounded number of times, so a 5 MB line costs linear time and no regex can backtrack.
// The state survives between `scan` calls, so a log can be fed line by line (tokens never span a
// line break, which is why callers cut their input at line ends).
//
// A list is a matrix by its own content alone, never by its parent's:
//   - 9 numbers (flat, row-major), or 3 lists of 3 numbers, or MATLAB `a b c; d e f; g h i`  -> 9D
//   - 6 numbers (a1 then a2), or 2 lists of 3 (rows a1, a2), or 3 lists of 2 (columns a1, a2) -> 6D
// so the matrices of a batch `[[[..]], [[..]]]` are found one by one and the batch itself is not.
// Three lists of numbers, at least two of them of 3, that fail only on a row (`[[..3], [..3], [..2]]`)
// are reported as a malformed matrix.

import * as tokens from './matrixTextTokens';

// Module-local copies: CommonJS interop (tsx, ts-node) turns each imported name into a getter call,
// which costs more than the work itself in a per-character loop.
const {
  CH_APOSTROPHE,
  CH_BRACKET_CLOSE,
  CH_BRACKET_OPEN,
  CH_COLON,
  CH_COMMA,
  CH_CR,
  CH_EQUALS,
  CH_HASH,
  CH_LF,
  CH_MINUS,
  CH_PAREN_OPEN,
  CH_PAREN_CLOSE,
  CH_PLUS,
  CH_QUOTE,
  CH_SEMICOLON,
  CH_SPACE,
  CH_TAB,
  CH_DOT,
  isDigit,
  isLetter,
  scanNumber,
  scanned,
  skipJunk,
  wordEnd,
} = tokens;

const CH_SLASH = 47;

/** Deeper lists are only counted: no printed matrix needs more than a few levels of batch around it. */
const MAX_TRACKED_DEPTH = 64;
/** How far after a `step` word its number may follow (`step: 100`, `"step": 100`, `Step [100/600]`). */
const MARKER_LOOKAHEAD = 24;

class Frame {
  start = 0;
  line = 0;
  lineStart = 0;
  /** Step marker state when the list opened: what a resumed scan must restore. */
  step = NaN;
  fineSeen = false;
  /** A token that is no number (a word, a quote, `...`) appeared directly inside. */
  invalid = false;
  /** Whether the structure so far (numbers only, or lists of numbers only) still fits a matrix. */
  shapeOk = true;
  /** Lists of numbers whose lengths differ, or one of them holds a non-number: a malformed matrix. */
  ragged = false;
  nums = 0;
  lists = 0;
  childLen = -1;
  /** Lengths of the first three child lists; -1 for one that is not all numbers. */
  readonly rowLens = new Int32Array(3);
  semicolons = 0;
  rowNums = 0;
  rowLen = -1;
  rowsOk = true;
  readonly values = new Float64Array(9);

  reset(start: number, line: number, lineStart: number, step: number, fineSeen: boolean): void {
    this.start = start;
    this.line = line;
    this.lineStart = lineStart;
    this.step = step;
    this.fineSeen = fineSeen;
    this.invalid = false;
    this.shapeOk = true;
    this.ragged = false;
    this.nums = 0;
    this.lists = 0;
    this.childLen = -1;
    this.semicolons = 0;
    this.rowNums = 0;
    this.rowLen = -1;
    this.rowsOk = true;
  }

  /** Whether this list, still open, could yet become a matrix (or a row of one), or be reported as a malformed one. */
  get candidate(): boolean {
    if (this.invalid) return false;
    if (this.lists === 0) return this.nums <= 9;
    return this.nums === 0 && this.shapeOk && this.lists <= 3 && this.semicolons === 0;
  }
}

/** One matrix found: `values` is scratch, valid only during the callback. */
export interface ScannedMatrix {
  start: number;
  end: number;
  line: number;
  /** Absolute offset of the start of `line` (where an issue about this matrix points). */
  lineStart: number;
  endLine: number;
  width: 9 | 6;
  values: Float64Array;
  /** The step marker in force when the matrix opened; NaN when none has been seen. */
  step: number;
  /** Marker state when the matrix opened, with `step`: where a scan resumed at `start` begins. */
  fineSeen: boolean;
}

/** A list that looks like a 3x3 matrix with a broken row, e.g. rows of 3, 3 and 2 numbers. */
export interface MalformedMatrix {
  start: number;
  line: number;
  lineStart: number;
  message: string;
}

export interface ScanState {
  /** Current step marker (NaN: none seen yet). */
  step: number;
  /** Whether a fine marker (`step`, `iter`, ...) has been seen: from then on `epoch` markers are ignored. */
  fineSeen: boolean;
}

type MarkerKind = 'fine' | 'coarse';

function markerKind(text: string, i: number, j: number): MarkerKind | undefined {
  const length = j - i;
  if (length !== 4 && length !== 5 && length !== 9 && length !== 11) return undefined;
  const word = text.slice(i, j).toLowerCase();
  if (word === 'step' || word === 'iter' || word === 'iteration' || word === 'global_step') return 'fine';
  if (word === 'epoch') return 'coarse';
  return undefined;
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== CH_SPACE && c !== CH_TAB) break;
    i++;
  }
  return i;
}

/** The number of a marker word ending at `i`, or NaN. Bounded lookahead, never past the line's end. */
function markerValue(text: string, i: number, end: number): number {
  const limit = Math.min(end, i + MARKER_LOOKAHEAD);
  let j = skipSpaces(text, i, limit);
  let c = text.charCodeAt(j);
  if (j < limit && (c === CH_QUOTE || c === CH_APOSTROPHE)) j = skipSpaces(text, j + 1, limit);
  c = text.charCodeAt(j);
  if (j < limit && (c === CH_EQUALS || c === CH_COLON)) j = skipSpaces(text, j + 1, limit);
  c = text.charCodeAt(j);
  const bracketed = j < limit && (c === CH_BRACKET_OPEN || c === CH_PAREN_OPEN);
  if (bracketed || (j < limit && c === CH_HASH)) j = skipSpaces(text, j + 1, limit);
  const digitsStart = j;
  while (j < end && isDigit(text.charCodeAt(j))) j++;
  if (j === digitsStart) return NaN;
  if (j + 1 < end && text.charCodeAt(j) === CH_DOT && isDigit(text.charCodeAt(j + 1))) {
    j++;
    while (j < end && isDigit(text.charCodeAt(j))) j++;
  }
  const after = j < end ? text.charCodeAt(j) : -1;
  if (isLetter(after)) return NaN;
  // `Step [100/600]` or `step (5)` is a marker; `step [1, 0, 0, ...]` is a matrix, not step 1.
  if (bracketed && after !== CH_SLASH && after !== CH_BRACKET_CLOSE && after !== CH_PAREN_CLOSE) return NaN;
  return Number(text.slice(digitsStart, j));
}

export class MatrixScanner {
  /** 1-based line of the next character scanned, and the absolute offset where that line starts. */
  line: number;
  lineStart: number;
  state: ScanState;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private readonly scratch = new Float64Array(9);
  private readonly found: ScannedMatrix;

  constructor(
    private readonly onMatrix: (matrix: ScannedMatrix) => void,
    private readonly markers: boolean,
    line = 1,
    lineStart = 0,
    state: ScanState = { step: NaN, fineSeen: false },
    private readonly onMalformed?: (malformed: MalformedMatrix) => void,
  ) {
    this.line = line;
    this.lineStart = lineStart;
    this.state = { ...state };
    this.found = {
      start: 0,
      end: 0,
      line: 0,
      lineStart: 0,
      endLine: 0,
      width: 9,
      values: this.scratch,
      step: NaN,
      fineSeen: false,
    };
  }

  /** Open lists that could still become matrices: the earliest one is where a resumed scan must start. */
  earliestOpenCandidate(): { start: number; line: number; lineStart: number; state: ScanState } | undefined {
    const tracked = Math.min(this.depth, MAX_TRACKED_DEPTH);
    for (let d = 0; d < tracked; d++) {
      const frame = this.frames[d]!;
      if (frame.candidate)
        return {
          start: frame.start,
          line: frame.line,
          lineStart: frame.lineStart,
          state: { step: frame.step, fineSeen: frame.fineSeen },
        };
    }
    return undefined;
  }

  /** Scans text[from, to); absolute position of text[i] is `base + i`. Tokens must not cross `to`. */
  scan(text: string, from: number, to: number, base: number): void {
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === CH_LF) {
        this.line++;
        i++;
        this.lineStart = base + i;
      } else if (c === CH_SPACE || c === CH_COMMA || c === CH_TAB || c === CH_CR) {
        i++;
      } else if (c === CH_BRACKET_OPEN) {
        this.open(base + i);
        i++;
      } else if (c === CH_BRACKET_CLOSE) {
        this.close(base + i + 1);
        i++;
      } else if (isDigit(c) || c === CH_MINUS || c === CH_PLUS || c === CH_DOT) {
        i = this.number(text, i, to);
      } else if (isLetter(c)) {
        i = this.word(text, i, to);
      } else if (c === CH_SEMICOLON) {
        this.semicolon();
        i++;
      } else {
        this.invalidateTop();
        i++;
      }
    }
  }

  private top(): Frame | undefined {
    return this.depth > 0 && this.depth <= MAX_TRACKED_DEPTH ? this.frames[this.depth - 1] : undefined;
  }

  private invalidateTop(): void {
    const frame = this.top();
    if (frame) frame.invalid = true;
  }

  private number(text: string, i: number, to: number): number {
    const frame = this.top();
    if (frame === undefined) {
      if (this.depth > 0) {
        const j = scanNumber(text, i, to, false);
        return j < 0 ? skipJunk(text, i, to) : j;
      }
      // Outside any list a number is just text: skip a run of digits in one go, a lone sign or dot by itself.
      return isDigit(text.charCodeAt(i)) ? skipJunk(text, i, to) : i + 1;
    }
    const wanted = !frame.invalid && frame.shapeOk && frame.nums < 9;
    const j = scanNumber(text, i, to, wanted);
    if (j < 0) {
      frame.invalid = true;
      return skipJunk(text, i, to);
    }
    this.addNumber(frame, wanted ? scanned.value : 0);
    return j;
  }

  private addNumber(frame: Frame, value: number): void {
    if (frame.lists > 0) frame.shapeOk = false;
    if (frame.nums < 9) frame.values[frame.nums] = value;
    frame.nums++;
    frame.rowNums++;
  }

  private word(text: string, i: number, to: number): number {
    const j = wordEnd(text, i, to);
    if (this.markers) this.marker(text, i, j, to);
    const frame = this.top();
    if (frame !== undefined && !frame.invalid) {
      const k = scanNumber(text, i, to, true);
      if (k === j) this.addNumber(frame, scanned.value);
      else frame.invalid = true;
    }
    return j;
  }

  private marker(text: string, i: number, j: number, to: number): void {
    const kind = markerKind(text, i, j);
    if (kind === undefined) return;
    if (kind === 'coarse' && this.state.fineSeen) return;
    const value = markerValue(text, j, to);
    if (Number.isNaN(value)) return;
    this.state.step = value;
    if (kind === 'fine') this.state.fineSeen = true;
  }

  private semicolon(): void {
    const frame = this.top();
    if (frame === undefined) return;
    if (frame.lists > 0 || frame.rowNums === 0) frame.rowsOk = false;
    else if (frame.rowLen < 0) frame.rowLen = frame.rowNums;
    else if (frame.rowLen !== frame.rowNums) frame.rowsOk = false;
    frame.rowNums = 0;
    frame.semicolons++;
  }

  private open(start: number): void {
    const parent = this.top();
    this.depth++;
    if (this.depth > MAX_TRACKED_DEPTH) {
      if (parent) parent.shapeOk = false;
      return;
    }
    if (parent) {
      parent.lists++;
      if (parent.nums > 0 || parent.semicolons > 0) parent.shapeOk = false;
    }
    let frame = this.frames[this.depth - 1];
    if (frame === undefined) {
      frame = new Frame();
      this.frames.push(frame);
    }
    frame.reset(start, this.line, this.lineStart, this.state.step, this.state.fineSeen);
  }

  private close(end: number): void {
    if (this.depth === 0) return;
    if (this.depth > MAX_TRACKED_DEPTH) {
      this.depth--;
      return;
    }
    const frame = this.frames[this.depth - 1]!;
    this.depth--;
    const parent = this.top();
    if (frame.invalid) {
      if (parent && frame.lists === 0) this.addRow(parent, -1);
      else if (parent) parent.shapeOk = false;
      return;
    }
    if (frame.lists === 0) {
      if (frame.semicolons > 0) this.closeRows(frame, end);
      else this.closeFlat(frame, end, parent);
      if (parent && frame.semicolons > 0) parent.shapeOk = false;
      return;
    }
    if (frame.nums === 0 && frame.shapeOk && frame.semicolons === 0) {
      if (!frame.ragged) this.closeNested(frame, end);
      else if (frame.lists === 3) this.reportRagged(frame);
    }
    if (parent) parent.shapeOk = false;
  }

  /** Records a closed child list of `n` numbers (-1: not all numbers) in its parent. */
  private addRow(parent: Frame, n: number): void {
    const row = parent.lists - 1;
    if (row < 3) parent.rowLens[row] = n;
    if (n < 0) parent.ragged = true;
    else if (parent.childLen < 0) parent.childLen = n;
    else if (parent.childLen !== n) parent.ragged = true;
  }

  private reportRagged(frame: Frame): void {
    if (this.onMalformed === undefined) return;
    const lens = Array.from(frame.rowLens);
    if (lens.filter((n) => n === 3).length < 2) return;
    const found = lens.includes(-1)
      ? `rows of ${lens.filter((n) => n >= 0).join(' and ')} numbers and a row that is not all numbers`
      : `rows of ${lens.slice(0, 2).join(', ')} and ${lens[2]} numbers`;
    this.onMalformed({
      start: frame.start,
      line: frame.line,
      lineStart: frame.lineStart,
      message: `expected 3 rows of 3 numbers (a 3x3 matrix), found ${found}`,
    });
  }

  private closeFlat(frame: Frame, end: number, parent: Frame | undefined): void {
    const n = frame.nums;
    if (n === 9 || n === 6) this.emit(frame, end, n, frame.values);
    if (parent === undefined || !parent.shapeOk) return;
    // A child that is a matrix itself (6 or 9 numbers) makes its parent a batch: never a candidate,
    // so no resume point is ever placed before a matrix that was already reported.
    if (n === 0 || n === 6 || n >= 9) {
      parent.shapeOk = false;
      return;
    }
    this.addRow(parent, n);
    const row = parent.lists - 1;
    if (!parent.ragged && row < 3 && n <= 3) {
      for (let k = 0; k < n; k++) parent.values[3 * row + k] = frame.values[k]!;
    }
  }

  private closeNested(frame: Frame, end: number): void {
    const { lists, childLen, values } = frame;
    if (lists === 3 && childLen === 3) this.emit(frame, end, 9, values);
    else if (lists === 2 && childLen === 3) this.emit(frame, end, 6, values);
    else if (lists === 3 && childLen === 2) {
      // Rows of a 3x2 are stored at stride 3; its columns are a1 and a2.
      const out = this.scratch;
      out[0] = values[0]!;
      out[1] = values[3]!;
      out[2] = values[6]!;
      out[3] = values[1]!;
      out[4] = values[4]!;
      out[5] = values[7]!;
      this.emit(frame, end, 6, out);
    }
  }

  private closeRows(frame: Frame, end: number): void {
    let rows = frame.semicolons;
    if (frame.rowNums > 0) {
      rows++;
      if (frame.rowLen !== frame.rowNums) frame.rowsOk = false;
    }
    if (!frame.rowsOk) return;
    const cols = frame.rowLen;
    if (rows === 3 && cols === 3) this.emit(frame, end, 9, frame.values);
    else if (rows === 2 && cols === 3) this.emit(frame, end, 6, frame.values);
    else if (rows === 3 && cols === 2) {
      const v = frame.values;
      const out = this.scratch;
      out[0] = v[0]!;
      out[1] = v[2]!;
      out[2] = v[4]!;
      out[3] = v[1]!;
      out[4] = v[3]!;
      out[5] = v[5]!;
      this.emit(frame, end, 6, out);
    }
  }

  private emit(frame: Frame, end: number, width: 9 | 6, values: Float64Array): void {
    const found = this.found;
    found.start = frame.start;
    found.end = end;
    found.line = frame.line;
    found.lineStart = frame.lineStart;
    found.endLine = this.line;
    found.width = width;
    found.values = values;
    found.step = frame.step;
    found.fineSeen = frame.fineSeen;
    this.onMatrix(found);
  }
}
