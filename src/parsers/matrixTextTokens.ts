// Number tokens as Python, NumPy, PyTorch, JAX and MATLAB print them, read by hand (no regex) so that
// a scan over a long line stays linear: `1`, `-0.5`, `1.`, `.5`, `1.e+00`, `2.3842e-07`, `+3`, and the
// words `nan`, `inf`, `infinity` in any letter case, with an optional sign.

export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_QUOTE = 34;
export const CH_HASH = 35;
export const CH_APOSTROPHE = 39;
export const CH_PAREN_OPEN = 40;
export const CH_PAREN_CLOSE = 41;
export const CH_PLUS = 43;
export const CH_COMMA = 44;
export const CH_MINUS = 45;
export const CH_DOT = 46;
export const CH_COLON = 58;
export const CH_SEMICOLON = 59;
export const CH_EQUALS = 61;
export const CH_BRACKET_OPEN = 91;
export const CH_BRACKET_CLOSE = 93;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Letters, digits and `_`: the characters of an identifier. */
export function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

export function isBlank(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_CR || c === CH_LF;
}

/** End of the identifier that starts at `i` (which must be a letter or `_`). */
export function wordEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && isWordChar(text.charCodeAt(j))) j++;
  return j;
}

/** NaN or ±Infinity when text[i, j) is `nan`, `inf` or `infinity` (any case), else undefined. */
export function specialNumberWord(text: string, i: number, j: number): number | undefined {
  const length = j - i;
  if (length !== 3 && length !== 8) return undefined;
  const word = text.slice(i, j).toLowerCase();
  if (word === 'nan') return NaN;
  if (word === 'inf' || word === 'infinity') return Infinity;
  return undefined;
}

const POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** The value read by the last `scanNumber`: an out-parameter, so the scanner's hot loop allocates nothing. */
export const scanned = { value: 0 };

/**
 * Reads a number token starting at `i`. Returns the index after it, or -1 when text[i..] is not a
 * number followed by a boundary (a letter, digit or `.` right after the token makes it no number).
 * With `wantValue` false the value is not computed (the caller only counts).
 */
export function scanNumber(text: string, i: number, end: number, wantValue: boolean): number {
  let j = i;
  let c = text.charCodeAt(j);
  let negative = false;
  if (c === CH_PLUS || c === CH_MINUS) {
    negative = c === CH_MINUS;
    j++;
    if (j >= end) return -1;
    c = text.charCodeAt(j);
  }
  if (isLetter(c)) {
    const k = wordEnd(text, j, end);
    const special = specialNumberWord(text, j, k);
    if (special === undefined) return -1;
    if (k < end && text.charCodeAt(k) === CH_DOT) return -1;
    scanned.value = negative ? -special : special;
    return k;
  }
  // Digits are gathered into an integer mantissa as they go: with at most 15 significant digits and
  // a decimal exponent within ±22, mantissa and power of ten are exact doubles and one multiply or
  // divide rounds correctly (Clinger's fast path), so Number() is called only for the rare rest.
  const numberStart = j;
  let mantissa = 0;
  let significant = 0;
  let scale = 0;
  let exact = true;
  while (j < end) {
    const d = text.charCodeAt(j) - 48;
    if (d < 0 || d > 9) break;
    if (significant < 15) {
      mantissa = mantissa * 10 + d;
      if (mantissa > 0) significant++;
    } else exact = false;
    j++;
  }
  let digits = j - numberStart;
  if (j < end && text.charCodeAt(j) === CH_DOT) {
    j++;
    while (j < end) {
      const d = text.charCodeAt(j) - 48;
      if (d < 0 || d > 9) break;
      if (significant < 15) {
        mantissa = mantissa * 10 + d;
        if (mantissa > 0) significant++;
        scale--;
      } else if (d !== 0) exact = false;
      j++;
      digits++;
    }
  }
  if (digits === 0) return -1;
  if (j < end) {
    c = text.charCodeAt(j);
    if (c === 101 || c === 69) {
      let k = j + 1;
      let expNegative = false;
      if (k < end) {
        const sign = text.charCodeAt(k);
        if (sign === CH_PLUS || sign === CH_MINUS) {
          expNegative = sign === CH_MINUS;
          k++;
        }
      }
      if (k < end && isDigit(text.charCodeAt(k))) {
        let exponent = 0;
        while (k < end && isDigit(text.charCodeAt(k))) {
          if (exponent < 10000) exponent = exponent * 10 + text.charCodeAt(k) - 48;
          k++;
        }
        scale += expNegative ? -exponent : exponent;
        j = k;
      }
    }
  }
  if (j < end) {
    c = text.charCodeAt(j);
    if (isWordChar(c) || c === CH_DOT) return -1;
  }
  if (wantValue) {
    let value: number;
    if (exact && scale >= -22 && scale <= 22) {
      value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale]! : mantissa / POWERS_OF_TEN[-scale]!;
      if (negative) value = -value;
    } else value = Number(text.slice(i, j));
    scanned.value = value;
  }
  return j;
}

/** Skips a malformed token (`1.2.3`, `1e`, `...`) so that the scan resumes after it; always advances. */
export function skipJunk(text: string, i: number, end: number): number {
  let j = i + 1;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (!isWordChar(c) && c !== CH_DOT) break;
    j++;
  }
  return j;
}
