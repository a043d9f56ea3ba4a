// Small synthetic logs for the engine tests, written the way Python's json.dumps / csv write them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../random';

/** A 3x3 prediction: noise of size `spread` around a diagonal, sometimes near-singular or det < 0. */
export function matrix(next: () => number, spread: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < 3; i++) {
    const row: number[] = [];
    for (let j = 0; j < 3; j++) row.push((i === j ? 1 : 0) + spread * (2 * next() - 1));
    rows.push(row);
  }
  return rows;
}

function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

function pyMatrix(m: number[][]): string {
  return `[${m.map((row) => `[${row.map(pyFloat).join(', ')}]`).join(', ')}]`;
}

export interface JsonlSpec {
  lines: number;
  /** Lines per logged step (a step then spans several records); 0 = no step key (ordinal steps). */
  linesPerStep: number;
  batch: number;
  seed: number;
  /** Every n-th line is broken (cut in half); 0 = none. */
  brokenEvery?: number;
  /** Every n-th matrix has a NaN entry; 0 = none. */
  nanEvery?: number;
}

export function jsonlText(spec: JsonlSpec): string {
  const next = seededRandom(spec.seed);
  const lines: string[] = [];
  let matrices = 0;
  for (let i = 0; i < spec.lines; i++) {
    const batch: number[][][] = [];
    for (let b = 0; b < spec.batch; b++) {
      const m = matrix(next, 1.5 - (1.4 * i) / spec.lines);
      if (spec.nanEvery && ++matrices % spec.nanEvery === 0) m[1]![2] = NaN;
      batch.push(m);
    }
    const step = spec.linesPerStep > 0 ? `"step": ${Math.floor(i / spec.linesPerStep) * 10}, ` : '';
    let line = `{${step}"loss": ${pyFloat(next())}, "pred": [${batch.map(pyMatrix).join(', ')}]}`;
    if (spec.brokenEvery && i % spec.brokenEvery === spec.brokenEvery - 1)
      line = line.slice(0, line.length >> 1);
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

export function csvText(rows: number, rowsPerStep: number, seed: number): string {
  const next = seededRandom(seed);
  const out = ['step,sample,m00,m01,m02,m10,m11,m12,m20,m21,m22'];
  for (let i = 0; i < rows; i++) {
    const m = matrix(next, 1);
    out.push([Math.floor(i / rowsPerStep), i % rowsPerStep, ...m.flat().map(pyFloat)].join(','));
  }
  return out.join('\r\n') + '\r\n';
}

/** A C-order `<f8` .npy of shape (steps, batch, 3, 3). */
export function npyBytes(steps: number, batch: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${steps}, ${batch}, 3, 3), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const data = new Float64Array(steps * batch * 9);
  for (let k = 0; k < steps * batch; k++) data.set(matrix(next, 1.2).flat(), 9 * k);
  const bytes = new Uint8Array(10 + header.length + data.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  bytes.set(new TextEncoder().encode(header), 10);
  bytes.set(new Uint8Array(data.buffer), 10 + header.length);
  return bytes;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'so3lens-engine-'));
}

export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
