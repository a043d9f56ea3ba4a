import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { runInspect } from '../../../src/cli/inspect';
import { formatNumber } from '../../../src/cli/formatInspect';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], stdin?: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code =
    stdin === undefined
      ? await runCli(args, io)
      : await runInspect(args.slice(1), { ...io, stdin: Readable.from([stdin]) });
  return { code, stdout, stderr };
}

const RECORD_9D_FIELDS = [
  'representation',
  'm',
  's',
  'det',
  'sigma3Signed',
  'kappa',
  'gains',
  'distSO3',
  'orthDefect',
  'R',
  'gs',
  'svdGsAngleDeg',
  'stabilized',
  'flags',
].sort();

function close(actual: number, expected: number, tolerance = 1e-6): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} vs ${expected}`,
  );
}

test('--format json prints the inspect record of issue 2 §3 (MATH.md row (1, 0.5, 0.49), det < 0)', async () => {
  const { code, stdout, stderr } = await cli([
    'inspect',
    '--format',
    'json',
    '[[1, 0, 0], [0, 0.5, 0], [0, 0, -0.49]]',
  ]);
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.equal(stdout.trim().split('\n').length, 1, 'one JSON object on one line');
  const record = JSON.parse(stdout);
  assert.deepEqual(Object.keys(record).sort(), RECORD_9D_FIELDS);
  assert.deepEqual(record.m, [1, 0, 0, 0, 0.5, 0, 0, 0, -0.49]);
  close(record.kappa, 150);
  close(record.gains[0], 1.333333);
  close(record.gains[1], 3.921569);
  close(record.gains[2], 200);
  close(record.distSO3, 1.571655);
  assert.deepEqual(record.flags, ['det-negative', 'kappa-high']);
  assert.deepEqual(Object.keys(record.gs).sort(), ['blockRanks', 'kappa', 'rho', 'sv']);
  assert.deepEqual(Object.keys(record.stabilized).sort(), [
    'clampEps',
    'clampPhiMaxDeg',
    'taylorK',
    'taylorPhiMaxDeg',
  ]);
});

test('options reach the analysis: thresholds, Taylor order, clamp floor, 6D layout', async () => {
  const raised = await cli(['inspect', '--format=json', '--kappa', '200', '[[1,0,0],[0,0.5,0],[0,0,-0.49]]']);
  assert.deepEqual(JSON.parse(raised.stdout).flags, ['det-negative']);
  const singular = await cli([
    'inspect',
    '--format',
    'json',
    '--near-singular',
    '0.6',
    '[[1,0,0],[0,0.5,0],[0,0,0.5]]',
  ]);
  assert.deepEqual(JSON.parse(singular.stdout).flags, ['near-singular']);
  const stabilized = JSON.parse(
    (
      await cli([
        'inspect',
        '--format',
        'json',
        '--taylor-k',
        '3',
        '--clamp-eps',
        '0.5',
        '[1.05,0,0, 0,1,0, 0,0,0.97]',
      ])
    ).stdout,
  ).stabilized;
  assert.equal(stabilized.taylorK, 3);
  assert.equal(stabilized.clampEps, 0.5);
  const k9 = JSON.parse(
    (await cli(['inspect', '--format', 'json', '[1.05,0,0, 0,1,0, 0,0,0.97]'])).stdout,
  ).stabilized;
  close(k9.taylorPhiMaxDeg, 15.71, 1e-3);

  const columns = JSON.parse((await cli(['inspect', '--format', 'json', '[[0,1,0],[-1,0,0]]'])).stdout);
  assert.deepEqual(Object.keys(columns).sort(), ['R', 'a1', 'a2', 'flags', 'gs', 'representation']);
  assert.deepEqual(columns.a1, [0, 1, 0]);
  assert.deepEqual(columns.a2, [-1, 0, 0]);
  const rows = JSON.parse(
    (await cli(['inspect', '--format', 'json', '--six-d', 'rows', '[[0,1,0],[-1,0,0]]'])).stdout,
  );
  // The same a1, a2 as rows instead of columns: R is transposed.
  const transposed = [0, 3, 6, 1, 4, 7, 2, 5, 8].map((k) => columns.R[k]);
  assert.deepEqual(rows.R, transposed);
  close(columns.gs.rho, 2);
});

test('--format text (the default) prints a readable table with each flag explained', async () => {
  const { code, stdout } = await cli([
    'inspect',
    'array([[1.e+00, 0.e+00, 0.e+00],\n [0.e+00, 8.e-01, 0.e+00],\n [0.e+00, 0.e+00, 1.e-09]])',
  ]);
  assert.equal(code, 0);
  assert.match(stdout, /^9D matrix, read as NumPy array\(\.\.\.\) repr, 3x3/);
  for (const label of [
    's ',
    'det',
    'κ ',
    'gains',
    'dist SO(3)',
    'orth defect',
    'R (SVD)',
    'GS sv',
    'κ_GS',
    'ρ_GS',
    'SVD vs GS',
    'φ_max',
    'flags',
  ]) {
    assert.match(stdout, new RegExp(`^  ${label.replace(/[()]/g, '\\$&')}`, 'm'), label);
  }
  assert.match(stdout, /^ {2}s {16}1 {2}0\.8 {2}1e-9$/m);
  assert.match(stdout, /block ranks a1: 2, a2: 1/);
  assert.match(stdout, /near-singular: s3\/s1 = 1e-9 < 0\.05: /);
  const six = await cli(['inspect', '[1, 0, 0, 0, 1, 0]']);
  assert.match(six.stdout, /^6D prediction \(a1, a2 as columns\)/);
  assert.match(six.stdout, /^ {2}flags {12}none$/m);
  const nonFinite = await cli(['inspect', '[nan, 0, 0, 0, 1, 0, 0, 0, 1]']);
  assert.equal(nonFinite.code, 0);
  assert.match(nonFinite.stdout, /non-finite: NaN or Inf entries/);
  assert.doesNotMatch(
    nonFinite.stdout,
    /n\/a°|κ_GS/,
    'metrics of a matrix that was not analyzed are not listed',
  );
  assert.match(nonFinite.stdout, /^ {2}M {16}\[ NaN\/Inf {8}0 {8}0 \]$/m);
});

test('text from several arguments, negative numbers, stdin and mathjs', async () => {
  const joined = await cli(['inspect', '--format', 'json', '-1', '0', '0', '0', '-1', '0', '0', '0', '1']);
  assert.equal(joined.code, 0);
  assert.deepEqual(JSON.parse(joined.stdout).m, [-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  const piped = await cli(
    ['inspect', '--format', 'json', '-'],
    'tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])\n',
  );
  assert.equal(piped.code, 0);
  assert.equal(JSON.parse(piped.stdout).kappa, 1);
  const noArgument = await cli(['inspect', '--format', 'json'], '[2, 0, 0, 0, 2, 0, 0, 0, 2]');
  assert.equal(JSON.parse(noArgument.stdout).kappa, 1);
  const expression = await cli(['inspect', '--format', 'json', '0.1 * identity(3)']);
  close(JSON.parse(expression.stdout).gains[2], 10);
});

test('unparseable text and bad options: exit 2 and one line on stderr saying what was expected', async () => {
  const bad: string[][] = [
    ['inspect', '[1, 2, 3, 4, 5, 6, 7, 8]'],
    ['inspect', '[[1, 0, 0], [0, 1, 0], [0, 0, 1]'],
    ['inspect', 'not a matrix'],
    ['inspect', '[[[1,0,0],[0,1,0],[0,0,1]],[[1,0,0],[0,1,0],[0,0,1]]]'],
    ['inspect', '--format', 'xml', '[1,0,0,0,1,0,0,0,1]'],
    ['inspect', '--six-d', 'diagonal', '[1,0,0,0,1,0]'],
    ['inspect', '--kappa', 'abc', '[1,0,0,0,1,0,0,0,1]'],
    ['inspect', '--kappa', '-3', '[1,0,0,0,1,0,0,0,1]'],
    ['inspect', '--taylor-k', '2.5', '[1,0,0,0,1,0,0,0,1]'],
    ['inspect', '--clamp-eps', '0', '[1,0,0,0,1,0,0,0,1]'],
    ['inspect', '--near-singular', '[1,0,0,0,1,0,0,0,1]'],
    ['inspect', '--kappa'],
    ['inspect', '--frobnicate', '[1,0,0,0,1,0,0,0,1]'],
  ];
  for (const args of bad) {
    const { code, stdout, stderr } = await cli(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(
      stderr,
      /^so3lens inspect: expected |^so3lens inspect: (--[a-z-]+ expects|unknown option)/,
      stderr,
    );
    assert.equal(stderr.split('\n').length, 2, `one line: ${stderr}`);
  }
  const empty = await cli(['inspect'], '');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /found empty text/);
});

test('--help prints the usage, and the top-level usage lists inspect', async () => {
  const help = await cli(['inspect', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: so3lens inspect/);
  for (const option of ['--format', '--six-d', '--near-singular', '--kappa', '--taylor-k', '--clamp-eps']) {
    assert.ok(help.stdout.includes(option), option);
  }
  const top = await cli(['--help']);
  assert.match(top.stdout, /so3lens inspect /);
});

test('formatNumber: six significant digits, exponent form for the very small and large', () => {
  assert.equal(formatNumber(1 / 3), '0.333333');
  assert.equal(formatNumber(149.99999999999986), '150');
  assert.equal(formatNumber(1e-9), '1e-9');
  assert.equal(formatNumber(-2.5e12), '-2.5e+12');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(null), 'n/a');
  assert.equal(formatNumber(null, '∞'), '∞');
});

test('the built CLI: exit codes, stderr, stdin', () => {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['dist/cli.js', 'inspect', ...args], {
      encoding: 'utf8',
      input: input ?? '',
    });
  const ok = run(['--format', 'json', '[[1,0,0],[0,1,0],[0,0,1]]']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).kappa, 1);
  const expression = run(['[[cos(pi/6), -sin(pi/6), 0], [sin(pi/6), cos(pi/6), 0], [0, 0, 1]]']);
  assert.equal(expression.status, 0, expression.stderr);
  assert.match(expression.stdout, /read as mathjs expression/);
  const piped = run(
    ['--format', 'json'],
    'Array([[2., 0., 0.],\n       [0., 2., 0.],\n       [0., 0., 2.]], dtype=float32)\n',
  );
  assert.equal(piped.status, 0, piped.stderr);
  assert.deepEqual(JSON.parse(piped.stdout).s, [2, 2, 2]);
  const bad = run(['[1, 2, 3]']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^so3lens inspect: expected 9 numbers .*, found 3 numbers\n$/);
  const badOption = run(['--kappa', 'x', '[1,0,0,0,1,0,0,0,1]']);
  assert.equal(badOption.status, 2);
  assert.match(badOption.stderr, /^so3lens inspect: --kappa expects a positive number, found 'x'\n$/);
});
