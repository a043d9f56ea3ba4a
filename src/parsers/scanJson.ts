// The hot path of the JSON formats: one pass over a record's bytes that finds the matrix and step
// fields by name, skips everything else without building it, and reads the matrix numbers straight
// into a Float64Array. Records need not share a layout: keys are matched per record, not by position.
//
// Skipped values are checked only for what delimits them (quotes, brackets, separators), which is
// enough to catch a truncated or garbled line without paying for full validation of fields nobody reads.

import { NumberReader } from './number';
import type { KeyPath } from './keyPath';
import { describeKeyPath } from './keyPath';
import { describeToken } from './scanMessage';

export interface RecordPlan {
  matrix: KeyPath;
  step: KeyPath | undefined;
}

const MAX_RANK = 3;
const MAX_SKIP_DEPTH = 256;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

export class JsonRecordScanner {
  bytes: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  /** Current 1-based line and the index where it starts: only multi-line JSON moves them. */
  line = 1;
  lineStart = 0;
  /** JSONL's fast path scans up to the chunk end: a newline then ends the record instead of being space. */
  singleLine = false;

  /** A syntax problem: where, and what was expected there (see scanMessage.syntaxMessage). */
  errorPos = -1;
  errorExpected = '';
  /** A well-formed record that does not hold what it should: the whole message. */
  problem = '';

  matrixFound = false;
  stepFound = false;
  stepValue = 0;
  /** Numbers of the matrix field in text order, and its nested-list shape. */
  values: Float64Array = new Float64Array(64);
  valueCount = 0;
  readonly dims = new Int32Array(MAX_RANK + 1);
  rank = 0;
  matrixStart = 0;
  matrixEnd = 0;
  matrixLine = 0;
  matrixEndLine = 0;
  /** Byte range and lines of each element of the matrix field's outer array (the matrices of a batch). */
  childStart: Float64Array = new Float64Array(16);
  childEnd: Float64Array = new Float64Array(16);
  childLine: Uint32Array = new Uint32Array(16);
  childEndLine: Uint32Array = new Uint32Array(16);
  childCount = 0;

  private readonly numbers = new NumberReader();
  private readonly index = new Int32Array(MAX_RANK + 1);
  private readonly skipStack = new Uint8Array(MAX_SKIP_DEPTH);
  private plan: RecordPlan | undefined;

  reset(bytes: Uint8Array, start: number, end: number, line: number, lineStart: number): void {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.line = line;
    this.lineStart = lineStart;
    this.singleLine = false;
  }

  /** Reads one record at `pos`; false with `errorPos`/`problem` set when it cannot be used. */
  scanRecord(plan: RecordPlan): boolean {
    this.plan = plan;
    this.errorPos = -1;
    this.problem = '';
    this.matrixFound = false;
    this.stepFound = false;
    this.skipSpace();
    let ok: boolean;
    if (plan.matrix.bytes.length === 0) ok = this.readMatrix();
    else if (this.pos < this.end && this.bytes[this.pos] === 123)
      ok = this.scanObject(0, true, plan.step !== undefined);
    else ok = this.fail('`{` starting a record');
    if (!ok) return false;
    if (!this.matrixFound) {
      this.problem = `expected a matrix at ${describeKeyPath(plan.matrix.names)}, found no such key`;
      return false;
    }
    if (plan.step !== undefined && !this.stepFound) {
      this.problem = `expected a number at ${describeKeyPath(plan.step.names)}, found no such key`;
      return false;
    }
    return true;
  }

  /** Skips one value of any kind at `pos` (for the whole-file JSON format's resynchronisation). */
  skipOne(): boolean {
    this.errorPos = -1;
    this.skipSpace();
    return this.skipValue();
  }

  fail(expected: string): false {
    if (this.errorPos < 0) {
      this.errorPos = this.pos;
      this.errorExpected = expected;
    }
    return false;
  }

  skipSpace(): void {
    const bytes = this.bytes;
    const end = this.end;
    let p = this.pos;
    while (p < end) {
      const c = bytes[p]!;
      if (c === 32) p++;
      else if (c === 10) {
        if (this.singleLine) break;
        this.line++;
        this.lineStart = ++p;
      } else if (c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  private scanObject(depth: number, matrixAlive: boolean, stepAlive: boolean): boolean {
    const bytes = this.bytes;
    const plan = this.plan!;
    const matrixPath = plan.matrix.bytes;
    const stepPath = plan.step?.bytes;
    this.pos++;
    this.skipSpace();
    if (this.pos < this.end && bytes[this.pos] === 125) {
      this.pos++;
      return true;
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.end || bytes[this.pos] !== 34) return this.fail('a key in quotes');
      const keyStart = this.pos + 1;
      if (!this.skipString()) return false;
      const keyEnd = this.pos - 1;
      const matrixHit = matrixAlive && this.keyEquals(keyStart, keyEnd, matrixPath[depth]!);
      const stepHit =
        stepAlive && stepPath !== undefined && this.keyEquals(keyStart, keyEnd, stepPath[depth]!);
      this.skipSpace();
      if (this.pos >= this.end || bytes[this.pos] !== 58) return this.fail('`:` after a key');
      this.pos++;
      this.skipSpace();
      let ok: boolean;
      if (matrixHit && depth === matrixPath.length - 1) ok = this.readMatrix();
      else if (stepHit && depth === stepPath!.length - 1) ok = this.readStep();
      else if ((matrixHit || stepHit) && this.pos < this.end && bytes[this.pos] === 123) {
        ok = this.scanObject(depth + 1, matrixHit, stepHit);
      } else ok = this.skipValue();
      if (!ok) return false;
      this.skipSpace();
      const c = this.pos < this.end ? bytes[this.pos]! : -1;
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 125) {
        this.pos++;
        return true;
      }
      return this.fail('`,` or `}`');
    }
  }

  private keyEquals(start: number, end: number, name: Uint8Array): boolean {
    const bytes = this.bytes;
    if (end - start !== name.length) {
      // An escaped key can still spell the name; rare enough to decode.
      return bytes.subarray(start, end).includes(92) && this.decodedKeyEquals(start, end, name);
    }
    for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name[i]) return false;
    return true;
  }

  private decodedKeyEquals(start: number, end: number, name: Uint8Array): boolean {
    try {
      const key = JSON.parse(new TextDecoder().decode(this.bytes.subarray(start - 1, end + 1))) as string;
      return key === new TextDecoder().decode(name);
    } catch {
      return false;
    }
  }

  private readStep(): boolean {
    const numbers = this.numbers;
    if (!numbers.read(this.bytes, this.pos, this.end)) {
      if (this.pos >= this.end) return this.fail('a value');
      this.problem = `expected a number at ${describeKeyPath(this.plan!.step!.names)}, found ${describeToken(this.bytes, this.pos, this.end)}`;
      return false;
    }
    this.pos = numbers.end;
    this.stepValue = numbers.value;
    this.stepFound = true;
    return true;
  }

  private readMatrix(): boolean {
    if (this.pos >= this.end || this.bytes[this.pos] !== 91) {
      if (this.pos >= this.end) return this.fail('a value');
      this.problem = `expected an array at ${describeKeyPath(this.plan!.matrix.names)}, found ${describeToken(this.bytes, this.pos, this.end)}`;
      return false;
    }
    this.valueCount = 0;
    this.childCount = 0;
    this.rank = -1;
    this.dims.fill(-1);
    this.matrixStart = this.pos;
    this.matrixLine = this.line;
    if (!this.readArray(0)) return false;
    this.matrixEnd = this.pos;
    this.matrixEndLine = this.line;
    this.matrixFound = true;
    return true;
  }

  private readArray(level: number): boolean {
    this.pos++;
    this.skipSpace();
    const c = this.pos < this.end ? this.bytes[this.pos]! : -1;
    if (c === 93) return this.shapeProblem('an empty array');
    let n: number;
    if (c === 91) {
      if (this.rank !== -1 && this.rank <= level) return this.shapeProblem('a ragged array');
      if (level + 1 >= MAX_RANK) return this.shapeProblem('an array nested more than 3 deep');
      n = this.readArrayRun(level);
    } else {
      if (this.rank === -1) this.rank = level;
      else if (this.rank !== level) return this.shapeProblem('a ragged array');
      n = this.readNumberRun(level);
    }
    if (n < 0) return false;
    const dims = this.dims;
    if (dims[level] === -1) dims[level] = n;
    else if (dims[level] !== n) return this.shapeProblem('a ragged array');
    return true;
  }

  /** The elements of an array of arrays, from the first `[`: their count, or -1. */
  private readArrayRun(level: number): number {
    const bytes = this.bytes;
    let n = 0;
    for (;;) {
      this.index[level] = n;
      if (this.pos >= this.end) return this.failRun('a value');
      if (bytes[this.pos] !== 91) return this.shapeRun('a ragged array');
      const start = this.pos;
      const startLine = this.line;
      if (!this.readArray(level + 1)) return -1;
      if (level === 0) this.addChild(start, startLine);
      n++;
      this.skipSpace();
      const next = this.pos < this.end ? bytes[this.pos]! : -1;
      if (next === 93) {
        this.pos++;
        return n;
      }
      if (next !== 44) return this.failRun('`,` or `]`');
      this.pos++;
      this.skipSpace();
    }
  }

  /**
   * The elements of an array of numbers, from the first one: their count, or -1. The hot loop of
   * the whole scanner, so the usual `, ` separator is stepped over inline.
   */
  private readNumberRun(level: number): number {
    const bytes = this.bytes;
    const end = this.end;
    const numbers = this.numbers;
    let values = this.values;
    let count = this.valueCount;
    let p = this.pos;
    let n = 0;
    for (;;) {
      if (!numbers.read(bytes, p, end)) {
        this.pos = p;
        this.valueCount = count;
        this.index[level] = n;
        if (p >= end) return this.failRun('a number');
        if (bytes[p] === 91) return this.shapeRun('a ragged array');
        this.problem = `expected a number at ${this.elementName(level)}, found ${describeToken(bytes, p, end)}`;
        return -1;
      }
      if (count === values.length) this.values = values = grow(values);
      values[count++] = numbers.value;
      p = numbers.end;
      n++;
      let c = p < end ? bytes[p]! : -1;
      if (c !== 44 && c !== 93) {
        this.pos = p;
        this.skipSpace();
        p = this.pos;
        c = p < end ? bytes[p]! : -1;
      }
      if (c === 93) {
        this.pos = p + 1;
        this.valueCount = count;
        return n;
      }
      if (c !== 44) {
        this.pos = p;
        this.valueCount = count;
        return this.failRun('`,` or `]`');
      }
      p++;
      c = p < end ? bytes[p]! : -1;
      if (c === 32) c = ++p < end ? bytes[p]! : -1;
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        this.pos = p;
        this.skipSpace();
        p = this.pos;
      }
    }
  }

  private addChild(start: number, startLine: number): void {
    const i = this.childCount++;
    if (i === this.childStart.length) {
      this.childStart = grow(this.childStart);
      this.childEnd = grow(this.childEnd);
      this.childLine = growUint32(this.childLine);
      this.childEndLine = growUint32(this.childEndLine);
    }
    this.childStart[i] = start;
    this.childEnd[i] = this.pos;
    this.childLine[i] = startLine;
    this.childEndLine[i] = this.line;
  }

  private elementName(level: number): string {
    const names = this.plan!.matrix.names;
    let name = names.length === 0 ? 'the record' : names.join('.');
    for (let i = 0; i <= level; i++) name += `[${this.index[i]}]`;
    return `\`${name}\``;
  }

  /** fail() for the run readers, which return a count: -1 says the run failed. */
  private failRun(expected: string): -1 {
    this.fail(expected);
    return -1;
  }

  private shapeRun(found: string): -1 {
    this.shapeProblem(found);
    return -1;
  }

  private shapeProblem(found: string): false {
    this.problem = `expected a matrix at ${describeKeyPath(this.plan!.matrix.names)}, found ${found}`;
    return false;
  }

  /** Past the closing quote of the string at `pos`. */
  private skipString(): boolean {
    const bytes = this.bytes;
    const end = this.end;
    let p = this.pos + 1;
    while (p < end) {
      const c = bytes[p]!;
      if (c === 34) {
        this.pos = p + 1;
        return true;
      }
      if (c === 10) break;
      p += c === 92 ? 2 : 1;
    }
    // A raw newline cannot be inside a JSON string: the string was cut there.
    this.pos = p < end ? p : end;
    return this.fail('the end of a string');
  }

  private skipValue(): boolean {
    const bytes = this.bytes;
    const end = this.end;
    if (this.pos >= end) return this.fail('a value');
    const first = bytes[this.pos]!;
    if (first === 34) return this.skipString();
    if (first !== 123 && first !== 91) {
      let p = this.pos;
      while (p < end) {
        const c = bytes[p]!;
        if (c === 44 || c === 125 || c === 93 || isSpace(c)) break;
        p++;
      }
      if (p === this.pos) return this.fail('a value');
      this.pos = p;
      return true;
    }
    // Nested containers: track only the bracket kinds, so that `[1}` or a truncated tail is caught.
    const stack = this.skipStack;
    let depth = 0;
    while (this.pos < end) {
      const c = bytes[this.pos]!;
      if (c === 34) {
        if (!this.skipString()) return false;
        continue;
      }
      if (c === 123 || c === 91) {
        if (depth === MAX_SKIP_DEPTH) return this.fail('less nesting');
        stack[depth++] = c + 2;
      } else if (c === 125 || c === 93) {
        if (stack[--depth] !== c) return this.fail(stack[depth] === 125 ? '`}`' : '`]`');
        if (depth === 0) {
          this.pos++;
          return true;
        }
      } else if (c === 10) {
        if (this.singleLine) return this.fail('a closing bracket');
        this.line++;
        this.lineStart = this.pos + 1;
      }
      this.pos++;
    }
    return this.fail('a closing bracket');
  }
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function growUint32(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
