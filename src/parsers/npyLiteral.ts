// The `.npy` header is a Python dict literal (`{'descr': '<f4', 'fortran_order': False,
// 'shape': (24, 8, 3, 3), }`), written by `repr`. This reads exactly that subset of Python
// literals: strings, integers (with Python 2's `L` suffix), True/False/None, tuples, lists, dicts.
// It never evaluates anything, and bounds nesting so a hostile header cannot overflow the stack.

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

const MAX_DEPTH = 32;

export type LiteralResult = { value: PyValue } | { error: string; at: number };

class LiteralError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

export function parsePyLiteral(text: string): LiteralResult {
  const reader = new LiteralReader(text);
  try {
    const value = reader.value(0);
    reader.skipSpace();
    if (reader.pos < text.length) reader.fail('the end of the header', text[reader.pos] ?? '');
    return { value };
  } catch (caught) {
    if (caught instanceof LiteralError) return { error: caught.message, at: caught.at };
    throw caught;
  }
}

class LiteralReader {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(expected: string, found: string): never {
    const shown = found === '' ? 'the end of the header' : JSON.stringify(found);
    throw new LiteralError(`expected ${expected} at character ${this.pos}, found ${shown}`, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail(`at most ${MAX_DEPTH} nested brackets`, this.text[this.pos] ?? '');
    this.skipSpace();
    const char = this.text[this.pos] ?? '';
    if (char === '{') return this.dict(depth);
    if (char === '(') return this.sequence(')', depth);
    if (char === '[') return this.sequence(']', depth);
    if (char === "'" || char === '"') return this.string();
    if (char === '-' || char === '+' || (char >= '0' && char <= '9')) return this.integer();
    for (const [word, value] of KEYWORDS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail('a Python literal', char);
  }

  private dict(depth: number): { [key: string]: PyValue } {
    const result: { [key: string]: PyValue } = {};
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') break;
      const char = this.text[this.pos] ?? '';
      if (char !== "'" && char !== '"') this.fail('a quoted dict key', char);
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail("':'", this.text[this.pos] ?? '');
      this.pos++;
      result[key] = this.value(depth + 1);
      if (!this.separator('}')) break;
    }
    this.pos++;
    return result;
  }

  private sequence(close: string, depth: number): PyValue[] {
    const items: PyValue[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) break;
      items.push(this.value(depth + 1));
      if (!this.separator(close)) break;
    }
    this.pos++;
    return items;
  }

  /** After an item: consumes a comma (true, more may follow) or stops before the closing bracket (false). */
  private separator(close: string): boolean {
    this.skipSpace();
    const char = this.text[this.pos] ?? '';
    if (char === ',') {
      this.pos++;
      return true;
    }
    if (char === close) return false;
    return this.fail(`',' or '${close}'`, char);
  }

  private string(): string {
    const quote = this.text[this.pos];
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos] ?? '';
      if (char === quote) {
        this.pos++;
        return out;
      }
      if (char === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        out += ESCAPES[next] ?? next;
        this.pos += 2;
        continue;
      }
      out += char;
      this.pos++;
    }
    return this.fail(`a closing ${quote}`, '');
  }

  private integer(): number {
    const match = /^[-+]?\d+L?/.exec(this.text.slice(this.pos, this.pos + 40));
    if (match === null) return this.fail('an integer', this.text[this.pos] ?? '');
    this.pos += match[0].length;
    return Number(match[0].replace('L', ''));
  }
}

const KEYWORDS: ReadonlyArray<[string, PyValue]> = [
  ['True', true],
  ['False', false],
  ['None', null],
];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0' };
