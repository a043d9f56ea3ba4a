// One step's records for the dashboard's step detail: the same per-matrix records the engine gives
// with perMatrix, read from the step's slab (C-order .npy) or the whole file (Fortran .npy, .npz),
// in this thread or in a kept worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/analysis/engine';
import { stepRecords, stepRecordsQuery } from '../../../src/analysis/stepRecords';
import { AnalysisWorkerPool } from '../../../src/analysis/workerPool';

const FIXTURES = join(__dirname, '../../fixtures');
const FILES = ['pred_9d_f32.npy', 'pred_9d_fortran.npy', 'pred_6d.npy', 'run.npz'];

for (const name of FILES) {
  test(`step records of ${name} are the engine's per-matrix records of that step`, async () => {
    const path = join(FIXTURES, name);
    const result = await analyzeFile(path, { workers: 1, perMatrix: true });
    const steps = Array.from(result.steps.step);
    assert.ok(steps.length >= 2, 'the fixture has several steps');
    const pool = new AnalysisWorkerPool({ max: 1, idleMs: 60_000, warm: false });
    try {
      for (const step of [steps[0]!, steps[steps.length - 1]!]) {
        const query = stepRecordsQuery(result, step);
        assert.ok(query);
        const records = await stepRecords(path, query);
        const expected = (result.perMatrix ?? []).filter((record) => record.step === step);
        assert.equal(records.length, expected.length, `step ${step}`);
        assert.ok(records.length > 0);
        records.forEach((record, k) => {
          for (const [key, value] of Object.entries(record)) {
            assert.deepEqual(
              value,
              (expected[k] as unknown as Record<string, unknown>)[key],
              `${key} of matrix ${k}`,
            );
          }
        });
        assert.deepEqual(await pool.stepRecords(path, query), records, 'the same from a worker');
      }
    } finally {
      pool.dispose();
    }
  });
}

test('a step the run does not have has no query; a worker that cannot read the file rejects', async () => {
  const path = join(FIXTURES, 'pred_9d_f32.npy');
  const result = await analyzeFile(path, { workers: 1 });
  assert.equal(stepRecordsQuery(result, -12345), undefined);
  const query = stepRecordsQuery(result, result.steps.step[0]!);
  assert.ok(query);
  assert.equal(stepRecordsQuery(result, result.steps.step[0]!, 1)?.limit, 1);
  assert.equal((await stepRecords(path, { ...query, limit: 1 })).length, 1);
  const pool = new AnalysisWorkerPool({ max: 1, idleMs: 60_000, warm: false });
  try {
    await assert.rejects(pool.stepRecords(join(FIXTURES, 'missing.npy'), query), /missing\.npy/);
    assert.equal(pool.ready(), 0, 'the failed worker is not kept');
    assert.ok((await pool.stepRecords(path, query)).length > 0, 'a new worker serves the next request');
    assert.equal(pool.ready(), 1);
  } finally {
    pool.dispose();
  }
});
