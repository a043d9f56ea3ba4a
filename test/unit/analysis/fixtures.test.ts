// The real NumPy / json files of test/fixtures against NumPy's values in expected.json: per-matrix
// singular values and κ, and per-step quantiles computed here, independently, from those values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/analysis/engine';
import type { AnalysisResult, StepStatistic } from '../../../src/shared/analysis';

const FIXTURES = join(__dirname, '../../fixtures');
interface ExpectedMatrix {
  s: [number, number, number];
  det: number;
  kappa: number | null;
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  pred_9d: { per_matrix: ExpectedMatrix[][] };
  pred_6d: { per_matrix_rho: number[][] };
  'run.jsonl': {
    matrices_valid: number;
    invalid_matrices: Array<{ step: number; index: number }>;
    malformed_lines: number[];
  };
};
const STEP_NUMBERS = expected.pred_9d.per_matrix.map((_, i) => 100 * i);

/** NumPy's nanmin, nanmedian, nanpercentile 95 (linear), nanmax, by a full sort. */
function numpyQuantiles(values: number[]): [number, number, number, number] {
  const a = values.filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  const n = a.length;
  const median = n % 2 === 1 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
  const h = (n - 1) * 0.95;
  const lo = Math.floor(h);
  const t = h - lo;
  const d = h >= n - 1 ? 0 : a[lo + 1]! - a[lo]!;
  const p95 = h >= n - 1 ? a[n - 1]! : t >= 0.5 ? a[lo + 1]! - d * (1 - t) : a[lo]! + d * t;
  return [a[0]!, median, p95, a[n - 1]!];
}

function close(actual: number, wanted: number, rel: number, abs: number, what: string): void {
  assert.ok(
    Math.abs(actual - wanted) <= rel * Math.abs(wanted) + abs,
    `${what}: ${actual} vs NumPy ${wanted}`,
  );
}

/** A matrix whose s2 is below double precision of s1: its s2, s3 and κ are rounding noise. */
function rankOne(m: ExpectedMatrix): boolean {
  return m.s[1] < 1e-12 * m.s[0];
}

interface Case {
  file: string;
  /** Matrices of step i of the result, as [expected step row, index] pairs. */
  layout: 'steps' | 'flat';
  rel: number;
  kappaRel: number;
  /** Absolute tolerance of s2, s3 relative to s1: float32 rounding of the logged entries. */
  abs: number;
}

const CASES: Case[] = [
  { file: 'pred_9d_f32.npy', layout: 'steps', rel: 2e-6, kappaRel: 1e-4, abs: 1e-7 },
  { file: 'pred_9d_f64_flat.npy', layout: 'flat', rel: 1e-12, kappaRel: 1e-9, abs: 1e-12 },
  { file: 'pred_9d_fortran.npy', layout: 'flat', rel: 1e-12, kappaRel: 1e-9, abs: 1e-12 },
  { file: 'pred_9d_bigendian.npy', layout: 'flat', rel: 1e-12, kappaRel: 1e-9, abs: 1e-12 },
  { file: 'run.npz', layout: 'steps', rel: 2e-6, kappaRel: 1e-4, abs: 1e-7 },
  { file: 'run.csv', layout: 'steps', rel: 1e-12, kappaRel: 1e-9, abs: 1e-12 },
  { file: 'run.jsonl', layout: 'steps', rel: 1e-12, kappaRel: 1e-9, abs: 1e-12 },
];

function checkAgainstNumpy(result: AnalysisResult, c: Case): void {
  const perMatrix = result.perMatrix ?? [];
  const invalid = new Set(
    c.file === 'run.jsonl' ? expected['run.jsonl'].invalid_matrices.map((m) => `${m.step}/${m.index}`) : [],
  );
  const rows = expected.pred_9d.per_matrix;
  const groups: ExpectedMatrix[][] = c.layout === 'steps' ? rows : rows.flat().map((m) => [m]);
  assert.equal(result.steps.length, groups.length);
  let k = 0;
  groups.forEach((group, i) => {
    const step = result.steps.step[i]!;
    assert.equal(
      step,
      c.layout === 'steps' && result.stepSource === 'logged' ? STEP_NUMBERS[i] : i,
      `step of row ${i}`,
    );
    assert.equal(result.steps.count[i], group.length, `count of step ${step}`);
    const series: Record<'kappa' | 's1' | 's2' | 's3' | 's3Rel', number[]> = {
      kappa: [],
      s1: [],
      s2: [],
      s3: [],
      s3Rel: [],
    };
    group.forEach((m, index) => {
      const record = perMatrix[k++] as unknown as {
        step: number;
        index: number;
        s: (number | null)[];
        kappa: number | null;
      };
      assert.equal(record.step, step);
      assert.equal(record.index, index);
      if (invalid.has(`${step}/${index}`)) {
        assert.equal(record.kappa, null, 'a NaN matrix has no κ');
        return;
      }
      const [s1, s2, s3] = record.s as number[];
      const scale = m.s[0];
      close(s1!, m.s[0], c.rel, 0, `s1 of step ${step} #${index}`);
      close(s2!, m.s[1], c.rel, c.abs * scale, `s2 of step ${step} #${index}`);
      close(s3!, m.s[2], c.rel, c.abs * scale, `s3 of step ${step} #${index}`);
      let kappa = m.kappa ?? Infinity;
      if (rankOne(m)) {
        assert.ok(
          record.kappa === null || record.kappa > 1e15,
          `κ of the rank-one matrix is huge: ${record.kappa}`,
        );
        kappa = record.kappa ?? Infinity;
      } else close(record.kappa ?? Infinity, kappa, c.kappaRel, 0, `κ of step ${step} #${index}`);
      series.kappa.push(kappa);
      series.s1.push(m.s[0]);
      series.s2.push(rankOne(m) ? s2! : m.s[1]);
      series.s3.push(rankOne(m) ? s3! : m.s[2]);
      series.s3Rel.push((rankOne(m) ? s3! : m.s[2]) / m.s[0]);
    });
    for (const name of Object.keys(series) as Array<keyof typeof series & StepStatistic>) {
      const wanted = numpyQuantiles(series[name]);
      const columns = result.steps.stats[name];
      const got = [columns.min[i]!, columns.median[i]!, columns.p95[i]!, columns.max[i]!];
      const rel = name === 'kappa' ? c.kappaRel : c.rel;
      for (let q = 0; q < 4; q++) {
        if (name === 'kappa' && group.some(rankOne) && q >= 2) continue; // p95/max include κ ≈ 1e16 ± noise
        close(
          got[q]!,
          wanted[q]!,
          rel,
          name === 's1' || name === 'kappa' ? 0 : c.abs * 10,
          `${name} q${q} of step ${step}`,
        );
      }
    }
  });
}

for (const c of CASES) {
  test(`${c.file}: per-matrix values and per-step quantiles match NumPy`, async () => {
    const result = await analyzeFile(join(FIXTURES, c.file), { perMatrix: true, workers: 1 });
    assert.equal(result.representation, '9d');
    checkAgainstNumpy(result, c);
  });
}

test('run.jsonl: the NaN matrix and the truncated line 11 are reported at their lines, the rest analyzed', async () => {
  const result = await analyzeFile(join(FIXTURES, 'run.jsonl'), { workers: 1 });
  const info = expected['run.jsonl'];
  assert.equal(result.matrices, info.matrices_valid);
  assert.equal(result.invalid, 1);
  assert.equal(result.steps.length, 24);
  const bad = info.invalid_matrices[0]!;
  const row = [...result.steps.step].indexOf(bad.step);
  // Line n holds step 100*(n-1) up to the truncated line 11; step 500 is on line 6.
  assert.equal(result.steps.line[row], 6);
  assert.equal(result.steps.nonFinite[row], 1);
  assert.equal(result.steps.count[row], 8);
  const flag = result.flags.find((f) => f.kind === 'non-finite');
  assert.deepEqual(
    { step: flag?.step, index: flag?.index, line: flag?.line },
    { step: 500, index: 3, line: 6 },
  );
  const issueLines = result.issues.map((issue) => issue.line);
  assert.deepEqual(issueLines, [6, info.malformed_lines[0]]);
  assert.equal(result.issues[1]?.severity, 'error');
  assert.match(result.issues[0]!.message, /step 500, matrix 3/);
  assert.equal(result.steps.line[row + 5], 12, 'the step after the truncated line keeps its own line');
});

test('pred_6d.npy: ρ_GS per matrix and per step match NumPy', async () => {
  const result = await analyzeFile(join(FIXTURES, 'pred_6d.npy'), { perMatrix: true, workers: 1 });
  assert.equal(result.representation, '6d');
  const rho = expected.pred_6d.per_matrix_rho;
  assert.equal(result.steps.length, rho.length);
  let k = 0;
  rho.forEach((values, i) => {
    for (const value of values) {
      const record = result.perMatrix![k++] as unknown as { gs: { rho: number } };
      close(record.gs.rho, value, 1e-5, 0, `ρ_GS of step ${i}`);
    }
    const wanted = numpyQuantiles(values);
    const columns = result.steps.stats.gsRho;
    const got = [columns.min[i]!, columns.median[i]!, columns.p95[i]!, columns.max[i]!];
    for (let q = 0; q < 4; q++) close(got[q]!, wanted[q]!, 1e-5, 0, `ρ_GS q${q} of step ${i}`);
    assert.ok(Number.isNaN(result.steps.stats.kappa.median[i]!), 'a 6D log has no SVD κ');
  });
});

test('printed.log: the four printed steps and their matrices', async () => {
  const result = await analyzeFile(join(FIXTURES, 'printed.log'), { workers: 1 });
  assert.equal(result.format, 'text');
  assert.deepEqual([...result.steps.step], [0, 100, 200, 2300]);
  assert.deepEqual([...result.steps.count], [2, 2, 2, 2]);
  assert.equal(result.steps.stats.kappa.max[2]!.toFixed(3), '150.000');
});
