// Warms a thread's engine: synthetic logs of the big-file formats run through the same RangeRunner
// a real analysis uses, so that V8 collects type feedback on every path (including the Jacobi
// fallback, non-finite matrices and flagged ones) and compiles the parser, core and statistics
// before real work arrives. Used by an idle pool worker (workerPool.ts), where it costs the user
// nothing; a one-shot analysis would only pay it twice (it only primes the core, primeCore.ts).

import { resolveOptions } from './options';
import { RangeRunner } from './rangeRunner';
import type { LogFormat } from '../parsers/types';
import type { PartialResult } from './partial';
import { fillMatrix, generator } from './synthetic';

const BATCH = 32;
const CHUNK = 64 * 1024;

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
