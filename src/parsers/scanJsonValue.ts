// A generic JSON reader over bytes that also takes Python's bare NaN / Infinity / -Infinity.
// Slow (it builds objects): used only to detect the key paths on a file's first records, and
// for the small whole-file JSON format's detection. The hot path is scanJson.ts.

import { NumberReader } from './number';

export type JsonValue = number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JsonValueResult {
  /** Undefined when the text is not one JSON value; then `errorPos` and `expected` say why. */
  value: JsonValue | undefined;
  /** Index just after the value. */
  end: number;
  errorPos: number;
  expected: string;
}

const MAX_DEPTH = 64;
const decoder = new TextDecoder();

class ValueReader {
  pos: number;
  errorPos = -1;
  expected = '';
  private readonly numbers = new NumberReader();

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  fail(expected: string): undefined {
    if (this.errorPos < 0) {
      this.errorPos = this.pos;
      this.expected = expected;
    }
    return undefined;
  }

  skipSpace(): void {
    const { bytes, end } = this;
    let p = this.pos;
    while (p < end) {
      const c = bytes[p]!;
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      p++;
    }
    this.pos = p;
  }

  value(depth: number): JsonValue | undefined {
    this.skipSpace();
    if (this.pos >= this.end) return this.fail('a value');
    const c = this.bytes[this.pos]!;
    if (c === 123) return depth >= MAX_DEPTH ? this.fail('less nesting') : this.object(depth);
    if (c === 91) return depth >= MAX_DEPTH ? this.fail('less nesting') : this.array(depth);
    if (c === 34) return this.string();
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.matches(word)) {
        this.pos += word.length;
        return literal;
      }
    }
    if (this.numbers.read(this.bytes, this.pos, this.end)) {
      this.pos = this.numbers.end;
      return this.numbers.value;
    }
    return this.fail('a value');
  }

  private matches(word: string): boolean {
    if (this.pos + word.length > this.end) return false;
    for (let i = 0; i < word.length; i++) if (this.bytes[this.pos + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  string(): string | undefined {
    const { bytes, end } = this;
    const start = this.pos;
    let p = start + 1;
    let escaped = false;
    while (p < end && bytes[p] !== 34) {
      if (bytes[p] === 92) {
        escaped = true;
        p++;
      }
      p++;
    }
    if (p >= end) {
      this.pos = end;
      return this.fail('the end of a string');
    }
    this.pos = p + 1;
    if (!escaped) return decoder.decode(bytes.subarray(start + 1, p));
    try {
      return JSON.parse(decoder.decode(bytes.subarray(start, p + 1))) as string;
    } catch {
      this.pos = start;
      return this.fail('a valid string');
    }
  }

  private array(depth: number): JsonValue[] | undefined {
    this.pos++;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.bytes[this.pos] === 93 && this.pos < this.end) {
      this.pos++;
      return items;
    }
    for (;;) {
      const item = this.value(depth + 1);
      if (item === undefined) return undefined;
      items.push(item);
      this.skipSpace();
      const c = this.pos < this.end ? this.bytes[this.pos] : -1;
      this.pos++;
      if (c === 93) return items;
      this.pos--;
      if (c !== 44) return this.fail('`,` or `]`');
      this.pos++;
    }
  }

  private object(depth: number): { [key: string]: JsonValue } | undefined {
    this.pos++;
    const record: { [key: string]: JsonValue } = Object.create(null) as { [key: string]: JsonValue };
    this.skipSpace();
    if (this.bytes[this.pos] === 125 && this.pos < this.end) {
      this.pos++;
      return record;
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.end || this.bytes[this.pos] !== 34) return this.fail('a key in quotes');
      const key = this.string();
      if (key === undefined) return undefined;
      this.skipSpace();
      if (this.pos >= this.end || this.bytes[this.pos] !== 58) return this.fail('`:` after a key');
      this.pos++;
      const item = this.value(depth + 1);
      if (item === undefined) return undefined;
      record[key] = item;
      this.skipSpace();
      const c = this.pos < this.end ? this.bytes[this.pos] : -1;
      if (c === 125) {
        this.pos++;
        return record;
      }
      if (c !== 44) return this.fail('`,` or `}`');
      this.pos++;
    }
  }
}

/** Reads one JSON value starting at `start` (leading whitespace allowed); never throws. */
export function readJsonValue(bytes: Uint8Array, start: number, end: number): JsonValueResult {
  const reader = new ValueReader(bytes, start, end);
  const value = reader.value(0);
  return { value, end: reader.pos, errorPos: reader.errorPos, expected: reader.expected };
}
