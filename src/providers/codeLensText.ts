// The words of the CodeLens lines, from an analysis result. Pure, unit-tested on plain Node.
import { isFlaggedRow, kappaStatistic, summarize, windowFigures } from '../analysis/summary';
import type { AnalysisResult } from '../shared/analysis';
import { formatNumber } from './hoverMarkdown';

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : words}`;
}

/** e.g. `SO3 Lens: 24 steps · 192 matrices · κ p95 7.3 · 3 near-singular steps`. */
export function summaryLensTitle(result: AnalysisResult): string {
  const summary = summarize(result);
  const table = result.steps;
  const kappaName = kappaStatistic(result);
  const kappa = windowFigures(table, kappaName, 0, table.length);
  const parts = [plural(summary.steps, 'step'), plural(summary.matrices, 'matrix', 'matrices')];
  const label = kappaName === 'gsKappa' ? 'κ_GS' : 'κ';
  if (Number.isFinite(kappa.p95)) parts.push(`${label} p95 ${formatNumber(kappa.p95, 2)}`);
  else if (kappa.p95 === Infinity) parts.push(`${label} p95 ∞`);
  if (result.representation === '9d') {
    let nearSingularSteps = 0;
    for (let i = 0; i < table.length; i++) if ((table.nearSingular[i] as number) > 0) nearSingularSteps++;
    parts.push(plural(nearSingularSteps, 'near-singular step'));
  }
  if (result.invalid > 0) parts.push(`${result.invalid.toLocaleString('en-US')} invalid`);
  if (result.issuesTotal > 0) parts.push(plural(result.issuesTotal, 'issue'));
  return `SO3 Lens: ${parts.join(' · ')}`;
}

export interface FlaggedStepLens {
  /** 1-based line of the step's first matrix. */
  line: number;
  title: string;
}

/** One lens per flagged step that has a line (text formats). */
export function flaggedStepLenses(result: AnalysisResult): FlaggedStepLens[] {
  const table = result.steps;
  const lenses: FlaggedStepLens[] = [];
  for (let i = 0; i < table.length; i++) {
    const line = table.line[i] as number;
    if (line === 0 || !isFlaggedRow(table, i)) continue;
    const counts: string[] = [];
    const add = (n: number, name: string) => n > 0 && counts.push(`${n} ${name}`);
    add(table.nearSingular[i] as number, 'near-singular');
    add(table.detNegative[i] as number, 'det<0');
    add(table.kappaHigh[i] as number, 'κ-high');
    add(table.nonFinite[i] as number, 'non-finite');
    const kappaMax = table.stats[kappaStatistic(result)].max[i] as number;
    const kappa = Number.isNaN(kappaMax)
      ? ''
      : ` · κ max ${kappaMax === Infinity ? '∞' : formatNumber(kappaMax, 3)}`;
    lenses.push({ line, title: `step ${table.step[i]}: ${counts.join(', ')}${kappa}` });
  }
  return lenses;
}
