// What each chart shows: the statistics it plots, how (median line, band, extreme line), on which
// axis, with which threshold lines and flag marks. The builder turns these into Chart.js datasets.

import type { FlagKind, StepStatistic, Thresholds } from '../../src/shared/analysis';
import type { Quantile } from '../store';

export type AxisId = 'y' | 'y2';

export interface SeriesGroup {
  stat: StepStatistic;
  /** Legend and tooltip name. */
  label: string;
  axis: AxisId;
  /** The band's lower and upper quantiles. */
  band?: [Quantile, Quantile];
  /** The raw extreme drawn as a thin dashed line (never smoothed). */
  extreme?: 'min' | 'max';
  /** Palette index when one run is shown; with several runs the run picks the colour. */
  color: number;
}

export interface ThresholdLine {
  axis: AxisId;
  value: number;
  label: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence under the title: what the number means for training. */
  description: string;
  groups: SeriesGroup[];
  yTitle: string;
  y2Title?: string;
  /** Whether the card offers a log-scale toggle, and its default. */
  log?: { default: boolean };
  thresholds: (thresholds: Thresholds) => ThresholdLine[];
  marks: FlagKind[];
  /** The stabilizer controls (Taylor K, clamp ε) live on this card. */
  stabilizerControls?: boolean;
}

export const CHART_SPECS: readonly ChartSpec[] = [
  {
    id: 'kappa',
    title: 'Condition number κ of the SVD projection',
    description:
      'κ = (σ1+σ2)/(σ2+σ3) of the projection Jacobian: how unevenly the SVD passes the gradient on. 1 at a rotation.',
    groups: [{ stat: 'kappa', label: 'κ', axis: 'y', band: ['median', 'p95'], extreme: 'max', color: 0 }],
    yTitle: 'κ',
    log: { default: true },
    thresholds: (t) => [{ axis: 'y', value: t.kappa, label: `κ threshold ${t.kappa}` }],
    marks: ['kappa-high'],
  },
  {
    id: 'singular',
    title: 'Singular values s1 ≥ s2 ≥ s3',
    description: 'The spectrum of the raw prediction; all three reach 1 as it converges to a rotation.',
    groups: [
      { stat: 's1', label: 's1', axis: 'y', band: ['min', 'max'], color: 0 },
      { stat: 's2', label: 's2', axis: 'y', band: ['min', 'max'], color: 1 },
      { stat: 's3', label: 's3', axis: 'y', band: ['min', 'max'], color: 2 },
    ],
    yTitle: 'singular value',
    log: { default: false },
    thresholds: () => [],
    marks: ['near-singular', 'det-negative'],
  },
  {
    id: 's3Rel',
    title: 'Relative smallest singular value s3/s1',
    description:
      'Near 0 the prediction is close to rank two and the projection flips its weakest axis; marked steps are near-singular or have det < 0.',
    groups: [{ stat: 's3Rel', label: 's3/s1', axis: 'y', band: ['min', 'median'], extreme: 'min', color: 2 }],
    yTitle: 's3/s1',
    log: { default: true },
    thresholds: (t) => [{ axis: 'y', value: t.nearSingular, label: `near-singular ${t.nearSingular}` }],
    marks: ['near-singular', 'det-negative'],
  },
  {
    id: 'gain',
    title: 'Gradient gain 2/(σ2+σ3)',
    description:
      'The largest singular value of the projection Jacobian: how much the SVD amplifies the worst direction.',
    groups: [{ stat: 'gain', label: 'gain', axis: 'y', band: ['median', 'p95'], extreme: 'max', color: 1 }],
    yTitle: 'gain',
    log: { default: true },
    thresholds: () => [],
    marks: [],
  },
  {
    id: 'gramSchmidt',
    title: 'Gram-Schmidt: gradient imbalance ρ_GS and κ_GS',
    description:
      'ρ_GS = ‖J_a1‖²/‖J_a2‖² (2 at orthonormal inputs) and the condition number of the 6D Gram-Schmidt map.',
    groups: [
      { stat: 'gsRho', label: 'ρ_GS', axis: 'y', band: ['median', 'p95'], extreme: 'max', color: 3 },
      { stat: 'gsKappa', label: 'κ_GS', axis: 'y2', extreme: 'max', color: 4 },
    ],
    yTitle: 'ρ_GS',
    y2Title: 'κ_GS',
    log: { default: false },
    thresholds: () => [],
    marks: [],
  },
  {
    id: 'inference',
    title: 'Inference: SVD versus Gram-Schmidt',
    description: 'Angle between the two projections of the same prediction, and its distance to SO(3).',
    groups: [
      {
        stat: 'svdGsAngleDeg',
        label: 'SVD–GS angle (°)',
        axis: 'y',
        band: ['median', 'p95'],
        extreme: 'max',
        color: 0,
      },
      { stat: 'distSO3', label: '‖M − R‖_F', axis: 'y2', extreme: 'max', color: 2 },
    ],
    yTitle: 'angle (°)',
    y2Title: 'distance to SO(3)',
    thresholds: () => [],
    marks: [],
  },
  {
    id: 'stabilizer',
    title: 'Stabilized SVD: worst gradient direction error φ_max',
    description:
      'Stabilized SVD gradients (Taylor truncation of order K, or clamping |s_i² − s_j²| at ε) bend the gradient by up to φ_max; largest near SO(3), late in training.',
    groups: [
      {
        stat: 'taylorPhiMaxDeg',
        label: 'φ_max Taylor K (°)',
        axis: 'y',
        band: ['median', 'p95'],
        extreme: 'max',
        color: 3,
      },
      { stat: 'clampPhiMaxDeg', label: 'φ_max clamp ε (°)', axis: 'y', extreme: 'max', color: 1 },
    ],
    yTitle: 'φ_max (°)',
    thresholds: () => [],
    marks: [],
    stabilizerControls: true,
  },
];
