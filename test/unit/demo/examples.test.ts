// Every committed example log is read by the engine: format and representation as its table in the
// README says, no issues (except run.jsonl, which keeps a NaN and a truncated line on purpose), and
// examples/ stays well under 1 MB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/analysis';

const EXAMPLES = join(__dirname, '../../../examples');

const EXPECTED: Record<string, { format: string; representation: string; steps: number; issues: number }> = {
  'run.jsonl': { format: 'jsonl', representation: '9d', steps: 24, issues: 2 },
  'run.csv': { format: 'csv', representation: '9d', steps: 24, issues: 0 },
  'steps.tsv': { format: 'tsv', representation: '9d', steps: 20, issues: 0 },
  'records.json': { format: 'json', representation: '9d', steps: 20, issues: 0 },
  'pred_9d_f32.npy': { format: 'npy', representation: '9d', steps: 24, issues: 0 },
  'pred_6d.npy': { format: 'npy', representation: '6d', steps: 24, issues: 0 },
  'run.npz': { format: 'npz', representation: '9d', steps: 24, issues: 0 },
  'pred_6d.jsonl': { format: 'jsonl', representation: '6d', steps: 20, issues: 0 },
  'printed.log': { format: 'text', representation: '9d', steps: 4, issues: 0 },
  'printed_torch.log': { format: 'text', representation: '9d', steps: 12, issues: 0 },
};

test('every example log is listed here (a new one gets an expectation)', () => {
  const logs = readdirSync(EXAMPLES).filter(
    (name) => statSync(join(EXAMPLES, name)).isFile() && !name.endsWith('.py'),
  );
  assert.deepEqual(logs.sort(), Object.keys(EXPECTED).sort());
});

for (const [name, want] of Object.entries(EXPECTED)) {
  test(`examples/${name}: ${want.format}, ${want.representation}, ${want.steps} steps, ${want.issues} issues`, async () => {
    const result = await analyzeFile(join(EXAMPLES, name), { workers: 1 });
    assert.deepEqual(
      [result.format, result.representation, result.steps.length, result.issuesTotal],
      [want.format, want.representation, want.steps, want.issues],
    );
    assert.ok(result.matrices > 0);
  });
}

test('examples/ is well under 1 MB in all', () => {
  const size = (dir: string): number =>
    readdirSync(dir).reduce((total, name) => {
      const path = join(dir, name);
      return total + (statSync(path).isDirectory() ? size(path) : statSync(path).size);
    }, 0);
  assert.ok(size(EXAMPLES) < 512 * 1024, `${size(EXAMPLES)} bytes`);
});
