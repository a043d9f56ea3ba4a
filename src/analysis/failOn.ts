// `--fail-on EXPR`: a CI gate over the run's figures. Grammar (no parentheses):
//   expr := clause ('||' clause)* ; clause := test ('&&' test)* ; test := METRIC OP NUMBER
//   OP := > >= < <= == !=
// Metrics are those of FAIL_ON_METRICS; fractions are in [0, 1] (0.01 = 1%).

import type { AnalysisResult } from '../shared/analysis';
import { kappaStatistic, summarize, windowFigures } from './summary';

export const FAIL_ON_METRICS = {
  steps: 'steps read',
  matrices: 'valid matrices',
  invalid: 'matrices with NaN/Inf entries',
  invalidFraction: 'invalid / all matrices',
  issues: 'issues (bad lines, records)',
  flags: 'flagged (matrix, kind) pairs',
  nearSingular: 'near-singular matrices',
  nearSingularFraction: 'near-singular / valid matrices',
  nearSingularStepFraction: 'steps with a near-singular matrix / steps',
  detNegative: 'matrices with det < 0',
  detNegativeFraction: 'det<0 / valid matrices',
  kappaHigh: 'matrices with κ (6D: κ_GS) above --kappa',
  kappaHighFraction: 'κ-high / valid matrices',
  kappaMedian: 'median of the step medians of κ (6D: κ_GS)',
  kappaP95: 'p95 of the step p95s of κ (6D: κ_GS)',
  kappaMax: 'largest κ (6D: κ_GS)',
  earlyKappaMedian: 'kappaMedian over the first 10% of steps',
  earlyKappaP95: 'kappaP95 over the first 10% of steps',
} as const;

export type FailOnMetric = keyof typeof FAIL_ON_METRICS;
type Operator = '>' | '>=' | '<' | '<=' | '==' | '!=';
interface Test {
  metric: FailOnMetric;
  operator: Operator;
  value: number;
}
/** Disjunction of conjunctions. */
export type FailOnExpression = Test[][];

export class FailOnSyntaxError extends Error {}

const TEST =
  /^\s*([A-Za-z][A-Za-z0-9]*)\s*(>=|<=|==|!=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?)\s*$/;

export function parseFailOn(text: string): FailOnExpression {
  if (text.trim() === '')
    throw new FailOnSyntaxError('--fail-on needs an expression such as nearSingularFraction>0.01');
  return text.split('||').map((clause) =>
    clause.split('&&').map((part) => {
      const match = TEST.exec(part);
      if (!match)
        throw new FailOnSyntaxError(
          `--fail-on: cannot read '${part.trim()}': expected METRIC OP NUMBER, e.g. nearSingularFraction>0.01`,
        );
      const [, name, operator, number] = match as unknown as [string, string, Operator, string];
      if (!(name in FAIL_ON_METRICS)) {
        throw new FailOnSyntaxError(
          `--fail-on: unknown metric '${name}'. Known: ${Object.keys(FAIL_ON_METRICS).join(', ')}`,
        );
      }
      const value = number.endsWith('%') ? Number(number.slice(0, -1)) / 100 : Number(number);
      return { metric: name as FailOnMetric, operator, value };
    }),
  );
}

export function failOnMetrics(result: AnalysisResult): Record<FailOnMetric, number> {
  const s = summarize(result);
  const kappa = kappaStatistic(result);
  const all = windowFigures(result.steps, kappa, 0, result.steps.length);
  const firstTenth = Math.min(result.steps.length, Math.max(1, Math.ceil(result.steps.length * 0.1)));
  const early = windowFigures(result.steps, kappa, 0, firstTenth);
  return {
    steps: s.steps,
    matrices: s.matrices,
    invalid: s.invalid,
    invalidFraction: s.invalidFraction,
    issues: result.issuesTotal,
    flags: result.flagsTotal,
    nearSingular: s.nearSingular,
    nearSingularFraction: s.nearSingularFraction,
    nearSingularStepFraction: s.nearSingularStepFraction,
    detNegative: s.detNegative,
    detNegativeFraction: s.detNegativeFraction,
    kappaHigh: s.kappaHigh,
    kappaHighFraction: s.kappaHighFraction,
    kappaMedian: all.median,
    kappaP95: all.p95,
    kappaMax: all.max,
    earlyKappaMedian: early.median,
    earlyKappaP95: early.p95,
  };
}

/** The tests that tripped (of the first clause that is all true), or undefined when none does. */
export function evaluateFailOn(
  expression: FailOnExpression,
  metrics: Record<FailOnMetric, number>,
): string | undefined {
  for (const clause of expression) {
    if (clause.every((test) => compare(metrics[test.metric], test.operator, test.value))) {
      return clause
        .map((test) => `${test.metric} = ${metrics[test.metric]} ${test.operator} ${test.value}`)
        .join(' and ');
    }
  }
  return undefined;
}

function compare(actual: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}
