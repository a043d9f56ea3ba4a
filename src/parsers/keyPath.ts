// Key paths of the matrix and step fields, and how the first record tells which ones to use.
//
// Detection looks at a generically parsed record (slow, once); the hot scanner then finds the chosen
// keys by name in every line, so records with another key order or extra fields still read right.

import type { JsonValue } from './scanJsonValue';
import type { ParserOptions } from './types';

/** A dotted path compiled for byte comparison; `[]` is the record itself. */
export interface KeyPath {
  readonly names: readonly string[];
  readonly bytes: readonly Uint8Array[];
}

const encoder = new TextEncoder();

export function compileKeyPath(dotted: string | readonly string[]): KeyPath {
  const names = typeof dotted === 'string' ? (dotted === '' ? [] : dotted.split('.')) : [...dotted];
  return { names, bytes: names.map((name) => encoder.encode(name)) };
}

/** How a key path reads in a message. */
export function describeKeyPath(path: readonly string[]): string {
  return path.length === 0 ? 'the record' : `\`${path.join('.')}\``;
}

/** Matrix field names in order of preference when a record holds several matrix-shaped fields. */
const MATRIX_NAMES = [
  'pred',
  'preds',
  'prediction',
  'predictions',
  'pred_r',
  'r_pred',
  'pred_rot',
  'rot_pred',
  'pred_rotation',
  'r',
  'rot',
  'rots',
  'rotation',
  'rotations',
  'rotmat',
  'rot_mat',
  'rotation_matrix',
  'matrix',
  'matrices',
  'm',
  'output',
  'out',
];

/** Step field names at the top level of a record, first match wins. */
export const STEP_NAMES = ['step', 'global_step', 'iteration', 'iter', 'it', 'epoch'];

export type MatrixWidth = 9 | 6;

/** The width options.representation forces, if any. */
export function forcedWidth(options: ParserOptions): MatrixWidth | undefined {
  if (options.representation === '9d') return 9;
  if (options.representation === '6d') return 6;
  return undefined;
}

/**
 * The matrix forms of a nested list shape: 3x3 or flat 9 (9D); flat 6, 2x3 (rows a1 a2), 3x2
 * (columns a1 a2) (6D); and a leading batch dimension on any of them except the flat ones' ambiguity.
 */
export interface MatrixShape {
  width: MatrixWidth;
  count: number;
  /** Whether each matrix is one element of the outer array (a batch) rather than the whole array. */
  batched: boolean;
  /** 3x2 layout: a1 and a2 are columns, so the numbers are re-ordered to a1 then a2. */
  columns: boolean;
}

export function classifyShape(dims: ArrayLike<number>, rank: number): MatrixShape | undefined {
  const d0 = dims[0]!;
  const d1 = dims[1]!;
  const d2 = dims[2]!;
  if (rank === 1) {
    if (d0 === 9) return { width: 9, count: 1, batched: false, columns: false };
    if (d0 === 6) return { width: 6, count: 1, batched: false, columns: false };
    return undefined;
  }
  if (rank === 2) {
    if (d0 === 3 && d1 === 3) return { width: 9, count: 1, batched: false, columns: false };
    if (d0 === 2 && d1 === 3) return { width: 6, count: 1, batched: false, columns: false };
    if (d0 === 3 && d1 === 2) return { width: 6, count: 1, batched: false, columns: true };
    if (d1 === 9) return { width: 9, count: d0, batched: true, columns: false };
    if (d1 === 6) return { width: 6, count: d0, batched: true, columns: false };
    return undefined;
  }
  if (rank === 3) {
    if (d1 === 3 && d2 === 3) return { width: 9, count: d0, batched: true, columns: false };
    if (d1 === 2 && d2 === 3) return { width: 6, count: d0, batched: true, columns: false };
    if (d1 === 3 && d2 === 2) return { width: 6, count: d0, batched: true, columns: true };
  }
  return undefined;
}

export function describeShape(dims: ArrayLike<number>, rank: number): string {
  const parts: number[] = [];
  for (let i = 0; i < rank; i++) parts.push(dims[i]!);
  return rank === 1 ? `a list of ${parts[0]} numbers` : `a ${parts.join('x')} array`;
}

export function expectedShapes(width: MatrixWidth | undefined): string {
  if (width === 9) return 'a 3x3 matrix, a flat 9-list or a batch of them';
  if (width === 6) return 'a 6D prediction (flat 6, 2x3 or 3x2) or a batch of them';
  return 'a 3x3 matrix, a flat 9-list, a 6D prediction (6, 2x3, 3x2) or a batch of them';
}

/** Shape of a nested list of numbers (NaN and Infinity included), or undefined when ragged or not numeric. */
export function numericShape(value: JsonValue): number[] | undefined {
  if (typeof value === 'number') return [];
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const inner = numericShape(value[0]!);
  if (inner === undefined) return undefined;
  for (let i = 1; i < value.length; i++) {
    const other = numericShape(value[i]!);
    if (other === undefined || other.length !== inner.length || other.some((d, k) => d !== inner[k]))
      return undefined;
  }
  return [value.length, ...inner];
}

interface Candidate {
  path: string[];
  shape: MatrixShape;
}

function collectCandidates(
  value: JsonValue,
  path: string[],
  width: MatrixWidth | undefined,
  out: Candidate[],
): void {
  if (Array.isArray(value)) {
    const dims = numericShape(value);
    const shape = dims && classifyShape(dims, dims.length);
    if (shape && (width === undefined || shape.width === width)) out.push({ path, shape });
    return;
  }
  if (value === null || typeof value !== 'object' || path.length >= 8) return;
  for (const [key, child] of Object.entries(value)) collectCandidates(child, [...path, key], width, out);
}

/** The matrix field of a record: a well-known name first (in MATRIX_NAMES order), else the first found. */
export function findMatrixPath(record: JsonValue, width: MatrixWidth | undefined): string[] | undefined {
  const candidates: Candidate[] = [];
  collectCandidates(record, [], width, candidates);
  let best: Candidate | undefined;
  let bestRank = Infinity;
  for (const candidate of candidates) {
    const last = candidate.path[candidate.path.length - 1];
    const rank = last === undefined ? -1 : MATRIX_NAMES.indexOf(last.toLowerCase());
    const effective = rank === -1 ? MATRIX_NAMES.length : rank;
    if (effective < bestRank) {
      best = candidate;
      bestRank = effective;
    }
  }
  return best?.path;
}

/** The step field of a record: the first of STEP_NAMES at the top level that holds a number. */
export function findStepPath(record: JsonValue): string[] | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  for (const name of STEP_NAMES) if (typeof record[name] === 'number') return [name];
  return undefined;
}

/** The value at a key path of a generically parsed record. */
export function valueAt(record: JsonValue, path: readonly string[]): JsonValue | undefined {
  let value: JsonValue | undefined = record;
  for (const name of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}
