import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectRecord } from '../../../src/core/record';
import { formatNumber, hoverMarkdown } from '../../../src/providers/hoverMarkdown';

test('formatNumber keeps four significant digits and marks missing values', () => {
  assert.equal(formatNumber(1), '1');
  assert.equal(formatNumber(1.3333333), '1.333');
  assert.equal(formatNumber(150.00001), '150');
  assert.equal(formatNumber(1e-9), '1.000e-9');
  assert.equal(formatNumber(null), '—');
});

test('a 9D hover shows the spectrum, κ, gains and the link', () => {
  // MATH.md table: s = (3, 2, 1), det < 0 → gains 0.4, 1, 2 and κ = 5.
  const record = inspectRecord([3, 0, 0, 0, 2, 0, 0, 0, -1], '9d');
  const md = hoverMarkdown(record, 'command:so3Lens.inspectMatrix?x');
  assert.match(md, /\| s1 · s2 · s3 \| 3 · 2 · 1 \|/);
  assert.match(md, /\| κ \(SVD Jacobian\) \| 5 \|/);
  assert.match(md, /\| gains 2\/\(σi\+σj\) \| 0\.4 · 1 · 2 \|/);
  assert.match(md, /`det-negative`: det M < 0/);
  assert.match(md, /\[Open in Inspect Matrix\]\(command:so3Lens\.inspectMatrix\?x\)$/);
});

test('an infinite κ reads ∞ and a non-finite matrix shows only its flag', () => {
  const rankOne = hoverMarkdown(inspectRecord([1, 0, 0, 0, 0, 0, 0, 0, 0], '9d'), 'l');
  assert.match(rankOne, /κ \(SVD Jacobian\) \| ∞ \|/);
  assert.match(rankOne, /near-singular/);
  const bad = hoverMarkdown(inspectRecord([NaN, 0, 0, 0, 1, 0, 0, 0, 1], '9d'), 'l');
  assert.doesNotMatch(bad, /κ/);
  assert.match(bad, /`non-finite`/);
});

test('a 6D hover shows the Gram-Schmidt spectrum and imbalance', () => {
  // MATH.md: a1 = 2e1, a2 = e2 → sv 1.414214, 0.707107, 0.707107; κ_GS 2; ρ_GS 0.5.
  const md = hoverMarkdown(inspectRecord([2, 0, 0, 0, 1, 0], '6d'), 'l');
  assert.match(md, /GS singular values \| 1\.414 · 0\.7071 · 0\.7071 \|/);
  assert.match(md, /κ_GS \| 2 \|/);
  assert.match(md, /ρ_GS \(a1 : a2 gradient energy\) \| 0\.5 /);
});
