import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../../src/analysis/engine';
import { evaluateFailOn, failOnMetrics, FailOnSyntaxError, parseFailOn } from '../../../src/analysis/failOn';

const run = analyzeBytes(readFileSync(join(__dirname, '../../fixtures/run.jsonl')), 'run.jsonl');

test('failOnMetrics: counts and fractions of the run', () => {
  const m = failOnMetrics(run);
  assert.equal(m.matrices, 191);
  assert.equal(m.invalid, 1);
  assert.equal(m.steps, 24);
  assert.equal(m.issues, 2);
  assert.equal(m.nearSingular, 11);
  assert.equal(m.nearSingularFraction, 11 / 191);
  assert.equal(m.detNegative, 40);
  assert.ok(m.kappaMax > 1e15, 'the rank-one matrix');
  assert.ok(m.earlyKappaMedian > m.kappaMedian, 'κ is higher early in this run');
});

test('--fail-on: comparison operators, && binds tighter than ||, percentages', () => {
  const m = failOnMetrics(run);
  const trips = (text: string): boolean => evaluateFailOn(parseFailOn(text), m) !== undefined;
  assert.equal(trips('nearSingularFraction>0.01'), true);
  assert.equal(trips('nearSingularFraction > 10%'), false);
  assert.equal(trips('nearSingularFraction>=5.7%'), true);
  assert.equal(trips('invalid==1 && issues<2'), false);
  assert.equal(trips('invalid==1 && issues<=2'), true);
  assert.equal(trips('matrices<100 || invalid!=0'), true);
  assert.equal(trips('matrices<100 || invalid!=1 && steps==24'), false);
  assert.equal(trips('kappaP95 > 1e3'), false);
  assert.match(evaluateFailOn(parseFailOn('detNegative>=40'), m) ?? '', /detNegative = 40 >= 40/);
});

test('--fail-on: a wrong expression is a FailOnSyntaxError that says what is expected', () => {
  assert.throws(() => parseFailOn(''), FailOnSyntaxError);
  assert.throws(() => parseFailOn('nearSingular'), /expected METRIC OP NUMBER/);
  assert.throws(() => parseFailOn('kappa>3'), /unknown metric 'kappa'/);
  assert.throws(() => parseFailOn('steps>3 &&'), FailOnSyntaxError);
  assert.throws(() => parseFailOn('steps=>3'), FailOnSyntaxError);
});
