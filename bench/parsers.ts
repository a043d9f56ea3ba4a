// Parser micro-benchmark: a generated JSONL log like test/fixtures/run.jsonl scaled up (step, loss,
// pred: 8x3x3 doubles written with shortest round-trip digits, as Python's repr does), read by the
// JSONL parser single-threaded in 4 MB chunks, and the same rows as CSV. Reports MB/s and how often
// the number reader needed its slow fallback.
import { createJsonlParser } from '../src/parsers/jsonl';
import { createCsvParser } from '../src/parsers/csv';
import { numberPathCounts } from '../src/parsers/number';
import type { StreamParser } from '../src/parsers/types';

const CHUNK = 4 << 20;

/** Deterministic uniform numbers in [0, 1) (xorshift), so every run reads the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296 + ((state >>> 11) & 0xfffff) / 4503599627370496 / 4096;
  };
}

function pyFloat(x: number): string {
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function generateJsonl(targetBytes: number): Uint8Array {
  const next = random(42);
  const lines: string[] = [];
  let size = 0;
  for (let step = 0; size < targetBytes; step += 10) {
    const batch: string[] = [];
    for (let b = 0; b < 8; b++) {
      const rows: string[] = [];
      for (let r = 0; r < 3; r++) rows.push(`[${[0, 1, 2].map(() => pyFloat(next() * 4 - 2)).join(', ')}]`);
      batch.push(`[${rows.join(', ')}]`);
    }
    const line = `{"step": ${step}, "loss": ${pyFloat(next())}, "pred": [${batch.join(', ')}]}\n`;
    lines.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(lines.join(''));
}

export function generateCsv(targetBytes: number): Uint8Array {
  const next = random(7);
  const names = ['m00', 'm01', 'm02', 'm10', 'm11', 'm12', 'm20', 'm21', 'm22'];
  const lines = [`step,sample,${names.join(',')}\n`];
  let size = lines[0]!.length;
  for (let row = 0; size < targetBytes; row++) {
    const cells = names.map(() => pyFloat(next() * 4 - 2));
    const line = `${Math.floor(row / 8) * 10},${row % 8},${cells.join(',')}\n`;
    lines.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(lines.join(''));
}

function readAll(parser: StreamParser, bytes: Uint8Array): { matrices: number; issues: number } {
  let matrices = 0;
  let issues = 0;
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const result = parser.push(bytes.subarray(at, Math.min(at + CHUNK, bytes.length)));
    matrices += result.block?.count ?? 0;
    issues += result.issues.length;
  }
  const last = parser.flush(true);
  return { matrices: matrices + (last.block?.count ?? 0), issues: issues + last.issues.length };
}

interface Timing {
  /** Best wall-clock and best CPU time (this thread's process; the machine may be shared). */
  ms: number;
  cpuMs: number;
  matrices: number;
  issues: number;
}

function timeBest(runs: number, run: () => { matrices: number; issues: number }): Timing {
  let best = Infinity;
  let bestCpu = Infinity;
  let outcome = { matrices: 0, issues: 0 };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    outcome = run();
    best = Math.min(best, performance.now() - start);
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  return { ms: best, cpuMs: bestCpu, ...outcome };
}

function rate(mb: number, t: Timing): string {
  return (
    `wall ${t.ms.toFixed(0)} ms = ${(mb / (t.ms / 1000)).toFixed(0)} MB/s, ` +
    `CPU ${t.cpuMs.toFixed(0)} ms = ${(mb / (t.cpuMs / 1000)).toFixed(0)} MB/s, single-threaded`
  );
}

/** Prints the parser figures; `megabytes` sets the generated file size (the issue's figure is 40). */
export async function parsersSection(
  megabytes = 40,
  print: (line: string) => void = console.log,
): Promise<void> {
  const jsonl = generateJsonl(megabytes * 1e6);
  const mb = jsonl.length / 1e6;
  numberPathCounts.clinger = numberPathCounts.doubleDouble = numberPathCounts.fallback = 0;
  const json = timeBest(5, () => readAll(createJsonlParser(), jsonl));
  const counts = { ...numberPathCounts };
  const total = counts.clinger + counts.doubleDouble + counts.fallback;
  print(
    `parsers: JSONL ${mb.toFixed(1)} MB, ${json.matrices} matrices, ${json.issues} issues: ` + rate(mb, json),
  );
  print(
    `parsers: number paths over ${total} numbers: Clinger ${((100 * counts.clinger) / total).toFixed(1)}%, ` +
      `double-double ${((100 * counts.doubleDouble) / total).toFixed(1)}%, Number() fallback ${((100 * counts.fallback) / total).toFixed(4)}%`,
  );
  const csv = generateCsv(megabytes * 1e6);
  const csvMb = csv.length / 1e6;
  const rows = timeBest(5, () => readAll(createCsvParser(), csv));
  print(
    `parsers: CSV ${csvMb.toFixed(1)} MB, ${rows.matrices} matrices, ${rows.issues} issues: ` +
      rate(csvMb, rows),
  );
}

if (process.argv[1]?.endsWith('parsers.ts')) void parsersSection(Number(process.argv[2] ?? 40));
