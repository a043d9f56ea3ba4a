import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeBytes } from '../../../src/analysis/engine';
import { toRunAppend, toRunSeries } from '../../../src/dashboard/series';
import { STEP_STATISTICS } from '../../../src/shared/analysis';
import type { RunSeries } from '../../../src/shared/protocol';
import { csvHeader, resultToCsvRows } from '../../../src/report/analyzeOutput';
import { stepsCsv } from '../../../webview/csv';
import { QUANTILES, RunStore } from '../../../webview/store';

const path = join(__dirname, '..', '..', 'fixtures', 'run.jsonl');
const bytes = readFileSync(path);

test('RunStore.append grows the columns in place to what the whole file gives', () => {
  const text = bytes.toString('utf8');
  const full = analyzeBytes(bytes, path, { workers: 1, live: true });
  let previous = analyzeBytes(bytes.subarray(0, text.indexOf('\n') + 1), path, { workers: 1, live: true });
  const store = new RunStore(toRunSeries(previous));
  const versions = [store.version];
  // Feed the file a few lines at a time, as a watched log grows.
  for (let lines = 4; lines <= 26; lines += 3) {
    const cut = Math.min(bytes.length, text.split('\n').slice(0, lines).join('\n').length + 1);
    const next = analyzeBytes(bytes.subarray(0, cut), path, { workers: 1, live: true }, previous);
    store.append(toRunAppend(next, store.length - 1));
    versions.push(store.version);
    previous = next;
  }
  const expected = toRunSeries(full);
  assert.equal(store.length, expected.step.length);
  assert.deepEqual(Array.from(store.steps), Array.from(expected.step));
  assert.deepEqual(Array.from(store.column('line')), Array.from(expected.line));
  for (const s of STEP_STATISTICS)
    for (const q of QUANTILES)
      assert.deepEqual(Array.from(store.stat(s, q)), Array.from(expected.stats[s][q]), `${s}.${q}`);
  assert.equal(store.flagsTotal, expected.flagsTotal);
  assert.deepEqual(versions, [...new Set(versions)], 'every append bumps the version');
});

function tinyRun(step: number[]): RunSeries {
  const n = step.length;
  const f = () => new Float64Array(n);
  const u = () => new Uint32Array(n);
  const stats = Object.fromEntries(
    STEP_STATISTICS.map((s) => [s, { min: f(), median: f(), p95: f(), max: f() }]),
  ) as RunSeries['stats'];
  stats.kappa.median.set(step.map((s) => s / 10));
  return {
    id: 'a,"b"',
    label: 'x',
    file: '/tmp/x, "1"',
    format: 'jsonl',
    representation: '9d',
    matrices: n,
    invalid: 0,
    step: Float64Array.from(step),
    count: u().fill(1),
    line: Uint32Array.from(step.map((_, i) => i + 1)),
    offset: f(),
    nearSingular: u(),
    detNegative: u(),
    kappaHigh: u(),
    nonFinite: u(),
    stats,
    flags: [],
    flagsTotal: 0,
    issuesTotal: 0,
    reading: '',
    thresholds: { nearSingular: 0.05, kappa: 10, taylorK: 9, clampEps: 0.01, sixD: 'columns' },
    live: false,
  };
}

test('RunStore orders an unsorted log by step and finds the nearest step', () => {
  const store = new RunStore(tinyRun([20, 0, 10, 30]));
  assert.deepEqual(Array.from(store.order), [1, 2, 0, 3]);
  assert.equal(store.nearestIndex(-5), 1);
  assert.equal(store.nearestIndex(14), 2);
  assert.equal(store.nearestIndex(16), 0);
  assert.equal(store.nearestIndex(99), 3);
});

test('stepsCsv writes the CLI columns, one row per step in step order, quoting the file', () => {
  const csv = stepsCsv([new RunStore(tinyRun([20, 0, 10]))])
    .trim()
    .split('\n');
  assert.equal(csv.length, 4);
  assert.equal(csv[0], csvHeader().trim());
  assert.ok(csv[1]?.startsWith('"/tmp/x, ""1""",0,1,2,0,'), csv[1]);
  assert.ok(csv[1]?.endsWith(',0,0,0,0'));
  assert.equal(
    csv[3]?.split(',').length,
    (csv[0]?.split(',').length ?? 0) + 1,
    'the quoted file name holds one comma',
  );
});

test('stepsCsv agrees with the CLI row for row on a real run', () => {
  const result = analyzeBytes(bytes, path, { workers: 1 });
  assert.equal(stepsCsv([new RunStore(toRunSeries(result))]), csvHeader() + resultToCsvRows(result));
});
