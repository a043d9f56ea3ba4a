// Whether a re-read of a watched log only extended it (the dashboard then appends) or changed what
// was there (it replaces the run). Pure, unit-tested on plain Node.
import type { AnalysisResult } from '../shared/analysis';

/** Whether `next` extends `previous` (same steps, more of them), and from which row it differs. */
export function appendStart(previous: AnalysisResult, next: AnalysisResult): number | undefined {
  const before = previous.steps;
  const after = next.steps;
  if (after.length < before.length || next.format !== previous.format) return undefined;
  // The last previous step may have grown (more of its matrices arrived), so it is re-sent.
  const stable = Math.max(0, before.length - 1);
  for (let i = 0; i < stable; i++) {
    if (before.step[i] !== after.step[i] || before.count[i] !== after.count[i]) return undefined;
  }
  return stable;
}
