// AnalysisWorkerPool: workers kept between analyses give exactly the single-thread result, come
// back after a clean finish, are dropped after a cancellation, and end on dispose or when idle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { analyzeFile } from '../../../src/analysis/engine';
import { AnalysisAbortedError } from '../../../src/analysis/errors';
import { AnalysisWorkerPool } from '../../../src/analysis/workerPool';
import { jsonlText, npyBytes, tempDir, writeTemp } from './generate';

const dir = tempDir();
test.after(() => rmSync(dir, { recursive: true, force: true }));

const jsonl = writeTemp(
  dir,
  'pool.jsonl',
  jsonlText({ lines: 400, linesPerStep: 3, batch: 4, seed: 11, nanEvery: 29 }),
);
const npy = writeTemp(dir, 'pool.npy', npyBytes(120, 8, 12));

/** The pool's idle workers, by thread id, handed straight back. */
function idleThreads(pool: AnalysisWorkerPool): number[] {
  const workers = pool.take(pool.ready());
  const ids = workers.map((worker) => worker.threadId).sort((a, b) => a - b);
  for (const worker of workers) pool.give(worker);
  return ids;
}

for (const warm of [false, true]) {
  test(`kept workers (warm: ${warm}) serve one analysis after another with the single-thread result`, async () => {
    const pool = new AnalysisWorkerPool({ max: 2, idleMs: 60_000, warm });
    try {
      pool.prestart();
      const threads = idleThreads(pool);
      assert.equal(threads.length, 2);
      for (const file of [jsonl, npy, jsonl]) {
        const single = await analyzeFile(file, { workers: 1 });
        for (const inWorker of [true, false]) {
          const pooled = await analyzeFile(
            file,
            { workers: 2, parallelThreshold: 0, inWorker },
            { workers: pool },
          );
          assert.deepEqual(pooled, single, `${file}, inWorker ${inWorker}`);
          assert.deepEqual(idleThreads(pool), threads, 'the same two threads are kept');
        }
      }
    } finally {
      pool.dispose();
    }
    assert.equal(pool.ready(), 0);
  });
}

test('a cancelled analysis terminates its workers instead of keeping them', async () => {
  const pool = new AnalysisWorkerPool({ max: 2, idleMs: 60_000, warm: false });
  try {
    pool.prestart();
    const controller = new AbortController();
    await assert.rejects(
      analyzeFile(
        jsonl,
        { workers: 2, parallelThreshold: 0, inWorker: true, chunkSize: 1024 },
        { workers: pool, signal: controller.signal, onProgress: () => controller.abort() },
      ),
      AnalysisAbortedError,
    );
    assert.equal(pool.ready(), 0);
    // The next analysis starts new workers and still gives the right result.
    const again = await analyzeFile(
      jsonl,
      { workers: 2, parallelThreshold: 0, inWorker: true },
      { workers: pool },
    );
    assert.deepEqual(again, await analyzeFile(jsonl, { workers: 1 }));
    assert.equal(pool.ready(), 2);
  } finally {
    pool.dispose();
  }
});

test('idle workers end after idleMs; no more than max are kept', async () => {
  const pool = new AnalysisWorkerPool({ max: 1, idleMs: 100, warm: false });
  try {
    await analyzeFile(npy, { workers: 3, parallelThreshold: 0, inWorker: true }, { workers: pool });
    assert.equal(pool.ready(), 1);
    await sleep(400);
    assert.equal(pool.ready(), 0);
  } finally {
    pool.dispose();
  }
});
