// The slow path of `parseMatrixText`: a mathjs expression such as
// `[[cos(pi/6), -sin(pi/6), 0], [sin(pi/6), cos(pi/6), 0], [0, 0, 1]]` or `2 * identity(3)`.
//
// mathjs takes about half a second to load, so it is required on first use only: the log parsers
// and the hover never reach this module, and `inspect` pays the cost only for text that is no
// plain numeric literal.

import type { NestedNumbers } from './matrixTextShape';

type MathJs = typeof import('mathjs');

/** Longer text is no hand-written expression; refusing it keeps a pasted log from reaching mathjs. */
const MAX_EXPRESSION_LENGTH = 20_000;

let mathjs: MathJs | undefined;

function loadMathJs(): MathJs {
  // A synchronous, deferred load: esbuild bundles it as a lazily initialised module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mathjs ??= require('mathjs') as MathJs;
  return mathjs;
}

export type ExpressionResult = { ok: true; value: NestedNumbers } | { ok: false; message: string };

function toNested(value: unknown, depth: number): NestedNumbers | string {
  if (typeof value === 'number') return value;
  if (depth > 8) return 'nesting too deep';
  if (Array.isArray(value)) {
    const out: NestedNumbers[] = [];
    for (const item of value) {
      const converted = toNested(item, depth + 1);
      if (typeof converted === 'string') return converted;
      out.push(converted);
    }
    return out;
  }
  const math = loadMathJs();
  if (math.isMatrix(value)) return toNested(value.toArray(), depth);
  if (math.isResultSet(value)) {
    const entries = (value as { entries: unknown[] }).entries;
    return entries.length === 0 ? 'no value' : toNested(entries[entries.length - 1], depth);
  }
  if (math.isComplex(value)) return 'a complex number';
  if (math.isBigNumber(value) || math.isFraction(value)) return toNested(math.number(value as never), depth);
  if (math.isUnit(value)) return 'a quantity with a unit';
  if (typeof value === 'function') return 'a function';
  return `a value of type ${typeof value}`;
}

export function evaluateMatrixExpression(text: string): ExpressionResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, message: `the text is longer than ${MAX_EXPRESSION_LENGTH} characters` };
  }
  let value: unknown;
  try {
    value = loadMathJs().evaluate(text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const nested = toNested(value, 0);
  if (typeof nested === 'string')
    return { ok: false, message: `the expression gives ${nested}, not numbers` };
  return { ok: true, value: nested };
}
