// The three renderings of `so3lens analyze`: the JSON object (field names are a public contract,
// issue 3), one CSV row per step, and the readable table. Pure: results in, text out.

import { formatNumber } from '../analysis/flagMessage';
import { readingOf } from '../analysis/reading';
import { firstFlaggedRow, kappaStatistic, stepWindow, windowFigures, worstRow } from '../analysis/summary';
import {
  isBinaryFormat,
  issueLocation,
  STEP_STATISTICS,
  stepSummaryAt,
  type AnalysisResult,
  type StepTable,
} from '../shared/analysis';

export function resultToJson(result: AnalysisResult): Record<string, unknown> {
  const binary = isBinaryFormat(result.format);
  const steps = [];
  for (let i = 0; i < result.steps.length; i++) steps.push(stepSummaryAt(result.steps, i, binary));
  const json: Record<string, unknown> = {
    file: result.file,
    format: result.format,
    representation: result.representation,
    stepSource: result.stepSource,
    matrices: result.matrices,
    invalid: result.invalid,
    steps,
    flags: result.flags,
    flagsTotal: result.flagsTotal,
    issues: result.issues,
    issuesTotal: result.issuesTotal,
    thresholds: result.thresholds,
    reading: readingOf(result),
  };
  if (result.perMatrix) json.perMatrix = result.perMatrix;
  return json;
}

/** JSON.stringify with NaN and ±Infinity as null (the engine keeps them as numbers). */
export function toJsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, finiteReplacer, indent);
}

function finiteReplacer(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

/**
 * `resultToJson(result)` as JSON text, piece by piece, one step, flag or record a line, so that a
 * run of hundreds of thousands of steps never becomes one giant string.
 */
export function* resultJsonPieces(result: AnalysisResult, indent = ''): Generator<string> {
  const binary = isBinaryFormat(result.format);
  const json = resultToJson({ ...result, steps: { ...result.steps, length: 0 } });
  const keys = Object.keys(json);
  yield '{\n';
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    yield `${indent}  ${JSON.stringify(key)}: `;
    const value = json[key];
    if (key === 'steps')
      yield* listPieces(result.steps.length, (i) => stepSummaryAt(result.steps, i, binary), indent);
    else if (Array.isArray(value) && value.length > 0)
      yield* listPieces(value.length, (i) => value[i] as unknown, indent);
    else yield toJsonText(value, 0);
    yield k + 1 < keys.length ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

function* listPieces(length: number, item: (i: number) => unknown, indent: string): Generator<string> {
  if (length === 0) {
    yield '[]';
    return;
  }
  yield '[\n';
  for (let i = 0; i < length; i++)
    yield `${indent}    ${toJsonText(item(i), 0)}${i + 1 < length ? ',' : ''}\n`;
  yield `${indent}  ]`;
}

const CSV_COUNTS = ['nearSingular', 'detNegative', 'kappaHigh', 'nonFinite'] as const;

export function csvHeader(): string {
  const columns = ['file', 'step', 'count', 'line', 'offset'];
  for (const name of STEP_STATISTICS)
    for (const q of ['min', 'median', 'p95', 'max']) columns.push(`${name}_${q}`);
  columns.push(...CSV_COUNTS);
  return columns.join(',') + '\n';
}

/** One CSV line per step (see csvHeader). */
export function resultToCsvRows(result: AnalysisResult): string {
  return [...resultCsvRows(result)].join('');
}

/** One CSV line per step (see csvHeader), as pieces. */
export function* resultCsvRows(result: AnalysisResult): Generator<string> {
  const t = result.steps;
  const file = csvField(result.file);
  for (let i = 0; i < t.length; i++) {
    const row: string[] = [
      file,
      String(t.step[i]),
      String(t.count[i]),
      String(t.line[i]),
      String(t.offset[i]),
    ];
    for (const name of STEP_STATISTICS) {
      const c = t.stats[name];
      row.push(csvNumber(c.min[i]), csvNumber(c.median[i]), csvNumber(c.p95[i]), csvNumber(c.max[i]));
    }
    for (const column of CSV_COUNTS) row.push(String(t[column][i]));
    yield row.join(',') + '\n';
  }
}

function csvNumber(value: number | undefined): string {
  return value === undefined || Number.isNaN(value)
    ? ''
    : value === Infinity
      ? 'inf'
      : value === -Infinity
        ? '-inf'
        : String(value);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function resultToTable(result: AnalysisResult, width = 100): string {
  const t = result.steps;
  const binary = isBinaryFormat(result.format);
  const kappa = kappaStatistic(result);
  const kappaName = kappa === 'kappa' ? 'κ' : 'κ_GS';
  const out: string[] = [];
  out.push(
    `${result.file}  (${result.format}, ${result.representation}, ${result.stepSource === 'logged' ? 'logged steps' : 'steps = record order'})`,
  );
  out.push(
    `  steps ${t.length}   matrices ${result.matrices}${result.invalid > 0 ? ` (+${result.invalid} invalid)` : ''}   flags ${result.flagsTotal}   issues ${result.issuesTotal}`,
  );
  out.push('');
  out.push(
    `  ${`${kappaName} over steps`.padEnd(24)} ${'median*'.padStart(14)} ${'p95*'.padStart(13)} ${'max'.padStart(10)}`,
  );
  const rows: Array<[string, { from: number; to: number }]> = [
    ['all steps', stepWindow(t, 'all')],
    ['first 10%', stepWindow(t, 'first')],
    ['last 10%', stepWindow(t, 'last')],
  ];
  for (const [label, window] of rows) {
    const f = windowFigures(t, kappa, window.from, window.to);
    const range = window.to - window.from === 1 ? `step ${f.firstStep}` : `${f.firstStep}–${f.lastStep}`;
    out.push(
      `  ${`${label} (${range})`.padEnd(24)} ${formatNumber(f.median).padStart(14)} ${formatNumber(f.p95).padStart(13)} ${formatNumber(f.max).padStart(10)}`,
    );
  }
  out.push('  * the median of the step medians and the p95 of the step p95s');
  if (t.length <= STEP_LISTING_LIMIT) out.push('', ...stepListing(t, binary, kappa));
  out.push('');
  const first = firstFlaggedRow(t);
  const worst = worstRow(t, kappa);
  out.push(`  first flagged step: ${first < 0 ? 'none' : describeRow(t, first, binary, kappa)}`);
  if (worst >= 0) out.push(`  worst step (${kappaName} max): ${describeRow(t, worst, binary, kappa)}`);
  if (result.issues.length > 0) {
    out.push('');
    out.push(`  issues${result.issuesTotal > 5 ? ` (first 5 of ${result.issuesTotal})` : ''}:`);
    for (const issue of result.issues.slice(0, 5)) {
      const where = issueLocation(issue) ?? 'file';
      out.push(`    ${where}: ${issue.severity}: ${issue.message}`);
    }
  }
  out.push('');
  for (const line of wrap(readingOf(result), width - 2)) out.push(`  ${line}`);
  return out.map((line) => line.trimEnd()).join('\n') + '\n';
}

/** Runs this short get every step listed in the table. */
export const STEP_LISTING_LIMIT = 30;

function stepListing(t: StepTable, binary: boolean, kappa: 'kappa' | 'gsKappa'): string[] {
  const name = kappa === 'kappa' ? 'κ' : 'κ_GS';
  const second = kappa === 'kappa' ? 's3Rel' : 'gsRho';
  const secondName = kappa === 'kappa' ? 's3/s1 min' : 'ρ_GS med';
  const lines = [
    `  ${'step'.padStart(8)} ${(binary ? 'byte' : 'line').padStart(8)} ${'n'.padStart(4)} ${`${name} median`.padStart(10)} ${`${name} p95`.padStart(10)} ${`${name} max`.padStart(10)} ${secondName.padStart(10)}  flags`,
  ];
  for (let i = 0; i < t.length; i++) {
    const c = t.stats[kappa];
    const where = binary ? t.offset[i] : t.line[i];
    const secondValue = kappa === 'kappa' ? t.stats[second].min[i] : t.stats[second].median[i];
    lines.push(
      `  ${String(t.step[i]).padStart(8)} ${String(where).padStart(8)} ${String(t.count[i]).padStart(4)} ${formatNumber(c.median[i]).padStart(10)} ${formatNumber(c.p95[i]).padStart(10)} ${formatNumber(c.max[i]).padStart(10)} ${formatNumber(secondValue).padStart(10)}  ${flagCounts(t, i).join(', ')}`,
    );
  }
  return lines;
}

function flagCounts(t: StepTable, i: number): string[] {
  const parts: string[] = [];
  if ((t.nearSingular[i] as number) > 0) parts.push(`${t.nearSingular[i]} near-singular`);
  if ((t.detNegative[i] as number) > 0) parts.push(`${t.detNegative[i]} det<0`);
  if ((t.kappaHigh[i] as number) > 0) parts.push(`${t.kappaHigh[i]} κ-high`);
  if ((t.nonFinite[i] as number) > 0) parts.push(`${t.nonFinite[i]} non-finite`);
  return parts;
}

function describeRow(t: StepTable, i: number, binary: boolean, kappa: 'kappa' | 'gsKappa'): string {
  const where = binary ? `byte ${t.offset[i]}` : `line ${t.line[i]}`;
  const parts = flagCounts(t, i);
  const name = kappa === 'kappa' ? 'κ' : 'κ_GS';
  const stats = `${name} median ${formatNumber(t.stats[kappa].median[i])}, max ${formatNumber(t.stats[kappa].max[i])}`;
  return `step ${t.step[i]} (${where}, ${t.count[i]} matri${t.count[i] === 1 ? 'x' : 'ces'}): ${stats}${parts.length > 0 ? `; ${parts.join(', ')}` : ''}`;
}

export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
