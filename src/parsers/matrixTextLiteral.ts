// The fast path of `parseMatrixText`: numeric literals as people paste them, read by a small
// recursive-descent parser with messages that say where it stopped and what it found there.
//
//   [[1, 0, 0], [0, 1, 0], [0, 0, 1]]          nested lists (also tuples)
//   R = [1, 0, 0, 0, 1, 0, 0, 0, 1]            a flat list after `name =` (or `name[0] =`, `Out[3]:`)
//   array([[1.e+00, 0.e+00, ...]], dtype=float32)   NumPy repr; tensor(...), Array(...), tf.Tensor(...)
//   [[ 1.  0.  0.]\n [ 0.  1.  0.] ...]        NumPy str (no commas)
//   [1 2 3; 4 5 6; 7 8 9]                     MATLAB rows
//   1 0 0 0 1 0 0 0 1                         bare numbers

import type { NestedNumbers } from './matrixTextShape';
import {
  CH_APOSTROPHE,
  CH_BRACKET_CLOSE,
  CH_BRACKET_OPEN,
  CH_COLON,
  CH_COMMA,
  CH_DOT,
  CH_EQUALS,
  CH_HASH,
  CH_LF,
  CH_PAREN_CLOSE,
  CH_PAREN_OPEN,
  CH_QUOTE,
  CH_SEMICOLON,
  isBlank,
  isLetter,
  isWordChar,
  scanNumber,
  scanned,
  specialNumberWord,
  wordEnd,
} from './matrixTextTokens';

const MAX_DEPTH = 16;
const CH_PERCENT = 37;

export interface LiteralHints {
  /** The call around the list (`array`, `torch.tensor`, `Array`), if any. */
  wrapper: string | undefined;
  brackets: boolean;
  commas: boolean;
  semicolons: boolean;
}

export type LiteralResult =
  { ok: true; tree: NestedNumbers; hints: LiteralHints } | { ok: false; message: string; at: number };

class Failure {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

class LiteralParser {
  pos = 0;
  readonly hints: LiteralHints = { wrapper: undefined, brackets: false, commas: false, semicolons: false };

  constructor(private readonly text: string) {}

  parse(): NestedNumbers {
    const text = this.text;
    this.skipBlank();
    if (text.startsWith('>>>', this.pos)) this.pos += 3;
    this.skipBlank();
    // What printing an nn.Parameter puts before its tensor.
    if (text.startsWith('Parameter containing:', this.pos)) this.pos += 'Parameter containing:'.length;
    this.skipBlank();
    this.skipAssignment();
    this.skipBlank();
    this.readWrapper();
    this.skipBlank();
    const closer = this.hints.wrapper === undefined ? -1 : CH_PAREN_CLOSE;
    const c = this.peek();
    const tree =
      c === CH_BRACKET_OPEN || c === CH_PAREN_OPEN ? this.parseList(0) : this.parseSequence(closer);
    this.skipBlank();
    if (this.hints.wrapper !== undefined) this.readWrapperEnd();
    this.skipBlank();
    while (this.peek() === CH_SEMICOLON || this.peek() === CH_COMMA) {
      this.pos++;
      this.skipBlank();
    }
    // A trailing Python `# ...` or MATLAB `% ...` comment, as in a pasted line of code.
    if (this.peek() === CH_HASH || this.peek() === CH_PERCENT) this.pos = text.length;
    if (this.pos < text.length) throw this.fail('the end of the matrix');
    return tree;
  }

  private peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  private skipBlank(): void {
    while (this.pos < this.text.length && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private pathEnd(i: number): number {
    const text = this.text;
    while (i < text.length && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === CH_DOT)) i++;
    return i;
  }

  /** `name =`, `pred[0] =`, `Out[3]:` before the value. */
  private skipAssignment(): void {
    const text = this.text;
    if (!isLetter(this.peek())) return;
    let j = this.pathEnd(this.pos);
    while (j < text.length && text.charCodeAt(j) === CH_BRACKET_OPEN) {
      const close = text.indexOf(']', j);
      if (close < 0 || close - j > 64 || text.lastIndexOf('[', close) !== j) return;
      j = close + 1;
    }
    while (j < text.length && isBlank(text.charCodeAt(j))) j++;
    const c = j < text.length ? text.charCodeAt(j) : -1;
    const next = j + 1 < text.length ? text.charCodeAt(j + 1) : -1;
    if ((c === CH_EQUALS && next !== CH_EQUALS) || c === CH_COLON) this.pos = j + 1;
  }

  private readWrapper(): void {
    const text = this.text;
    if (!isLetter(this.peek())) return;
    const j = this.pathEnd(this.pos);
    let k = j;
    while (k < text.length && isBlank(text.charCodeAt(k))) k++;
    if (k < text.length && text.charCodeAt(k) === CH_PAREN_OPEN) {
      this.hints.wrapper = text.slice(this.pos, j);
      this.pos = k + 1;
    }
  }

  /** After the list of `array([...], dtype=float32)`: the keyword arguments, then `)`. */
  private readWrapperEnd(): void {
    const text = this.text;
    const c = this.peek();
    if (c === CH_PAREN_CLOSE) {
      this.pos++;
      return;
    }
    if (c !== CH_COMMA) throw this.fail(`')' or keyword arguments to close ${this.hints.wrapper}(`);
    let depth = 1;
    let i = this.pos + 1;
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === CH_QUOTE || ch === CH_APOSTROPHE) {
        const close = text.indexOf(text[i]!, i + 1);
        if (close < 0) break;
        i = close + 1;
        continue;
      }
      if (ch === CH_PAREN_OPEN) depth++;
      else if (ch === CH_PAREN_CLOSE && --depth === 0) {
        this.pos = i + 1;
        return;
      }
      i++;
    }
    this.pos = text.length;
    throw this.fail(`')' to close ${this.hints.wrapper}(`);
  }

  private parseList(depth: number): NestedNumbers[] {
    const text = this.text;
    const openAt = this.pos;
    const opener = text.charCodeAt(openAt);
    const closer = opener === CH_BRACKET_OPEN ? CH_BRACKET_CLOSE : CH_PAREN_CLOSE;
    if (depth >= MAX_DEPTH)
      throw new Failure(`expected at most ${MAX_DEPTH} levels of brackets, found more`, openAt);
    this.hints.brackets = true;
    this.pos++;
    let items: NestedNumbers[] = [];
    let rows: NestedNumbers[][] | undefined;
    for (;;) {
      this.skipSeparators();
      const c = this.peek();
      if (c === closer) {
        this.pos++;
        break;
      }
      if (c === -1 || c === CH_BRACKET_CLOSE || c === CH_PAREN_CLOSE) {
        throw this.fail(
          `'${String.fromCharCode(closer)}' to close the '${text[openAt]}' at ${this.where(openAt)}`,
        );
      }
      if (c === CH_SEMICOLON) {
        this.hints.semicolons = true;
        (rows ??= []).push(items);
        items = [];
        this.pos++;
      } else if (c === CH_BRACKET_OPEN || c === CH_PAREN_OPEN) items.push(this.parseList(depth + 1));
      else items.push(this.readNumber());
    }
    if (rows === undefined) return items;
    if (items.length > 0) rows.push(items);
    return rows;
  }

  /** Numbers without brackets, up to the end (or the wrapper's `)`); `;` separates rows. */
  private parseSequence(closer: number): NestedNumbers {
    let items: NestedNumbers[] = [];
    let rows: NestedNumbers[][] | undefined;
    for (;;) {
      this.skipSeparators();
      const c = this.peek();
      if (c === -1 || c === closer) break;
      if (c === CH_SEMICOLON) {
        this.hints.semicolons = true;
        (rows ??= []).push(items);
        items = [];
        this.pos++;
        continue;
      }
      items.push(this.readNumber());
    }
    if (items.length === 0 && rows === undefined)
      throw this.fail("a matrix: '[', a wrapper such as array(, or numbers");
    if (rows === undefined) return items;
    if (items.length > 0) rows.push(items);
    return rows;
  }

  private skipSeparators(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_COMMA) this.hints.commas = true;
      else if (!isBlank(c)) break;
      this.pos++;
    }
  }

  private readNumber(): number {
    const j = scanNumber(this.text, this.pos, this.text.length, true);
    if (j < 0) throw this.fail('a number');
    this.pos = j;
    return scanned.value;
  }

  private where(at: number): string {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (this.text.charCodeAt(i) === CH_LF) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = at - lineStart + 1;
    return this.text.indexOf('\n') < 0 ? `column ${column}` : `line ${line}, column ${column}`;
  }

  private describe(at: number): string {
    const text = this.text;
    if (at >= text.length) return 'the end of the text';
    const c = text.charCodeAt(at);
    if (isLetter(c)) {
      const word = text.slice(at, Math.min(wordEnd(text, at, text.length), at + 24));
      return specialNumberWord(word, 0, word.length) === undefined ? `the word '${word}'` : `'${word}'`;
    }
    let end = at + 1;
    while (end < text.length && end < at + 12 && !isBlank(text.charCodeAt(end))) end++;
    return `'${text.slice(at, end)}'`;
  }

  fail(expected: string): Failure {
    return new Failure(
      `expected ${expected}, found ${this.describe(this.pos)} at ${this.where(this.pos)}`,
      this.pos,
    );
  }
}

export function parseLiteral(text: string): LiteralResult {
  const parser = new LiteralParser(text);
  try {
    const tree = parser.parse();
    return { ok: true, tree, hints: parser.hints };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, message: error.message, at: error.at };
    throw error;
  }
}
