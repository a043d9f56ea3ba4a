import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeBytes } from '../../../src/analysis/engine';
import { inspectRecord } from '../../../src/core/record';
import { appendStart } from '../../../src/live/appendStart';
import { flaggedStepLenses, summaryLensTitle } from '../../../src/providers/codeLensText';
import { inspectMarkdown } from '../../../src/providers/inspectMarkdown';
import { markdownReport } from '../../../src/report/markdownReport';
import { engineOptionsFrom } from '../../../src/runs/engineOptions';
import { flaggedTargets } from '../../../src/runs/flaggedTargets';
import { DEFAULT_CONFIG } from '../../../src/settings';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const jsonl = analyzeBytes(fixture('run.jsonl'), 'run.jsonl');

test('the summary lens states steps, matrices, κ p95 and near-singular steps', () => {
  const title = summaryLensTitle(jsonl);
  assert.match(
    title,
    /^SO3 Lens: 24 steps · 191 matrices · κ p95 [\d.]+ · 8 near-singular steps · 1 invalid · 2 issues$/,
  );
  const sixD = analyzeBytes(fixture('pred_6d.npy'), 'pred_6d.npy');
  assert.match(summaryLensTitle(sixD), /^SO3 Lens: 24 steps · 192 matrices · κ_GS p95 [\d.]+$/);
});

test('flagged-step lenses name the step and what was flagged on its line', () => {
  const lenses = flaggedStepLenses(jsonl);
  const step500 = lenses.find((lens) => lens.line === 6);
  assert.ok(step500);
  assert.match(step500.title, /^step 500: .*1 non-finite/);
  assert.ok(lenses.every((lens) => lens.line >= 1 && lens.line <= 25));
  // The fixture's late steps are near rotations: nothing to flag there.
  assert.ok(!lenses.some((lens) => lens.line === 25));
});

test('flagged targets are the flagged lines in order, each once', () => {
  const targets = flaggedTargets(jsonl);
  const lines = targets.map((t) => t.line);
  assert.deepEqual(
    lines,
    [...new Set(lines)].sort((a, b) => a - b),
  );
  assert.ok(lines.includes(6));
  assert.equal(targets.find((t) => t.line === 6)?.step, 500);
});

test('appendStart tells an extended log from a replaced one', () => {
  const text = readFileSync(new URL('../../fixtures/run.jsonl', import.meta.url), 'utf8').split('\n');
  const head = new TextEncoder().encode(text.slice(0, 5).join('\n') + '\n');
  const longer = new TextEncoder().encode(text.slice(0, 8).join('\n') + '\n');
  const previous = analyzeBytes(head, 'run.jsonl');
  const extended = analyzeBytes(longer, 'run.jsonl', {}, previous);
  assert.equal(appendStart(previous, extended), previous.steps.length - 1);
  const replaced = analyzeBytes(new TextEncoder().encode(text.slice(20, 22).join('\n') + '\n'), 'run.jsonl');
  assert.equal(appendStart(previous, replaced), undefined);
});

test('settings become engine options, always off the calling thread', () => {
  const options = engineOptionsFrom(
    { ...DEFAULT_CONFIG, 'thresholds.kappa': 25, 'jsonl.matrixKey': ' out.pred ', representation: '9d' },
    { taylorK: 4, clampEps: 0.5 },
  );
  assert.equal(options.inWorker, true);
  assert.deepEqual(options.analysis, {
    nearSingular: 0.05,
    kappa: 25,
    taylorK: 4,
    clampEps: 0.5,
    sixD: 'columns',
  });
  assert.deepEqual(options.parser, { key: 'out.pred', representation: '9d' });
});

test('the Inspect page lays out every number and the record as JSON', () => {
  const record = inspectRecord([1, 0, 0, 0, 0.5, 0, 0, 0, -0.49], '9d');
  const page = inspectMarkdown(record, { text: 'diag(1, 0.5, -0.49)', form: 'list, 3x3' });
  assert.match(page, /\| κ = \(σ1\+σ2\)\/\(σ2\+σ3\) \| 150 \|/);
  assert.match(
    page,
    /\| gains 2\/\(σ1\+σ2\) · 2\/\(σ1\+σ3\) · 2\/\(σ2\+σ3\) \| 1\.33333 · 3\.92157 · 200 \|/,
  );
  assert.match(page, /\*\*det-negative\*\*/);
  const json = page.slice(page.indexOf('```json') + 7, page.lastIndexOf('```'));
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(record)));
});

test('the Markdown report has the summary, the κ windows, the reading and the flagged steps', () => {
  const report = markdownReport(jsonl);
  assert.match(report, /^# SO3 Lens report: run\.jsonl$/m);
  assert.match(report, /\| matrices analyzed \| 191 \|/);
  assert.match(report, /\| first 10% \(0–200\) \|/);
  assert.match(report, /## Reading\n\nOver the first 10% of steps/);
  assert.match(report, /\| 500 \| line 6 \| 8 \|/);
  assert.match(report, /line 11 \(error\): expected a complete JSON record/);
  const hostile = markdownReport({ ...jsonl, file: 'a|b\nc.jsonl' });
  assert.match(hostile, /^# SO3 Lens report: a\\\|b c\.jsonl$/m);
});
