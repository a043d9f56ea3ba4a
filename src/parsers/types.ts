// What every parser produces: matrices in flat typed arrays plus issues, never exceptions.
//
// Parsers are pure: bytes in, records and issues out. A streaming parser keeps its own carry-over
// (an incomplete last line, a half-read binary slab) between pushes, so the engine can feed it
// chunks of any size and resume a growing log from `resume`.

import type { Representation } from '../core/metrics';

export type { Representation };

export type LogFormat = 'jsonl' | 'json' | 'csv' | 'tsv' | 'npy' | 'npz' | 'text';

export interface ParseIssue {
  severity: 'error' | 'warning';
  /** What was expected and what was found, in one sentence. */
  message: string;
  /** 1-based line, for text formats. */
  line?: number;
  /** 0-based byte offset into the file (binary formats; text formats give the start of the line). */
  offset?: number;
}

/**
 * Matrices found in one push, struct-of-arrays. `values` holds `count * width` numbers, one matrix
 * after another (9D: M row-major; 6D: a1 then a2, raw as logged; the 6D layout is applied by core).
 * NaN and Infinity entries are kept: core flags such a matrix `non-finite`.
 */
export interface MatrixBlock {
  width: 9 | 6;
  count: number;
  values: Float64Array;
  /** Training step of each matrix: the logged step, or the record's 0-based ordinal when none is logged. */
  step: Float64Array;
  /** 1-based first and last line of the matrix's text (0 for binary formats). */
  line: Uint32Array;
  endLine: Uint32Array;
  /** Byte range of the matrix's text, or of its record in a binary file. */
  offset: Float64Array;
  endOffset: Float64Array;
}

export interface ParseResult {
  /** Undefined when no matrix was complete in this push. */
  block: MatrixBlock | undefined;
  issues: ParseIssue[];
}

/**
 * Where a parse stopped: enough to continue from there in a later call or in a worker.
 * `state` is format-specific and structured-clone safe (CSV header, detected key path, ...).
 */
export interface ResumePoint {
  /** Byte offset of the first byte not yet consumed as a complete record. */
  offset: number;
  /** 1-based line number at `offset`. */
  line: number;
  /** Records (lines, rows, array elements) consumed before `offset`: the ordinal of the next one. */
  records: number;
  state: unknown;
}

export interface ParserOptions {
  /** Dotted key path of the matrix field (JSONL/JSON), or the array name (NPZ). */
  key?: string;
  /** Dotted key path of the step field (JSONL/JSON), or the step column (CSV), or array name (NPZ). */
  stepKey?: string;
  /** CSV: the 9 (or 6) matrix column names, row-major. */
  columns?: string[];
  /** Force the representation instead of detecting it from the first matrix. */
  representation?: 'auto' | Representation;
}

export interface StreamParser {
  readonly format: LogFormat;
  /** Consumes the next bytes of the file; returns the records complete in them. */
  push(chunk: Uint8Array): ParseResult;
  /**
   * No more bytes for now. With `final`, an incomplete tail is reported as an issue and dropped;
   * without it (a log still being written) the tail is held back silently and `resume` stays before it.
   */
  flush(final: boolean): ParseResult;
  /** Resume point after the last complete record. */
  readonly resume: ResumePoint;
  /** Known once the first matrix has been read. */
  readonly representation: Representation | undefined;
  /** Whether `step` values are logged steps or record ordinals. */
  readonly stepSource: 'logged' | 'ordinal' | undefined;
}
