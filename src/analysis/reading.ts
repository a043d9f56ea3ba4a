// The one-paragraph "reading of the numbers" under the table and in the dashboard. It states only
// what the per-step statistics show, with the numbers, and what they mean for the orthogonalization
// in the training loop (MATH.md sections 3, 4 and 6). The paper's advice (arXiv 2604.05414: train
// on the 9D output directly, apply the SVD only at inference) is given only when the numbers show
// the SVD distorting gradients: a high κ, near-singular or det<0 predictions.

import type { AnalysisResult, StepTable } from '../shared/analysis';
import { formatNumber } from './flagMessage';
import { stepWindow, summarize, windowFigures } from './summary';

/** A step p95 κ from which the backward pass scales gradient directions visibly unequally. */
export const KAPPA_DISTORTING = 3;
/** A share of near-singular or det<0 predictions worth a sentence of advice. */
export const SHARE_NOTABLE = 0.01;

export function readingOf(result: AnalysisResult): string {
  const t = result.steps;
  if (t.length === 0) return 'No valid matrix was read, so there is nothing to report.';
  return result.representation === '6d' ? readingSixD(result) : readingNineD(result);
}

function readingNineD(result: AnalysisResult): string {
  const t = result.steps;
  const s = summarize(result);
  const sentences: string[] = [];
  const first = stepWindow(t, 'first');
  const last = stepWindow(t, 'last');
  const early = windowFigures(t, 'kappa', first.from, first.to);
  const late = windowFigures(t, 'kappa', last.from, last.to);
  if (t.length >= 2) {
    sentences.push(
      `Over the first 10% of steps (${stepRange(t, first.from, first.to)}) the SVD projection's condition number κ has a median of ${formatNumber(early.median)} and a p95 of ${formatNumber(early.p95)}; over the last 10% (${stepRange(t, last.from, last.to)}) ${formatNumber(late.median)} and ${formatNumber(late.p95)}.`,
    );
  } else {
    sentences.push(
      `In the one step read (step ${t.step[0]}), κ has a median of ${formatNumber(early.median)} and a p95 of ${formatNumber(early.p95)}.`,
    );
  }
  const distorting = early.p95 >= KAPPA_DISTORTING || late.p95 >= KAPPA_DISTORTING;
  if (distorting) {
    const gain = windowFigures(t, 'gain', first.from, first.to);
    sentences.push(
      `Where κ is high, the backward pass through the SVD scales the three rotational gradient directions unequally, by a factor of up to κ (largest gain 2/(σ2+σ3), p95 ${formatNumber(gain.p95)} over the first 10% of steps).`,
    );
  } else {
    sentences.push(
      'κ stays low, so the SVD passes gradients almost undistorted through the projection in these steps.',
    );
  }
  if (s.nearSingular > 0)
    sentences.push(
      shareSentence(
        `are near-singular (s3/s1 below ${result.thresholds.nearSingular})`,
        s.nearSingular,
        s.matrices,
        t,
        'nearSingular',
      ),
    );
  if (s.detNegative > 0) {
    sentences.push(
      shareSentence('have det < 0', s.detNegative, s.matrices, t, 'detNegative') +
        ' There the projection reflects the weakest axis and jumps as det changes sign.',
    );
  }
  const stabilizer = windowFigures(t, 'taylorPhiMaxDeg', last.from, last.to);
  if (Number.isFinite(stabilizer.median) && stabilizer.median >= 1) {
    sentences.push(
      `Near SO(3) the stabilized SVD gradients err instead: a Taylor expansion with K = ${result.thresholds.taylorK} turns the gradient by up to ${formatNumber(stabilizer.median)}° (φ_max, median over the last 10% of steps).`,
    );
  }
  const notable = s.nearSingularFraction >= SHARE_NOTABLE || s.detNegativeFraction >= SHARE_NOTABLE;
  if (distorting || notable) {
    sentences.push(
      'These are the conditions under which the paper (arXiv 2604.05414) advises training on the 9D output directly (a loss on M, κ = 1) and applying the SVD only at inference.',
    );
  }
  if (result.invalid > 0) sentences.push(invalidSentence(result));
  return sentences.join(' ');
}

function readingSixD(result: AnalysisResult): string {
  const t = result.steps;
  const first = stepWindow(t, 'first');
  const last = stepWindow(t, 'last');
  const rhoEarly = windowFigures(t, 'gsRho', first.from, first.to);
  const rhoLate = windowFigures(t, 'gsRho', last.from, last.to);
  const kEarly = windowFigures(t, 'gsKappa', first.from, first.to);
  const kLate = windowFigures(t, 'gsKappa', last.from, last.to);
  const sentences = [
    `Gram-Schmidt's gradient imbalance ρ_GS (2 at orthonormal inputs: a1 gets twice the gradient energy of a2) has a median of ${formatNumber(rhoEarly.median)} over the first 10% of steps (${stepRange(t, first.from, first.to)}) and ${formatNumber(rhoLate.median)} over the last 10% (${stepRange(t, last.from, last.to)}).`,
    `Its Jacobian's condition number κ_GS has a median of ${formatNumber(kEarly.median)} and a p95 of ${formatNumber(kEarly.p95)} early, ${formatNumber(kLate.median)} and ${formatNumber(kLate.p95)} late.`,
  ];
  if (kEarly.p95 >= KAPPA_DISTORTING || kLate.p95 >= KAPPA_DISTORTING) {
    sentences.push(
      'A high κ_GS means a1 and a2 are nearly collinear or of very different lengths, and the gradient reaching them is correspondingly unbalanced.',
    );
  }
  const s = summarize(result);
  if (s.kappaHigh > 0)
    sentences.push(
      shareSentence(`have κ_GS above ${result.thresholds.kappa}`, s.kappaHigh, s.matrices, t, 'kappaHigh'),
    );
  if (result.invalid > 0) sentences.push(invalidSentence(result));
  return sentences.join(' ');
}

function shareSentence(
  what: string,
  count: number,
  matrices: number,
  t: StepTable,
  column: 'nearSingular' | 'detNegative' | 'kappaHigh',
): string {
  let steps = 0;
  let firstRow = -1;
  let lastRow = -1;
  let inFirstTenth = 0;
  const firstTenth = stepWindow(t, 'first').to;
  for (let i = 0; i < t.length; i++) {
    const n = t[column][i] as number;
    if (n === 0) continue;
    steps++;
    if (firstRow < 0) firstRow = i;
    lastRow = i;
    if (i < firstTenth) inFirstTenth += n;
  }
  const where =
    steps === 1
      ? `all in step ${t.step[firstRow]}`
      : `in ${steps} of ${t.length} steps, from step ${t.step[firstRow]} to step ${t.step[lastRow]}, ${percent(inFirstTenth / count)} of them in the first 10% of steps`;
  return `${count} of ${matrices} matrices (${percent(count / Math.max(1, matrices))}) ${what}, ${where}.`;
}

function invalidSentence(result: AnalysisResult): string {
  return `${result.invalid} matrix${result.invalid === 1 ? '' : 'es'} with NaN or infinite entries ${result.invalid === 1 ? 'was' : 'were'} left out of these statistics.`;
}

function stepRange(t: StepTable, from: number, to: number): string {
  return to - from <= 1 ? `step ${t.step[from]}` : `steps ${t.step[from]}–${t.step[to - 1]}`;
}

function percent(fraction: number): string {
  const value = 100 * fraction;
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)}%`;
}
