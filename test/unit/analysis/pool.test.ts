// The worker pool gives exactly the single-thread result: the pool is forced on small files
// (parallelThreshold 0), so steps straddle range boundaries and ranges start mid-file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/analysis/engine';
import { AnalysisAbortedError, AnalysisError } from '../../../src/analysis/errors';
import { runOnPool } from '../../../src/analysis/pool';
import type { RangeTask } from '../../../src/analysis/rangeRunner';
import { DEFAULT_OPTIONS } from '../../../src/core/metrics';
import type { EngineOptions } from '../../../src/analysis/options';
import { csvText, jsonlText, npyBytes, tempDir, writeTemp } from './generate';

const FIXTURES = join(__dirname, '../../fixtures');
const dir = tempDir();
test.after(() => rmSync(dir, { recursive: true, force: true }));

const FILES: Array<[string, () => string, EngineOptions?]> = [
  ['run.jsonl', () => join(FIXTURES, 'run.jsonl')],
  ['run.csv', () => join(FIXTURES, 'run.csv')],
  ['pred_9d_f32.npy', () => join(FIXTURES, 'pred_9d_f32.npy')],
  ['pred_6d.npy', () => join(FIXTURES, 'pred_6d.npy')],
  ['pred_9d_fortran.npy (read by one worker)', () => join(FIXTURES, 'pred_9d_fortran.npy')],
  ['run.npz (one worker)', () => join(FIXTURES, 'run.npz')],
  ['printed.log (one worker)', () => join(FIXTURES, 'printed.log')],
  [
    'JSONL, steps of 7 lines, broken lines and NaN',
    () =>
      writeTemp(
        dir,
        'steps7.jsonl',
        jsonlText({ lines: 240, linesPerStep: 7, batch: 3, seed: 1, brokenEvery: 23, nanEvery: 31 }),
      ),
  ],
  [
    'JSONL without a step key (ordinal steps)',
    () =>
      writeTemp(
        dir,
        'ordinal.jsonl',
        jsonlText({ lines: 200, linesPerStep: 0, batch: 2, seed: 2, brokenEvery: 17 }),
      ),
  ],
  ['CSV, 5 rows a step, CRLF', () => writeTemp(dir, 'rows.csv', csvText(400, 5, 3))],
  ['.npy (50, 4, 3, 3) <f8', () => writeTemp(dir, 'gen.npy', npyBytes(50, 4, 4))],
  [
    'JSONL with per-matrix records and few listed flags',
    () =>
      writeTemp(dir, 'per.jsonl', jsonlText({ lines: 90, linesPerStep: 4, batch: 2, seed: 5, nanEvery: 13 })),
    { perMatrix: true, maxFlags: 5, maxIssues: 3 },
  ],
];

for (const [name, path, extra] of FILES) {
  test(`pool equals single thread: ${name}`, async () => {
    const file = path();
    const single = await analyzeFile(file, { ...extra, workers: 1 });
    for (const workers of [3]) {
      const pooled = await analyzeFile(file, { ...extra, workers, parallelThreshold: 0 });
      assert.deepEqual(pooled, single, `${workers} workers`);
    }
    const offThread = await analyzeFile(file, { ...extra, workers: 1, inWorker: true });
    assert.deepEqual(offThread, single, 'inWorker');
  });
}

test('pool: progress reaches the bytes total', async () => {
  const file = writeTemp(
    dir,
    'progress.jsonl',
    jsonlText({ lines: 300, linesPerStep: 3, batch: 2, seed: 6 }),
  );
  let last: [number, number] = [0, 0];
  await analyzeFile(
    file,
    { workers: 3, parallelThreshold: 0, chunkSize: 4096 },
    { onProgress: (done, total) => (last = [done, total]) },
  );
  assert.ok(last[1] > 0);
  assert.equal(last[0], last[1]);
});

test('cancellation rejects with AnalysisAbortedError, in the pool and in-process', async () => {
  const file = writeTemp(dir, 'cancel.jsonl', jsonlText({ lines: 3000, linesPerStep: 1, batch: 8, seed: 7 }));
  for (const options of [{ workers: 2, parallelThreshold: 0 }, { workers: 1 }]) {
    const controller = new AbortController();
    const run = analyzeFile(
      file,
      { ...options, chunkSize: 16 * 1024 },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await assert.rejects(run, AnalysisAbortedError);
  }
  const aborted = AbortSignal.abort();
  await assert.rejects(
    analyzeFile(file, { workers: 2, parallelThreshold: 0 }, { signal: aborted }),
    AnalysisAbortedError,
  );
});

test('a worker that cannot read its file rejects with the AnalysisError naming it', async () => {
  const task: RangeTask = {
    format: 'jsonl',
    analysis: { ...DEFAULT_OPTIONS },
    parser: {},
    perMatrix: false,
    maxFlags: 10,
    maxIssues: 10,
    start: 0,
    end: 100,
    resume: undefined,
    final: true,
  };
  const missing = join(dir, 'gone.jsonl');
  await assert.rejects(
    runOnPool(missing, [task, { ...task, start: 100, end: 200 }], 2, 4096, () => {}, undefined),
    (error: unknown) => error instanceof AnalysisError && error.message.includes('gone.jsonl'),
  );
});

test('a block larger than the metrics arena is analyzed in pieces, exactly as small blocks are', async () => {
  // 30,000 float64 matrices in one 4 MB chunk: more than the arena holds at once.
  const file = writeTemp(dir, 'large-block.npy', npyBytes(1500, 20, 21));
  const oneBlock = await analyzeFile(file, { workers: 1, chunkSize: 4 * 1024 * 1024 });
  const smallBlocks = await analyzeFile(file, { workers: 1, chunkSize: 64 * 1024 });
  assert.equal(oneBlock.matrices, 30_000);
  assert.deepEqual(oneBlock, smallBlocks);
});
