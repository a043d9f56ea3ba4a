// The figures the README reports for a demo run, read from the engine's analysis of its log (so they
// are what `so3lens analyze` shows, not numbers the trainer computed itself). "early" and "late" are
// the first and last 10% of the logged steps, as in the analyze table.

import { stepWindow, windowFigures } from '../analysis/summary';
import type { AnalysisResult, StepTable } from '../shared/analysis';

export interface WindowReading {
  firstStep: number;
  lastStep: number;
  /** Median of the step medians. */
  kappaMedian: number;
  kappaP95: number;
  gsRhoMedian: number;
  gsKappaMedian: number;
  nearSingular: number;
  detNegative: number;
  kappaHigh: number;
}

export interface DemoFigures {
  steps: number;
  matrices: number;
  representation: AnalysisResult['representation'];
  early: WindowReading;
  late: WindowReading;
  all: WindowReading;
}

function sum(values: ArrayLike<number>, from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i]!;
  return total;
}

function reading(table: StepTable, from: number, to: number): WindowReading {
  const kappa = windowFigures(table, 'kappa', from, to);
  return {
    firstStep: kappa.firstStep,
    lastStep: kappa.lastStep,
    kappaMedian: kappa.median,
    kappaP95: kappa.p95,
    gsRhoMedian: windowFigures(table, 'gsRho', from, to).median,
    gsKappaMedian: windowFigures(table, 'gsKappa', from, to).median,
    nearSingular: sum(table.nearSingular, from, to),
    detNegative: sum(table.detNegative, from, to),
    kappaHigh: sum(table.kappaHigh, from, to),
  };
}

export function demoFigures(result: AnalysisResult): DemoFigures {
  const table = result.steps;
  const early = stepWindow(table, 'first');
  const late = stepWindow(table, 'last');
  return {
    steps: table.length,
    matrices: result.matrices,
    representation: result.representation,
    early: reading(table, early.from, early.to),
    late: reading(table, late.from, late.to),
    all: reading(table, 0, table.length),
  };
}
