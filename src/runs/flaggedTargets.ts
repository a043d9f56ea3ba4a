// The lines Go to Next / Previous Flagged Step visits: the listed flagged matrices, plus the first
// line of every flagged step beyond the engine's list. Pure, unit-tested on plain Node.
import { isFlaggedRow } from '../analysis/summary';
import type { AnalysisResult } from '../shared/analysis';

export interface FlaggedTarget {
  line: number;
  step: number;
  endLine?: number;
  offset?: number;
  endOffset?: number;
}

export function flaggedTargets(result: AnalysisResult): FlaggedTarget[] {
  const byLine = new Map<number, FlaggedTarget>();
  for (const flag of result.flags) {
    if (flag.line !== undefined && flag.line > 0 && !byLine.has(flag.line))
      byLine.set(flag.line, { ...flag, line: flag.line });
  }
  const table = result.steps;
  for (let i = 0; i < table.length; i++) {
    const line = table.line[i] as number;
    if (line > 0 && isFlaggedRow(table, i) && !byLine.has(line))
      byLine.set(line, { line, step: table.step[i] as number });
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}
