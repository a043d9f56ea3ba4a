// The engine's AnalysisResult as the dashboard's RunSeries (and the live-mode RunAppend), plus the
// host's own copy of an append. Pure: no vscode, no Node. The columns are handed over as they are
// unless they are views into a larger buffer: postMessage clones a view's whole buffer, so those
// are compacted first.

import { readingOf } from '../analysis/reading';
import { STEP_STATISTICS, type AnalysisResult, type StepStatistic, type StepTable } from '../shared/analysis';
import type { QuantileSeries, RunAppend, RunSeries } from '../shared/protocol';

export interface RunIdentity {
  /** Stable id within the panel; the file's URI string. Defaults to the result's file. */
  id?: string;
  /** Display name; defaults to the file's base name. */
  label?: string;
  live?: boolean;
}

type Column = Float64Array | Uint32Array;

function compact<T extends Column>(column: T, from: number, to: number): T {
  const view = column.subarray(from, to) as T;
  return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : (view.slice() as T);
}

export function baseName(file: string): string {
  const trimmed = file.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut >= 0 ? trimmed.slice(cut + 1) : trimmed;
}

type StepColumns = Pick<
  RunSeries,
  'step' | 'count' | 'line' | 'offset' | 'nearSingular' | 'detNegative' | 'kappaHigh' | 'nonFinite' | 'stats'
>;

function columns(table: StepTable, from: number, to: number): StepColumns {
  const stats = {} as { [K in StepStatistic]: QuantileSeries };
  for (const name of STEP_STATISTICS) {
    const c = table.stats[name];
    stats[name] = {
      min: compact(c.min, from, to),
      median: compact(c.median, from, to),
      p95: compact(c.p95, from, to),
      max: compact(c.max, from, to),
    };
  }
  return {
    step: compact(table.step, from, to),
    count: compact(table.count, from, to),
    line: compact(table.line, from, to),
    offset: compact(table.offset, from, to),
    nearSingular: compact(table.nearSingular, from, to),
    detNegative: compact(table.detNegative, from, to),
    kappaHigh: compact(table.kappaHigh, from, to),
    nonFinite: compact(table.nonFinite, from, to),
    stats,
  };
}

export function toRunSeries(result: AnalysisResult, identity: RunIdentity = {}): RunSeries {
  return {
    id: identity.id ?? result.file,
    label: identity.label ?? baseName(result.file),
    file: result.file,
    format: result.format,
    representation: result.representation,
    matrices: result.matrices,
    invalid: result.invalid,
    ...columns(result.steps, 0, result.steps.length),
    flags: result.flags,
    flagsTotal: result.flagsTotal,
    issuesTotal: result.issuesTotal,
    reading: readingOf(result),
    thresholds: result.thresholds,
    live: identity.live ?? false,
  };
}

/**
 * The steps of `result` from index `from` on, as an append to a run that already shows the steps
 * before it. A live log's last step may still have been open, so callers pass the old length - 1.
 */
export function toRunAppend(result: AnalysisResult, from: number): RunAppend {
  const start = Math.max(0, Math.min(from, result.steps.length));
  return {
    from: start,
    ...columns(result.steps, start, result.steps.length),
    matrices: result.matrices,
    invalid: result.invalid,
    flags: result.flags,
    flagsTotal: result.flagsTotal,
    issuesTotal: result.issuesTotal,
    reading: readingOf(result),
  };
}

function splice<T extends Column>(old: T, from: number, added: T): T {
  const next = new (old.constructor as { new (n: number): T })(from + added.length);
  next.set(old.subarray(0, from));
  next.set(added, from);
  return next;
}

/** The host's copy of a run after an append (what a reopened panel is sent), same rule as the webview. */
export function applyAppend(run: RunSeries, data: RunAppend): RunSeries {
  const from = Math.max(0, Math.min(data.from, run.step.length));
  const stats = {} as { [K in StepStatistic]: QuantileSeries };
  for (const name of STEP_STATISTICS) {
    const o = run.stats[name];
    const a = data.stats[name];
    stats[name] = {
      min: splice(o.min, from, a.min),
      median: splice(o.median, from, a.median),
      p95: splice(o.p95, from, a.p95),
      max: splice(o.max, from, a.max),
    };
  }
  return {
    ...run,
    step: splice(run.step, from, data.step),
    count: splice(run.count, from, data.count),
    line: splice(run.line, from, data.line),
    offset: splice(run.offset, from, data.offset),
    nearSingular: splice(run.nearSingular, from, data.nearSingular),
    detNegative: splice(run.detNegative, from, data.detNegative),
    kappaHigh: splice(run.kappaHigh, from, data.kappaHigh),
    nonFinite: splice(run.nonFinite, from, data.nonFinite),
    stats,
    matrices: data.matrices,
    invalid: data.invalid,
    flags: data.flags,
    flagsTotal: data.flagsTotal,
    issuesTotal: data.issuesTotal,
    reading: data.reading,
  };
}

/** Whether a value passed to the dashboard is already a RunSeries (and not an engine result). */
export function isRunSeries(value: RunSeries | AnalysisResult): value is RunSeries {
  return !('steps' in value) && value.step instanceof Float64Array;
}
