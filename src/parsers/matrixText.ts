// Reading matrices from text: one pasted matrix (`parseMatrixText`, what `inspect` and the Inspect
// command take) and every matrix printed in a document (`findMatrices`, `matrixAt`, for the text-log
// parser and the hover). Pure; never throws on user input.

import { evaluateMatrixExpression } from './matrixExpression';
import { type LiteralHints, parseLiteral } from './matrixTextLiteral';
import { MatrixScanner } from './matrixTextScanner';
import { interpretNested } from './matrixTextShape';

export type MatrixTextResult =
  { ok: true; values: number[]; representation: '9d' | '6d'; form: string } | { ok: false; message: string };

export interface FoundMatrix {
  /** UTF-16 offsets into the text: from the first `[` to just after the last `]`. */
  start: number;
  end: number;
  /** 9D: row-major; 6D: a1 then a2 (a 3x2 list is read column by column). */
  values: number[];
  representation: '9d' | '6d';
}

/** `name =` or `name[0] =` before an expression; anchored, no nested quantifiers (inputs are short). */
const ASSIGNMENT_TARGET = /^\s*[A-Za-z_][\w.]*(\[[^\]]*\])*\s*=(?!=)/;

const EXPRESSION_OPERATORS = '*/+^%!';

const EXPECTED =
  'expected a 3x3 matrix or a 6D vector (nested or flat list, NumPy/PyTorch/JAX print, MATLAB rows, or a mathjs expression)';

function sourceLabel(hints: LiteralHints): string {
  const wrapper = hints.wrapper;
  if (wrapper !== undefined) {
    const name = wrapper.slice(wrapper.lastIndexOf('.') + 1);
    if (wrapper.startsWith('tf.')) return `TensorFlow ${wrapper}(...)`;
    if (name === 'array' || name === 'asarray' || name === 'matrix') return `NumPy ${wrapper}(...) repr`;
    if (name === 'tensor' || name === 'Tensor') return `PyTorch ${wrapper}(...)`;
    if (name === 'Array' || name === 'DeviceArray' || name === 'ArrayImpl') return `JAX ${wrapper}(...)`;
    return `${wrapper}(...)`;
  }
  if (hints.semicolons) return 'MATLAB rows';
  if (!hints.brackets) return 'bare numbers';
  return hints.commas ? 'list' : 'NumPy str (no commas)';
}

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}...` : line;
}

/** Whether mathjs could read more than the literal parser: a name (cos, pi, identity) or an operator. */
function mightBeExpression(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) continue; // the exponent of 1e-3
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || EXPRESSION_OPERATORS.includes(text[i]!)) return true;
  }
  return false;
}

/**
 * One matrix from text as people paste or print it. A numeric literal is read by a hand-written
 * parser; only when that fails is the text evaluated as a mathjs expression.
 * A batch (B x 3 x 3 with B > 1) is refused with its count rather than silently cut to its first matrix.
 */
export function parseMatrixText(text: string): MatrixTextResult {
  if (text.trim() === '') return { ok: false, message: `${EXPECTED}; found empty text` };
  const literal = parseLiteral(text);
  if (literal.ok) {
    const shaped = interpretNested(literal.tree);
    if (!shaped.ok) return shaped;
    const form = `${sourceLabel(literal.hints)}, ${shaped.shape}`;
    return { ok: true, values: shaped.values, representation: shaped.representation, form };
  }
  if (!mightBeExpression(text)) return { ok: false, message: literal.message };
  // mathjs reads `R = ...` as an assignment, but not `pred[0] = ...` (pred is undefined): drop the target.
  const expression = evaluateMatrixExpression(text.replace(ASSIGNMENT_TARGET, ''));
  if (expression.ok) {
    const shaped = interpretNested(expression.value);
    if (!shaped.ok) return shaped;
    return {
      ok: true,
      values: shaped.values,
      representation: shaped.representation,
      form: `mathjs expression, ${shaped.shape}`,
    };
  }
  return {
    ok: false,
    message: `${literal.message} (as a mathjs expression '${firstLine(text)}': ${expression.message})`,
  };
}

/**
 * Every matrix in text[start, end): 3x3 in any bracket form (multi-line NumPy and PyTorch prints
 * included), flat 9-lists, and the 6D forms (flat 6, 2x3, 3x2). One linear pass; a batch yields
 * each of its matrices.
 */
export function findMatrices(text: string, start = 0, end = text.length): FoundMatrix[] {
  const found: FoundMatrix[] = [];
  const scanner = new MatrixScanner((m) => {
    found.push({
      start: m.start,
      end: m.end,
      values: Array.from(m.values.subarray(0, m.width)),
      representation: m.width === 9 ? '9d' : '6d',
    });
  }, false);
  scanner.scan(text, Math.max(0, start), Math.min(text.length, end), 0);
  return found;
}

/** Whether text[from, to) is a call's head such as `array(`, `torch.tensor(` or `Array(` (with blanks). */
function isWrapperHead(text: string, from: number, to: number): boolean {
  let open = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) open = true;
    else if (open ? !/\s/.test(text[i]!) : !/[\w.]/.test(text[i]!)) return false;
  }
  return open;
}

/**
 * The matrix whose text contains `offset`, looking only `window` characters either side of it. The
 * name of a wrapper call counts as part of it: on `array` of `array([[...]])` the matrix is found.
 */
export function matrixAt(text: string, offset: number, window = 4096): FoundMatrix | undefined {
  const matrices = findMatrices(text, offset - window, offset + window);
  let touching: FoundMatrix | undefined;
  for (const matrix of matrices) {
    if (matrix.start <= offset && offset < matrix.end) return matrix;
    if (matrix.end === offset) touching = matrix;
    if (matrix.start > offset && matrix.start - offset <= 64 && isWrapperHead(text, offset, matrix.start)) {
      touching ??= matrix;
    }
  }
  return touching;
}
