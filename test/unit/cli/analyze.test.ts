import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runAnalyze } from '../../../src/cli/analyze';
import { STEP_STATISTICS } from '../../../src/shared/analysis';

const ROOT = join(__dirname, '../../..');
const FIXTURES = join(ROOT, 'test/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'so3lens-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

test('--format json: the fields of issue 3, steps with quantile objects', async () => {
  const { code, stdout } = await cli('--format', 'json', join(FIXTURES, 'run.jsonl'));
  assert.equal(code, 0);
  const json = JSON.parse(stdout) as Record<string, unknown> & { steps: Array<Record<string, unknown>> };
  for (const key of [
    'file',
    'format',
    'representation',
    'matrices',
    'invalid',
    'steps',
    'flags',
    'issues',
    'thresholds',
  ]) {
    assert.ok(key in json, key);
  }
  assert.equal(json.perMatrix, undefined);
  assert.deepEqual([json.format, json.representation, json.matrices, json.invalid], ['jsonl', '9d', 191, 1]);
  const step = json.steps[0]!;
  assert.deepEqual(Object.keys(step).slice(0, 3), ['step', 'count', 'line']);
  for (const name of STEP_STATISTICS)
    assert.deepEqual(Object.keys(step[name] as object), ['min', 'median', 'p95', 'max'], name);
  for (const count of ['nearSingular', 'detNegative', 'kappaHigh', 'nonFinite'])
    assert.equal(typeof step[count], 'number');
  assert.deepEqual(
    (json.issues as Array<{ line: number }>).map((i) => i.line),
    [6, 11],
  );
  const flag = (json.flags as Array<Record<string, unknown>>)[0]!;
  for (const key of ['step', 'index', 'line', 'kind', 'message']) assert.ok(key in flag, key);
  assert.deepEqual(json.thresholds, {
    nearSingular: 0.05,
    kappa: 10,
    taylorK: 9,
    clampEps: 0.01,
    sixD: 'columns',
  });
});

test('--format json --per-matrix on a binary file: offsets, inspect records in file order', async () => {
  const { stdout } = await cli('--format', 'json', '--per-matrix', join(FIXTURES, 'pred_9d_f32.npy'));
  const json = JSON.parse(stdout) as {
    steps: Array<Record<string, unknown>>;
    perMatrix: Array<Record<string, unknown>>;
  };
  assert.equal(json.steps[0]!.offset, 128);
  assert.equal(json.steps[0]!.line, undefined);
  assert.equal(json.perMatrix.length, 192);
  assert.deepEqual([json.perMatrix[9]!.step, json.perMatrix[9]!.index], [1, 1]);
  assert.ok(Array.isArray(json.perMatrix[0]!.s));
});

test('options reach the engine: thresholds, --repr, several files as a JSON array', async () => {
  const { stdout } = await cli(
    '--format=json',
    '--kappa',
    '3',
    '--near-singular',
    '0.2',
    '--taylor-k',
    '4',
    '--clamp-eps',
    '0.1',
    '--six-d',
    'rows',
    join(FIXTURES, 'run.csv'),
    join(FIXTURES, 'pred_6d.npy'),
  );
  const runs = JSON.parse(stdout) as Array<{
    thresholds: Record<string, unknown>;
    representation: string;
    flags: unknown[];
  }>;
  assert.equal(runs.length, 2);
  assert.deepEqual(runs[0]!.thresholds, {
    nearSingular: 0.2,
    kappa: 3,
    taylorK: 4,
    clampEps: 0.1,
    sixD: 'rows',
  });
  assert.equal(runs[1]!.representation, '6d');
  const forced = await cli('--format', 'json', '--repr', '6d', join(FIXTURES, 'pred_9d_f32.npy'));
  assert.equal(forced.code, 2, 'a (..., 3, 3) array is not 6D');
});

test('--format csv: a header and one row a step', async () => {
  const { stdout } = await cli('--format', 'csv', join(FIXTURES, 'run.jsonl'));
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 25);
  assert.match(lines[0]!, /^file,step,count,line,offset,kappa_min,kappa_median,kappa_p95,kappa_max,s1_min/);
  assert.equal(lines[1]!.split(',').length, lines[0]!.split(',').length);
});

test('--format table (the default): counts, κ windows, first and worst step, the reading', async () => {
  const { code, stdout } = await cli(join(FIXTURES, 'run.jsonl'));
  assert.equal(code, 0);
  assert.match(stdout, /steps 24 {3}matrices 191 \(\+1 invalid\)/);
  assert.match(stdout, /first 10% \(0–200\)\s+3\.216\s+91\.48\s+150/);
  assert.match(stdout, /first flagged step: step 0 \(line 1/);
  assert.match(stdout, /worst step \(κ max\): step 300 \(line 4/);
  assert.match(stdout, /line 11: error: /);
  assert.match(stdout, /arXiv 2604\.05414/);
});

test('exit codes: 1 when --fail-on trips, 2 for unreadable files and wrong options', async () => {
  const tripped = await cli('--fail-on', 'nearSingularFraction>0.01', join(FIXTURES, 'run.jsonl'));
  assert.equal(tripped.code, 1);
  assert.match(
    tripped.stderr,
    /--fail-on tripped for .*run\.jsonl: nearSingularFraction = 0\.0575\d* > 0\.01/,
  );
  assert.equal((await cli('--fail-on', 'nearSingularFraction>0.5', join(FIXTURES, 'run.jsonl'))).code, 0);
  const missing = await cli(join(dir, 'nope.jsonl'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.jsonl: cannot be read \(no such file\)/);
  assert.equal((await cli('--fail-on', 'bogus>1', join(FIXTURES, 'run.jsonl'))).code, 2);
  assert.equal((await cli('--format', 'xml', join(FIXTURES, 'run.jsonl'))).code, 2);
  assert.equal((await cli('--frobnicate', join(FIXTURES, 'run.jsonl'))).code, 2);
  assert.equal((await cli()).code, 2);
  const help = await cli('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--fail-on EXPR/);
});

test('the built CLI (dist bundle and worker): exit 0, 1 and 2 with a message naming the file', async () => {
  const out = join(dir, 'dist');
  await build({
    entryPoints: { cli: join(ROOT, 'src/cli.ts'), analysisWorker: join(ROOT, 'src/analysis/worker.ts') },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'garbage.bin'), Uint8Array.from([0, 1, 2, 3, 200, 201]));
  writeFileSync(
    join(dir, 'corrupt.npy'),
    Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 4, 0, 123, 125]),
  );
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(out, 'cli.js'), 'analyze', ...args], { encoding: 'utf8' });
  const ok = run(join(FIXTURES, 'run.jsonl'), join(FIXTURES, 'run.npz'));
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /run\.npz {2}\(npz, 9d, logged steps\)/);
  assert.equal(run('--fail-on', 'detNegativeFraction>=0.2', join(FIXTURES, 'run.csv')).status, 1);
  for (const name of ['missing.jsonl', 'garbage.bin', 'corrupt.npy']) {
    const failed = run(join(dir, name));
    assert.equal(failed.status, 2, name);
    assert.match(failed.stderr, new RegExp(`${name.replace('.', '\\.')}: `));
    assert.doesNotMatch(failed.stderr, /\n\s+at /, 'no stack trace');
  }
  const partly = run(join(FIXTURES, 'run.jsonl'), join(dir, 'missing.jsonl'));
  assert.equal(partly.status, 2, 'one unreadable file of two');
  assert.match(partly.stdout, /run\.jsonl/);
});
