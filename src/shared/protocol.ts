// The messages between the extension host and the dashboard webview, one union per direction.
// Both sides `switch (message.type)` and end in `assertNever`, so an unhandled message fails to compile.
// Per-step series travel as typed arrays (structured clone), never as JSON interpolated into HTML.

import type { FlagRecord, LogFormat, Representation, StepStatistic, Thresholds } from './analysis';

/** The four quantile series of one statistic, one entry per step; NaN where the step has no value. */
export interface QuantileSeries {
  min: Float64Array;
  median: Float64Array;
  p95: Float64Array;
  max: Float64Array;
}

/** One analyzed log, column-wise: entry i of every array belongs to step i. */
export interface RunSeries {
  /** Stable id of the run within the panel (the file's URI string). */
  id: string;
  /** Display name (the file's base name); rendered as text, never as HTML. */
  label: string;
  /** Full path or URI, for the header; text only. */
  file: string;
  format: LogFormat;
  representation: Representation;
  matrices: number;
  invalid: number;
  /** Step number of each entry. */
  step: Float64Array;
  count: Uint32Array;
  /** 1-based line of the step's first matrix; 0 when the format has no lines. */
  line: Uint32Array;
  /** Byte offset of the step's first matrix. */
  offset: Float64Array;
  nearSingular: Uint32Array;
  detNegative: Uint32Array;
  kappaHigh: Uint32Array;
  nonFinite: Uint32Array;
  stats: { [K in StepStatistic]: QuantileSeries };
  /** Flagged matrices (capped by the engine); `flagsTotal` counts them all. */
  flags: FlagRecord[];
  flagsTotal: number;
  issuesTotal: number;
  /** The engine's one-paragraph reading of the numbers. */
  reading: string;
  thresholds: Thresholds;
  /** Whether the log is being watched (live mode). */
  live: boolean;
}

/** The new steps of a watched run: the same columns as RunSeries, for steps [from, from + length). */
export type RunAppend = Pick<
  RunSeries,
  'step' | 'count' | 'line' | 'offset' | 'nearSingular' | 'detNegative' | 'kappaHigh' | 'nonFinite' | 'stats'
> & {
  /** Index of the first appended step; steps at and after it replace what the webview had. */
  from: number;
  matrices: number;
  invalid: number;
  flags: FlagRecord[];
  flagsTotal: number;
  issuesTotal: number;
  reading: string;
};

/** Per-matrix detail of one step (the `inspect` records), for formats without a line to reveal. */
export interface StepDetail {
  runId: string;
  step: number;
  /** Plain JSON `inspect` records as the core builds them. */
  records: unknown[];
}

/** A run as the panel's saved state names it, so that a restored panel can analyze the same files again. */
export interface SavedRunRef {
  id: string;
  file: string;
  label: string;
}

/** The part of the webview's `setState` value the host reads (the serializer, after a window reload). */
export interface SavedPanelState {
  runs?: SavedRunRef[];
}

export type ToWebviewMessage =
  /** Host, after `ready` and whenever the panel becomes visible again: the whole state. */
  | { type: 'snapshot'; runs: RunSeries[] }
  /** Host, when a watched log grew: extend the run's series without a full redraw. */
  | { type: 'append'; runId: string; data: RunAppend }
  /** Host, when a run was re-analyzed (new thresholds or stabilizer settings, file replaced). */
  | { type: 'replaceRun'; run: RunSeries }
  /** Host, in answer to `requestStepDetail`. */
  | { type: 'stepDetail'; detail: StepDetail }
  /** Host, after an export was written or cancelled. */
  | { type: 'exported'; name: string; path: string | undefined };

export type FromWebviewMessage =
  /** Webview, once its script has loaded and it can receive messages. */
  | { type: 'ready' }
  /** Webview, when a flagged step or a chart point is clicked: show that step in the log editor. */
  | { type: 'reveal'; runId: string; step: number; line: number; offset: number }
  /** Webview, for a run without lines (.npy/.npz): the per-matrix records of one step. */
  | { type: 'requestStepDetail'; runId: string; step: number }
  /** Webview, when the stabilizer controls change: re-analyze with these. */
  | { type: 'setStabilizer'; taylorK: number; clampEps: number }
  /** Webview, to save a chart image through the host's save dialog. */
  | { type: 'exportPng'; name: string; dataUrl: string }
  /** Webview, to save the per-step table through the host's save dialog. */
  | { type: 'exportCsv'; name: string; csv: string }
  /** Webview, to report an error the user should see in the output channel. */
  | { type: 'error'; message: string };

export function assertNever(value: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(value)}`);
}
