// Warms a thread's engine: synthetic logs of the big-file formats run through the same RangeRunner
// a real analysis uses, so that V8 collects type feedback on every path (including the Jacobi
// fallback, non-finite matrices and flagged ones) and compiles the parser, core and statistics
// before real work arrives. Used by an idle pool worker (workerPool.ts), where it costs the user
// nothing; a one-shot analysis would only pay it twice.

import { analyzeBatch } from '../core/batch';
import { createBatchMetrics, DEFAULT_OPTIONS } from '../core/metrics';
import { resolveOptions } from './options';
import { RangeRunner } from './rangeRunner';
import type { LogFormat } from '../parsers/types';
import type { PartialResult } from './partial';

const BATCH = 32;
const CHUNK = 64 * 1024;

/** Deterministic numbers in [0, 1) (a linear congruential generator: the values do not matter). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Matrix k of the synthetic run: noise around I, with degenerate and non-finite ones mixed in. */
function fillMatrix(out: Float64Array, k: number, next: () => number): void {
  const spread = k % 5 === 0 ? 1.5 : 0.2;
  for (let e = 0; e < 9; e++) out[e] = (e % 4 === 0 ? 1 : 0) + spread * (2 * next() - 1);
  switch (k % 61) {
    case 1: // rank 2: the Jacobi fallback
      for (let e = 0; e < 3; e++) out[6 + e] = out[e] as number;
      break;
    case 2: // negative determinant
      for (let e = 0; e < 3; e++) out[e] = -(out[e] as number);
      break;
    case 3:
      out[4] = NaN;
      break;
    case 4: // tiny scale: rescaled by the fallback
      for (let e = 0; e < 9; e++) out[e] = (out[e] as number) * 1e-40;
      break;
  }
}

function npyBytes(steps: number, next: () => number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${steps}, ${BATCH}, 3, 3), }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const dataOffset = 10 + header.length;
  const bytes = new Uint8Array(dataOffset + steps * BATCH * 36);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const data = new Float32Array(bytes.buffer, dataOffset, steps * BATCH * 9);
  const matrix = new Float64Array(9);
  for (let k = 0; k < steps * BATCH; k++) {
    fillMatrix(matrix, k, next);
    data.set(matrix, 9 * k);
  }
  return bytes;
}

/** Python's json.dumps spelling: NaN bare, integers as floats with ".0". */
function pyFloat(x: number): string {
  if (x !== x) return 'NaN';
  const text = String(x);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function jsonlBytes(steps: number, next: () => number): Uint8Array {
  const lines: string[] = [];
  const matrix = new Float64Array(9);
  for (let t = 0; t < steps; t++) {
    const batch: string[] = [];
    for (let b = 0; b < BATCH; b++) {
      fillMatrix(matrix, t * BATCH + b, next);
      const rows = [0, 3, 6].map(
        (r) => `[${pyFloat(matrix[r]!)}, ${pyFloat(matrix[r + 1]!)}, ${pyFloat(matrix[r + 2]!)}]`,
      );
      batch.push(`[${rows.join(', ')}]`);
    }
    lines.push(`{"step": ${t * 10}, "loss": ${pyFloat(next())}, "pred": [${batch.join(', ')}]}\n`);
  }
  return new TextEncoder().encode(lines.join(''));
}

function csvBytes(steps: number, next: () => number): Uint8Array {
  const lines = ['step,m00,m01,m02,m10,m11,m12,m20,m21,m22'];
  const matrix = new Float64Array(9);
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < 8; b++) {
      fillMatrix(matrix, t * 8 + b, next);
      lines.push(`${t},${Array.from(matrix, pyFloat).join(',')}`);
    }
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

function run(format: LogFormat, bytes: Uint8Array): PartialResult {
  const resolved = resolveOptions({}, 1);
  const runner = new RangeRunner({
    format,
    analysis: resolved.analysis,
    parser: resolved.parser,
    perMatrix: false,
    maxFlags: resolved.maxFlags,
    maxIssues: resolved.maxIssues,
    start: 0,
    end: bytes.length,
    resume: undefined,
    final: true,
  });
  for (let p = 0; p < bytes.length; p += CHUNK)
    runner.push(bytes.subarray(p, Math.min(bytes.length, p + CHUNK)));
  return runner.finish();
}

/** What the warm-up read, per format: a parser change that stops reading its logs fails a test. */
export type WarmUpReport = Partial<Record<LogFormat, { matrices: number; invalid: number; issues: number }>>;

/**
 * Runs the engine over synthetic .npy, JSONL and CSV logs (about 86k matrices, half a second of
 * CPU): less left V8's compilation of the JSONL path visibly unfinished at the first real log.
 */
export function warmUp(): WarmUpReport {
  const next = generator(1);
  const report: WarmUpReport = {};
  const logs: Array<[LogFormat, Uint8Array]> = [
    ['npy', npyBytes(1024, next)],
    ['jsonl', jsonlBytes(1536, next)],
    ['csv', csvBytes(512, next)],
  ];
  for (const [format, bytes] of logs) {
    const partial = run(format, bytes);
    report[format] = { matrices: partial.matrices, invalid: partial.invalid, issues: partial.issuesTotal };
  }
  return report;
}

let primed = false;
const PRIMING_ROUNDS = 4;

/** U diag(s) V^T with U, V rotations about different axes by the given angles. */
function shaped(s: readonly [number, number, number], a: number, b: number): number[] {
  const ca = Math.cos(a),
    sa = Math.sin(a),
    cb = Math.cos(b),
    sb = Math.sin(b);
  const u = [ca, -sa, 0, sa, ca, 0, 0, 0, 1];
  const v = [1, 0, 0, 0, cb, -sb, 0, sb, cb];
  const m: number[] = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += u[3 * i + k]! * s[k]! * v[3 * j + k]!;
      m.push(sum);
    }
  return m;
}

/**
 * One matrix for each branch of the core's closed forms and each way out of them to Jacobi: clamped
 * and unclamped factors, the accurate determinant, the deflated s2, λ1 ~ λ2, s3 -> 0, a scaled
 * rotation, a negative determinant, Gram-Schmidt on collinear columns, non-finite and tiny entries.
 */
const PRIMING_SHAPES: ReadonlyArray<readonly [number, number, number]> = [
  [1.3, 1, 0.7],
  [1.001, 1, 0.9995],
  [1, 0.9, 5e-3],
  [1, 0.5, 0.4999],
  [1, 0.9999999, 0.5],
  [1, 1, 0.5],
  [1, 0.8, 1e-9],
  [2, 2, 2],
  [1.2, 0.9, -0.8],
];

/**
 * Type feedback for every path of the core, once per thread and in microseconds: V8 compiles the
 * kernel after a few thousand matrices, and a call or comparison that had not run by then throws
 * the compiled kernel away when it first does, costing a recompilation (about 20 ms of CPU) and the
 * slow code in between.
 */
export function primeCore(): void {
  if (primed) return;
  primed = true;
  const rows: number[] = [];
  PRIMING_SHAPES.forEach((shape, k) => rows.push(...shaped(shape, 0.3 + k, 1.1 - k)));
  rows.push(1, 1, 0, 2, 2, 0, 3, 3, 1); // collinear first columns
  rows.push(1, NaN, 0, 0, 1, 0, 0, 0, 1);
  rows.push(...shaped([1, 0.9, 0.8], 0.2, 0.4).map((x) => x * 1e-40));
  const next = generator(2);
  const matrix = new Float64Array(9);
  for (let k = 0; k < 64; k++) {
    fillMatrix(matrix, k, next);
    rows.push(...matrix);
  }
  const count = rows.length / 9;
  const values = Float64Array.from(rows);
  const sixD = Math.floor((9 * count) / 6);
  const metrics = createBatchMetrics(sixD);
  // V8 allocates a function's feedback vector only after its first runs: a single call would
  // leave most of these matrices unrecorded.
  for (let round = 0; round < PRIMING_ROUNDS; round++) {
    analyzeBatch(values, 0, 9, count, '9d', DEFAULT_OPTIONS, metrics, 0);
    analyzeBatch(values, 0, 6, sixD, '6d', DEFAULT_OPTIONS, metrics, 0);
  }
}
