// Decimal text to the nearest double, read straight from bytes, equal to `Number(text)`.
//
// Python's repr writes up to 17 significant digits, so the classic Clinger fast path (mantissa below
// 2^53, |exp10| <= 22: one correctly rounded multiply or divide) misses most logged floats. Those go
// through a double-double path instead: the mantissa (up to 19 digits) is exact as a double-double,
// one or two scalings by exact powers of ten keep about 100 correct bits, and the rounding to a double
// is accepted only when an error bound far larger than the real error cannot change it. What is left
// (more than 19 digits, |exp10| > 44, a result within 2^-90 of a rounding boundary) falls back to
// `Number()` on the text, which is always right and rarely needed.

const POW10 = new Float64Array(23);
for (let i = 0; i < POW10.length; i++) POW10[i] = Number(`1e${i}`);

/** 2^27 + 1: Veltkamp's constant, splits a double into two 26-bit halves. */
const SPLITTER = 134217729;
/** Relative bound on the double-double error (the real one is near 2^-104). */
const ERROR_BOUND = 2 ** -90;
const MAX_DIGITS = 19;
const HI_DIGITS = 15;

/** How often each path ran: the bench reports it to show that the fallback stays rare. */
export const numberPathCounts = { clinger: 0, doubleDouble: 0, fallback: 0 };

/** Exact error of the product a*b whose rounded value is p (Dekker). */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
}

/**
 * The scaling functions' operands and result. A call that V8 does not inline allocates a heap
 * number for each double it passes or returns (two or three per number read, most of what a JSONL
 * parse allocated); doubles handed over in a typed array stay unboxed.
 */
const reg = new Float64Array(2);
const HI = 0;
const LO = 1;

/**
 * reg[HI] := (reg[HI] + reg[LO]) * 10^exp10 correctly rounded, or NaN when the double-double result
 * is too close to a rounding boundary to decide.
 */
function scaleDoubleDouble(exp10: number): void {
  let h = reg[HI]!;
  let l = reg[LO]!;
  for (let remaining = exp10; remaining !== 0;) {
    const k = remaining > 22 ? 22 : remaining < -22 ? -22 : remaining;
    remaining -= k;
    if (k > 0) {
      const scale = POW10[k]!;
      const prod = h * scale;
      const error = productError(h, scale, prod) + l * scale;
      const sum = prod + error;
      l = error - (sum - prod);
      h = sum;
    } else {
      const scale = POW10[-k]!;
      const q1 = h / scale;
      const prod = q1 * scale;
      const q2 = (h - prod - productError(q1, scale, prod) + l) / scale;
      const sum = q1 + q2;
      l = q2 - (sum - q1);
      h = sum;
    }
  }
  const bound = h * ERROR_BOUND;
  // Rounding is monotonic, so if both ends of the error interval round to h, the exact value does.
  reg[HI] = h + (l + bound) === h && h + (l - bound) === h ? h : NaN;
}

/** reg[HI] := reg[HI] * 10^exp10 (an integer below 2^53) correctly rounded, or NaN when undecided. */
function scaleNarrow(exp10: number): void {
  if (exp10 >= -22 && exp10 <= 22) {
    numberPathCounts.clinger++;
    reg[HI] = exp10 >= 0 ? reg[HI]! * POW10[exp10]! : reg[HI]! / POW10[-exp10]!;
    return;
  }
  if (exp10 > 44 || exp10 < -44) {
    reg[HI] = NaN;
    return;
  }
  numberPathCounts.doubleDouble++;
  reg[LO] = 0;
  scaleDoubleDouble(exp10);
}

/** reg[HI] := (reg[HI] * 10^loDigits + lo) * 10^exp10 correctly rounded, or NaN when undecided. */
function scaleWide(lo: number, loDigits: number, exp10: number): void {
  const hi = reg[HI]!;
  const scale = POW10[loDigits]!;
  const prod = hi * scale;
  const prodError = productError(hi, scale, prod);
  const sum = prod + lo;
  // Both errors are integers below 2^12 here, so their sum is exact.
  const tail = lo - (sum - prod) + prodError;
  const h = sum + tail;
  const l = tail - (h - sum);
  reg[HI] = h;
  if (l === 0 && h < 9007199254740992) return scaleNarrow(exp10);
  if (exp10 > 44 || exp10 < -44) {
    reg[HI] = NaN;
    return;
  }
  numberPathCounts.doubleDouble++;
  reg[LO] = l;
  scaleDoubleDouble(exp10);
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

function isLetter(c: number, lower: number): boolean {
  return c === lower || c === lower - 32;
}

/**
 * Reads one number at a position: JSON numbers plus the tokens Python and CSV writers use for
 * non-finite values (`NaN`, `Infinity`, `-Infinity`, `nan`, `inf`, `-inf`, any case) and a leading `+`.
 * Reuse one instance; `value` and `end` hold the result of the last successful `read`.
 */
export class NumberReader {
  value = 0;
  /** Index just after the number. */
  end = 0;
  private viewBytes: Uint8Array | undefined;
  private view: DataView = new DataView(new ArrayBuffer(4));

  /** False when no number starts at `pos` (nothing consumed). */
  read(bytes: Uint8Array, pos: number, limit: number): boolean {
    let p = pos;
    let c = p < limit ? bytes[p]! : -1;
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      p++;
      c = p < limit ? bytes[p]! : -1;
    }
    if (c > 57 || (c < 48 && c !== 46)) return this.readWord(bytes, p, limit, negative);

    // Digits go to `hi` (the first 15 significant ones, exact in a double), then `lo` (4 more); the
    // rest are dropped, which is exact only if they are zeros. Digits are gathered in int32 `chunk`
    // (9 at most) so that the per-digit work is integer arithmetic, not a floating-point chain.
    let hi = 0;
    let chunk = 0;
    let chunkDigits = 0;
    let lo = 0;
    let exp10 = 0;
    let exact = true;
    const intStart = p;
    while (p < limit && bytes[p] === 48) p++;
    let run = p;
    let stop = p + HI_DIGITS < limit ? p + HI_DIGITS : limit;
    for (; p < stop; p++) {
      const d = (bytes[p]! - 48) >>> 0;
      if (d > 9) break;
      chunk = (chunk * 10 + d) | 0;
      if (++chunkDigits === 9) {
        hi = hi * 1e9 + chunk;
        chunk = 0;
        chunkDigits = 0;
      }
    }
    let digits = p - run;
    if (digits === HI_DIGITS) {
      run = p;
      stop = p + MAX_DIGITS - HI_DIGITS < limit ? p + MAX_DIGITS - HI_DIGITS : limit;
      for (; p < stop; p++) {
        const d = (bytes[p]! - 48) >>> 0;
        if (d > 9) break;
        lo = (lo * 10 + d) | 0;
      }
      digits += p - run;
      if (digits === MAX_DIGITS) {
        for (; p < limit; p++) {
          const d = (bytes[p]! - 48) >>> 0;
          if (d > 9) break;
          if (d !== 0) exact = false;
          exp10++;
        }
      }
    }
    let seen = p - intStart;
    if (p < limit && bytes[p] === 46) {
      p++;
      const fracStart = p;
      if (digits === 0) while (p < limit && bytes[p] === 48) p++;
      if (digits < HI_DIGITS) {
        run = p;
        // Four digits at a time while they last (SWAR on one little-endian 32-bit load).
        if (p + 4 <= limit && digits + 4 <= HI_DIGITS) {
          if (bytes !== this.viewBytes) {
            this.viewBytes = bytes;
            this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          }
          const view = this.view;
          hi = hi * POW10[chunkDigits]! + chunk;
          chunk = 0;
          chunkDigits = 0;
          let taken = 0;
          while (p + 4 <= limit && digits + taken + 4 <= HI_DIGITS) {
            const v = view.getUint32(p, true);
            if (((v & 0xf0f0f0f0) | (((v + 0x06060606) & 0xf0f0f0f0) >>> 4)) !== 0x33333333) break;
            const pairs = Math.imul(v & 0x0f0f0f0f, 2561) >>> 8;
            hi = hi * 1e4 + (Math.imul(pairs & 0x00ff00ff, 6553601) >>> 16);
            p += 4;
            taken += 4;
          }
        }
        stop = p + HI_DIGITS - digits - (p - run) < limit ? p + HI_DIGITS - digits - (p - run) : limit;
        for (; p < stop; p++) {
          const d = (bytes[p]! - 48) >>> 0;
          if (d > 9) break;
          chunk = (chunk * 10 + d) | 0;
          if (++chunkDigits === 9) {
            hi = hi * 1e9 + chunk;
            chunk = 0;
            chunkDigits = 0;
          }
        }
        digits += p - run;
      }
      if (digits >= HI_DIGITS && digits < MAX_DIGITS) {
        run = p;
        stop = p + MAX_DIGITS - digits < limit ? p + MAX_DIGITS - digits : limit;
        for (; p < stop; p++) {
          const d = (bytes[p]! - 48) >>> 0;
          if (d > 9) break;
          lo = (lo * 10 + d) | 0;
        }
        digits += p - run;
      }
      exp10 -= p - fracStart;
      if (digits === MAX_DIGITS) {
        for (; p < limit; p++) {
          const d = (bytes[p]! - 48) >>> 0;
          if (d > 9) break;
          if (d !== 0) exact = false;
        }
      }
      seen += p - fracStart;
    }
    // At most one chunk of 9 was moved to `hi` (15 digits at most go there), so this is exact.
    hi = hi * POW10[chunkDigits]! + chunk;
    const loDigits = digits > HI_DIGITS ? digits - HI_DIGITS : 0;
    if (seen === 0) return false;
    if (p < limit && (bytes[p] === 101 || bytes[p] === 69)) {
      let q = p + 1;
      let expNegative = false;
      if (q < limit && (bytes[q] === 45 || bytes[q] === 43)) {
        expNegative = bytes[q] === 45;
        q++;
      }
      let e = 0;
      const first = q;
      for (; q < limit; q++) {
        const d = bytes[q]! - 48;
        if (d < 0 || d > 9) break;
        if (e < 100000) e = e * 10 + d;
      }
      // "1e" without digits: the number ends before the `e`, as in Number() it would be invalid;
      // leave `e` unconsumed so the caller reports what follows.
      if (q > first) {
        exp10 += expNegative ? -e : e;
        p = q;
      }
    }
    this.end = p;

    if (digits === 0) {
      this.value = negative ? -0 : 0;
      return true;
    }
    if (exact) {
      reg[HI] = hi;
      if (loDigits === 0) scaleNarrow(exp10);
      else scaleWide(lo, loDigits, exp10);
      const value = reg[HI]!;
      if (value === value) {
        this.value = negative ? -value : value;
        return true;
      }
    }
    numberPathCounts.fallback++;
    this.value = Number(latin1(bytes, pos, p));
    return true;
  }

  private readWord(bytes: Uint8Array, p: number, limit: number, negative: boolean): boolean {
    const c = p < limit ? bytes[p]! : -1;
    if (isLetter(c, 110)) {
      if (p + 2 < limit && isLetter(bytes[p + 1]!, 97) && isLetter(bytes[p + 2]!, 110)) {
        this.value = NaN;
        this.end = p + 3;
        return true;
      }
      return false;
    }
    if (
      !isLetter(c, 105) ||
      p + 2 >= limit ||
      !isLetter(bytes[p + 1]!, 110) ||
      !isLetter(bytes[p + 2]!, 102)
    ) {
      return false;
    }
    let end = p + 3;
    const rest = 'inity';
    if (end + rest.length <= limit) {
      let matches = true;
      for (let i = 0; i < rest.length && matches; i++)
        matches = isLetter(bytes[end + i]!, rest.charCodeAt(i));
      if (matches) end += rest.length;
    }
    this.value = negative ? -Infinity : Infinity;
    this.end = end;
    return true;
  }
}

const sharedReader = new NumberReader();

/** The number that fills bytes[start, end) exactly (surrounding spaces allowed), or undefined. */
export function parseNumberField(bytes: Uint8Array, start: number, end: number): number | undefined {
  while (start < end && (bytes[start] === 32 || bytes[start] === 9)) start++;
  while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 9)) end--;
  if (start === end || !sharedReader.read(bytes, start, end) || sharedReader.end !== end) return undefined;
  return sharedReader.value;
}
