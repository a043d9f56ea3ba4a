// `so3lens demo` end to end through the CLI entry: files written into --out, figures printed, bad options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';

const dir = mkdtempSync(join(tmpdir(), 'so3lens-demo-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

test('so3lens demo --out DIR writes the three logs, the .npy and summary.json', async () => {
  const out = join(dir, 'run');
  const { code, stdout } = await cli('demo', '--out', out, '--steps', '20', '--every', '10', '--seed', '3');
  assert.equal(code, 0);
  assert.deepEqual(readdirSync(out).sort(), [
    'direct-9d.jsonl',
    'gs-6d.jsonl',
    'summary.json',
    'svd-in-loop.jsonl',
    'svd-in-loop.npy',
  ]);
  assert.equal(readFileSync(join(out, 'gs-6d.jsonl'), 'utf8').trimEnd().split('\n').length, 3);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.config.seed, 3);
  assert.deepEqual(
    summary.runs.map((r: { regime: string }) => r.regime),
    ['svd-in-loop', 'direct-9d', 'gs-6d'],
  );
  assert.equal(summary.runs[0].engine.steps, 3);
  assert.match(stdout, /svd-in-loop +\d+ parameters/);
  assert.match(stdout, /What the engine reads \(3 logged steps/);
});

test('so3lens demo: a wrong option exits 2 with one message and writes nothing', async () => {
  const out = join(dir, 'never');
  for (const args of [['--steps', 'ten'], ['--every', '0'], ['--bogus']]) {
    const { code, stderr } = await cli('demo', '--out', out, ...args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, /^so3lens demo: .*\nRun 'so3lens demo --help'/);
  }
  assert.equal(existsSync(out), false);
});

test('so3lens demo: an --out that is a file exits 2 naming it', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a folder');
  const { code, stderr } = await cli('demo', '--out', file, '--steps', '1');
  assert.equal(code, 2);
  assert.match(stderr, /^so3lens demo: cannot write into '.*a-file'/);
});

test('so3lens demo --help lists the options; the top-level usage lists demo', async () => {
  const help = await cli('demo', '--help');
  assert.equal(help.code, 0);
  for (const option of ['--out', '--steps', '--seed', '--every'])
    assert.ok(help.stdout.includes(option), option);
  assert.match((await cli('--help')).stdout, /so3lens demo +train a small network/);
});
