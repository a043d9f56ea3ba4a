// The analysis result: what the engine produces for one log file, and what the CLI's
// `--format json`, the extension's providers and the dashboard all consume. Plain data only.

export type Representation = '9d' | '6d';
export type LogFormat = 'jsonl' | 'json' | 'csv' | 'tsv' | 'npy' | 'npz' | 'text';
export type FlagKind = 'near-singular' | 'det-negative' | 'kappa-high' | 'gs-degenerate' | 'non-finite';

/** Per-step statistics of one metric over the step's valid matrices; null where no value exists. */
export interface Quantiles {
  min: number | null;
  median: number | null;
  p95: number | null;
  max: number | null;
}

/** The statistics every step carries, by their JSON names. */
export const STEP_STATISTICS = [
  'kappa',
  's1',
  's2',
  's3',
  's3Rel',
  'gain',
  'gsRho',
  'gsKappa',
  'distSO3',
  'svdGsAngleDeg',
  'taylorPhiMaxDeg',
] as const;
export type StepStatistic = (typeof STEP_STATISTICS)[number];

export type StepSummary = {
  step: number;
  /** Matrices in this step (valid and invalid). */
  count: number;
  /** 1-based line of the step's first matrix (text formats). */
  line?: number;
  /** Byte offset of the step's first matrix. */
  offset?: number;
  nearSingular: number;
  detNegative: number;
  kappaHigh: number;
  nonFinite: number;
} & { [K in StepStatistic]: Quantiles };

export interface FlagRecord {
  step: number;
  /** Index of the matrix within its step. */
  index: number;
  line?: number;
  offset?: number;
  kind: FlagKind;
  message: string;
}

export interface IssueRecord {
  line?: number;
  offset?: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface Thresholds {
  nearSingular: number;
  kappa: number;
  taylorK: number;
  clampEps: number;
  sixD: 'columns' | 'rows';
}
