import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../../src/analysis/engine';
import { readingOf } from '../../../src/analysis/reading';
import { jsonlText } from './generate';

const FIXTURES = join(__dirname, '../../fixtures');

test('reading of the 9D fixture: early vs late κ, the near-singular and det<0 shares, the advice', () => {
  const text = readingOf(analyzeBytes(readFileSync(join(FIXTURES, 'run.jsonl')), 'run.jsonl'));
  assert.match(text, /first 10% of steps \(steps 0–200\) .* median of 3\.216 and a p95 of 91\.48/);
  assert.match(text, /last 10% \(steps 2100–2300\) 1\.022 and 1\.071/);
  assert.match(text, /11 of 191 matrices \(5\.8%\) are near-singular/);
  assert.match(text, /40 of 191 matrices \(21%\) have det < 0/);
  assert.match(text, /train.* 9D output directly .* SVD only at inference/);
  assert.match(text, /1 matrix with NaN or infinite entries/);
});

test('reading of a run near SO(3): no κ alarm and no advice', () => {
  const calm = jsonlText({ lines: 40, linesPerStep: 1, batch: 4, seed: 3 });
  // jsonlText shrinks the noise from 1.5 to 0.1 over the run; keep only the last, calm quarter.
  const lines = calm.trim().split('\n').slice(30).join('\n') + '\n';
  const text = readingOf(analyzeBytes(new TextEncoder().encode(lines), 'calm.jsonl'));
  assert.match(text, /κ stays low/);
  assert.doesNotMatch(text, /arXiv/);
  assert.doesNotMatch(text, /near-singular/);
});

test('reading of a 6D log speaks of ρ_GS and κ_GS, not of the SVD', () => {
  const text = readingOf(analyzeBytes(readFileSync(join(FIXTURES, 'pred_6d.npy')), 'pred_6d.npy'));
  assert.match(text, /ρ_GS .* median of 1\.418 over the first 10% of steps/);
  assert.match(text, /κ_GS has a median of/);
  assert.doesNotMatch(text, /SVD/);
});
