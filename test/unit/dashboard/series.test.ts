import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeBytes } from '../../../src/analysis/engine';
import { readingOf } from '../../../src/analysis/reading';
import { resultToJson } from '../../../src/report/analyzeOutput';
import { applyAppend, baseName, isRunSeries, toRunAppend, toRunSeries } from '../../../src/dashboard/series';
import { STEP_STATISTICS } from '../../../src/shared/analysis';
import type { RunSeries } from '../../../src/shared/protocol';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function analyze(name: string, bytes?: Uint8Array, options = {}) {
  const path = join(FIXTURES, name);
  return analyzeBytes(bytes ?? readFileSync(path), path, { workers: 1, ...options });
}

const COLUMNS = [
  'step',
  'count',
  'line',
  'offset',
  'nearSingular',
  'detNegative',
  'kappaHigh',
  'nonFinite',
] as const;

function assertSameRun(actual: RunSeries, expected: RunSeries): void {
  for (const c of COLUMNS) assert.deepEqual(Array.from(actual[c]), Array.from(expected[c]), c);
  for (const s of STEP_STATISTICS) {
    for (const q of ['min', 'median', 'p95', 'max'] as const) {
      assert.deepEqual(Array.from(actual.stats[s][q]), Array.from(expected.stats[s][q]), `${s}.${q}`);
    }
  }
  assert.deepEqual(actual.flags, expected.flags);
  assert.equal(actual.flagsTotal, expected.flagsTotal);
  assert.equal(actual.matrices, expected.matrices);
  assert.equal(actual.invalid, expected.invalid);
  assert.equal(actual.reading, expected.reading);
}

test('toRunSeries carries the engine result column by column, as the JSON output shows it', () => {
  const result = analyze('run.jsonl');
  const run = toRunSeries(result, { id: 'file:///run.jsonl' });
  assert.equal(run.id, 'file:///run.jsonl');
  assert.equal(run.label, 'run.jsonl');
  assert.equal(run.file, result.file);
  assert.equal(run.format, 'jsonl');
  assert.equal(run.representation, '9d');
  assert.equal(run.step.length, 24);
  assert.equal(run.matrices, 191);
  assert.equal(run.invalid, 1);
  assert.equal(run.reading, readingOf(result));
  assert.equal(run.live, false);
  const json = resultToJson(result) as { steps: Array<Record<string, unknown>> };
  json.steps.forEach((step, i) => {
    assert.equal(run.step[i], step.step);
    assert.equal(run.count[i], step.count);
    assert.equal(run.line[i], step.line);
    for (const name of STEP_STATISTICS) {
      const q = step[name] as Record<string, number | null>;
      for (const k of ['min', 'median', 'p95', 'max'] as const) {
        const value = run.stats[name][k][i] as number;
        // JSON's null is NaN or ±Infinity in the columns.
        if (q[k] === null) assert.ok(!Number.isFinite(value), `${name}.${k} step ${i}`);
        else assert.equal(value, q[k], `${name}.${k} step ${i}`);
      }
    }
  });
  assert.ok(isRunSeries(run));
  assert.ok(!isRunSeries(result));
});

test('every column is compact: postMessage clones whole buffers, so no spare capacity is sent', () => {
  const run = toRunSeries(analyze('run.jsonl'));
  for (const c of COLUMNS) assert.equal(run[c].byteLength, run[c].buffer.byteLength, c);
  for (const s of STEP_STATISTICS)
    assert.equal(run.stats[s].median.byteLength, run.stats[s].median.buffer.byteLength, s);
});

test('a live append applied to the partial run equals the run of the whole file', () => {
  const bytes = readFileSync(join(FIXTURES, 'run.jsonl'));
  const text = bytes.toString('utf8');
  for (const lines of [1, 5, 13, 20]) {
    const cut = text.split('\n').slice(0, lines).join('\n').length + 1;
    const partial = analyze('run.jsonl', bytes.subarray(0, cut), { live: true });
    const full = analyze('run.jsonl', bytes, { live: true });
    const continued = analyzeBytes(bytes, partial.file, { workers: 1, live: true }, partial);
    const start = toRunSeries(partial);
    const grown = applyAppend(start, toRunAppend(continued, start.step.length - 1));
    assertSameRun(grown, toRunSeries(full));
  }
});

test('toRunAppend clamps its start and carries the totals', () => {
  const result = analyze('run.csv');
  const all = toRunAppend(result, -3);
  assert.equal(all.from, 0);
  assert.equal(all.step.length, result.steps.length);
  const none = toRunAppend(result, 1000);
  assert.equal(none.from, result.steps.length);
  assert.equal(none.step.length, 0);
  assert.equal(none.flagsTotal, result.flagsTotal);
});

test('baseName handles both separators and URIs', () => {
  assert.equal(baseName('/a/b/run.jsonl'), 'run.jsonl');
  assert.equal(baseName('C:\\logs\\run.npy'), 'run.npy');
  assert.equal(baseName('file:///x/y.npz'), 'y.npz');
  assert.equal(baseName('plain'), 'plain');
});
