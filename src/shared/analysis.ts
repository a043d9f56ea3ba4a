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
  'clampPhiMaxDeg',
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
  /** Last line and end byte of the matrix's text, so an editor can underline exactly it. */
  endLine?: number;
  endOffset?: number;
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

/**
 * Per-step statistics as struct-of-arrays: row i is the i-th step in file order. Kept columnar so a
 * long run (hundreds of thousands of steps) costs a few hundred bytes a step and transfers between
 * threads (and to the webview, as `RunSeries`) without copying. Quantile columns hold NaN where the
 * step has no value (JSON: null). `line` is 0 for binary formats, where `offset` locates the step.
 */
export interface StepTable {
  length: number;
  step: Float64Array;
  count: Uint32Array;
  line: Uint32Array;
  offset: Float64Array;
  nearSingular: Uint32Array;
  detNegative: Uint32Array;
  kappaHigh: Uint32Array;
  nonFinite: Uint32Array;
  stats: { [K in StepStatistic]: QuantileColumns };
}

/** The four order statistics of one metric, one entry per step (the protocol's QuantileSeries). */
export interface QuantileColumns {
  min: Float64Array;
  median: Float64Array;
  p95: Float64Array;
  max: Float64Array;
}

/** One matrix's `inspect` record with where it sits; the record's fields come from core's `inspectRecord`. */
export type PerMatrixRecord = {
  step: number;
  index: number;
  line?: number;
  endLine?: number;
  offset?: number;
  endOffset?: number;
} & Record<string, unknown>;

/**
 * Everything needed to continue an analysis where it stopped, when the file has grown. Opaque to
 * consumers: hand the whole `AnalysisResult` back to the engine.
 */
export interface ResumeState {
  /** File size when the analysis stopped, and a hash of its first bytes (a replaced file differs). */
  fileSize: number;
  headBytes: number;
  headHash: number;
  /** The engine settings the result was computed with; other settings mean a fresh analysis. */
  settings: string;
  /** Byte offset of the first byte not yet consumed as a complete record. */
  offset: number;
  /** The parser's ResumePoint at `offset` (format-specific, structured-clone safe). */
  parser: { offset: number; line: number; records: number; state: unknown };
  /** Raw per-matrix values of the step still open at `offset` (it may continue in appended bytes). */
  openStep: OpenStepState | undefined;
}

/** The raw values of one step, kept while more of its matrices may follow. */
export interface OpenStepState {
  step: number;
  line: number;
  offset: number;
  count: number;
  nearSingular: number;
  detNegative: number;
  kappaHigh: number;
  nonFinite: number;
  /** Valid matrices accumulated. */
  valid: number;
  /** `STEP_STATISTICS.length * valid` values, statistic-major: all κ, then all s1, ... */
  values: Float64Array;
}

export interface AnalysisResult {
  file: string;
  format: LogFormat;
  representation: Representation;
  /** Whether steps are the logged step numbers or the records' 0-based order. */
  stepSource: 'logged' | 'ordinal';
  /** Valid matrices analyzed; `invalid` were rejected (non-finite entries). */
  matrices: number;
  invalid: number;
  steps: StepTable;
  /** The first `flags.length` flags in file order; `flagsTotal` counts all of them. */
  flags: FlagRecord[];
  flagsTotal: number;
  /** The first `issues.length` issues in file order; `issuesTotal` counts all of them. */
  issues: IssueRecord[];
  issuesTotal: number;
  thresholds: Thresholds;
  perMatrix?: PerMatrixRecord[];
  /** Bytes of the file consumed so far (the whole file unless the last line was held back). */
  bytesRead: number;
  resume: ResumeState;
}

/** Overall figures derived from a result: what `--fail-on`, the table and the reading use. */
export interface ResultSummary {
  steps: number;
  matrices: number;
  invalid: number;
  nearSingular: number;
  detNegative: number;
  kappaHigh: number;
  nonFinite: number;
  nearSingularFraction: number;
  detNegativeFraction: number;
  kappaHighFraction: number;
  invalidFraction: number;
  /** Steps with at least one near-singular (det<0, κ-high) matrix, as a fraction of all steps. */
  nearSingularStepFraction: number;
  detNegativeStepFraction: number;
  kappaHighStepFraction: number;
}

/** Step row `i` as the JSON object of `so3lens analyze --format json`. */
export function stepSummaryAt(table: StepTable, i: number, binary: boolean): StepSummary {
  const summary: Record<string, unknown> = { step: table.step[i], count: table.count[i] };
  if (binary) summary.offset = table.offset[i];
  else summary.line = table.line[i];
  for (const name of STEP_STATISTICS) {
    const column = table.stats[name];
    summary[name] = {
      min: finiteOrNull(column.min[i]),
      median: finiteOrNull(column.median[i]),
      p95: finiteOrNull(column.p95[i]),
      max: finiteOrNull(column.max[i]),
    };
  }
  summary.nearSingular = table.nearSingular[i];
  summary.detNegative = table.detNegative[i];
  summary.kappaHigh = table.kappaHigh[i];
  summary.nonFinite = table.nonFinite[i];
  return summary as StepSummary;
}

/** JSON has no NaN or Infinity: both become null (κ = Infinity is also flagged where it occurs). */
export function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** Where an issue is, as every output names it: `line N`, `byte N`, or undefined for the whole file. */
export function issueLocation(issue: {
  line?: number | undefined;
  offset?: number | undefined;
}): string | undefined {
  if (issue.line !== undefined) return `line ${issue.line}`;
  return issue.offset !== undefined ? `byte ${issue.offset}` : undefined;
}

export function isBinaryFormat(format: LogFormat): boolean {
  return format === 'npy' || format === 'npz';
}
