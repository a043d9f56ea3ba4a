// A short demo run, analyzed by the real engine: the logged steps and per-step counts are what the
// trainer logged, the .npy holds the same matrices as the JSONL, and a seed reproduces the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBytes } from '../../../src/analysis';
import {
  DEFAULT_DEMO_CONFIG,
  loggedSteps,
  runJsonl,
  runNpy,
  trainRun,
  type DemoConfig,
} from '../../../src/demo';
import { demoFigures } from '../../../src/demo/figures';

const SHORT: DemoConfig = { ...DEFAULT_DEMO_CONFIG, steps: 45, every: 10, testSize: 50 };
const encode = (text: string) => new TextEncoder().encode(text);

const svd = trainRun('svd-in-loop', SHORT);
const gs = trainRun('gs-6d', SHORT);

test('loggedSteps: every N steps from 0, and the last step', () => {
  assert.deepEqual(loggedSteps(45, 10), [0, 10, 20, 30, 40, 45]);
  assert.deepEqual(loggedSteps(40, 10), [0, 10, 20, 30, 40]);
  assert.deepEqual(loggedSteps(0, 10), [0]);
});

test('the JSONL log: one json.dumps record per logged step with step, loss, geodesic_deg, pred', () => {
  const lines = runJsonl(svd).trimEnd().split('\n');
  assert.equal(lines.length, 6);
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(Object.keys(records[0]!), ['step', 'loss', 'geodesic_deg', 'pred']);
  assert.deepEqual(
    records.map((r) => r.step),
    [0, 10, 20, 30, 40, 45],
  );
  const pred = records[5]!.pred as number[][][];
  assert.equal(pred.length, SHORT.probe);
  assert.deepEqual(pred[0]!.flat(), Array.from(svd.log[5]!.pred.subarray(0, 9)));
  for (const r of records) assert.ok((r.geodesic_deg as number) >= 0 && (r.geodesic_deg as number) <= 180);
});

test('the engine reads the 9D JSONL: steps and counts as logged, no issues', () => {
  const result = analyzeBytes(encode(runJsonl(svd)), 'svd-in-loop.jsonl');
  assert.deepEqual([result.format, result.representation, result.stepSource], ['jsonl', '9d', 'logged']);
  assert.equal(result.issuesTotal, 0);
  assert.equal(result.matrices, 6 * SHORT.probe);
  assert.deepEqual(Array.from(result.steps.step), [0, 10, 20, 30, 40, 45]);
  assert.deepEqual(Array.from(result.steps.count), new Array(6).fill(SHORT.probe));
});

test('the .npy and the JSONL of one run agree step by step (to float32 rounding)', () => {
  const fromJsonl = analyzeBytes(encode(runJsonl(svd)), 'svd-in-loop.jsonl');
  const fromNpy = analyzeBytes(runNpy(svd), 'svd-in-loop.npy');
  assert.deepEqual(
    [fromNpy.format, fromNpy.representation, fromNpy.matrices],
    ['npy', '9d', 6 * SHORT.probe],
  );
  assert.deepEqual(Array.from(fromNpy.steps.count), Array.from(fromJsonl.steps.count));
  for (const name of ['kappa', 's1', 's3Rel', 'gsRho'] as const) {
    for (let i = 0; i < 6; i++) {
      const a = fromJsonl.steps.stats[name].median[i]!;
      const b = fromNpy.steps.stats[name].median[i]!;
      assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a)), `${name} step ${i}: ${a} vs ${b}`);
    }
  }
  const flags = (r: typeof fromNpy) => [Array.from(r.steps.nearSingular), Array.from(r.steps.detNegative)];
  assert.deepEqual(flags(fromNpy), flags(fromJsonl));
});

test('the engine reads the 6D JSONL as 6D; the figures come from its step table', () => {
  const result = analyzeBytes(encode(runJsonl(gs)), 'gs-6d.jsonl');
  assert.equal(result.representation, '6d');
  assert.deepEqual(Array.from(result.steps.count), new Array(6).fill(SHORT.probe));
  const figures = demoFigures(result);
  assert.equal(figures.steps, 6);
  assert.deepEqual([figures.early.firstStep, figures.early.lastStep], [0, 0]);
  assert.deepEqual([figures.late.firstStep, figures.late.lastStep], [45, 45]);
  assert.ok(Number.isNaN(figures.all.kappaMedian), 'no SVD κ for a 6D log');
  assert.equal(figures.early.gsRhoMedian, result.steps.stats.gsRho.median[0]);
  assert.ok(figures.all.gsRhoMedian > 0);
});

test('a seed reproduces a run byte for byte; another seed gives another run', () => {
  assert.equal(runJsonl(trainRun('svd-in-loop', SHORT)), runJsonl(svd));
  assert.deepEqual(runNpy(trainRun('svd-in-loop', SHORT)), runNpy(svd));
  assert.notEqual(runJsonl(trainRun('svd-in-loop', { ...SHORT, seed: 2 })), runJsonl(svd));
});

test('training lowers the loss in every regime (a few hundred steps)', () => {
  for (const regime of ['svd-in-loop', 'direct-9d', 'gs-6d'] as const) {
    const run = trainRun(regime, { ...SHORT, steps: 300, every: 300 });
    assert.equal(run.skippedSamples, 0);
    assert.ok(
      run.log[1]!.loss < 0.8 * run.log[0]!.loss,
      `${regime}: ${run.log[0]!.loss} -> ${run.log[1]!.loss}`,
    );
    assert.ok(run.test.medianDeg < run.log[0]!.geodesicDeg);
  }
});

test('runNpy refuses a 6D run', () => {
  assert.throws(() => runNpy(gs), /6D/);
});
