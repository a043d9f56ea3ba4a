// `so3lens analyze <file...>`: per-step gradient diagnostics of logged rotation predictions.
// Exit status: 0 when every file was read (bad lines are in `issues`), 2 when a file cannot be read
// at all or the command line is wrong, 1 when --fail-on trips (and every file was read).

import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { analyzeFile } from '../analysis/engine';
import { AnalysisWorkerPool } from '../analysis/workerPool';
import { AnalysisError } from '../analysis/errors';
import {
  evaluateFailOn,
  FAIL_ON_METRICS,
  failOnMetrics,
  FailOnSyntaxError,
  parseFailOn,
  type FailOnExpression,
} from '../analysis/failOn';
import type { EngineOptions } from '../analysis/options';
import { DEFAULT_MAX_ISSUES } from '../analysis/options';
import { DEFAULT_OPTIONS } from '../core/metrics';
import type { AnalysisResult } from '../shared/analysis';
import {
  csvHeader,
  resultCsvRows,
  resultJsonPieces,
  resultToTable,
  toJsonText,
} from '../report/analyzeOutput';
import type { CliIo } from './main';
import { progressBar } from './progressBar';

export function analyzeHelp(): string {
  return `Usage: so3lens analyze [options] <file...>

Reads logged rotation predictions (JSONL, JSON, CSV/TSV, .npy, .npz, printed text logs) and reports
per-step statistics of the SVD / Gram-Schmidt gradient diagnostics. Several files: one run each.

Options:
  --format json|csv|table  output (default table). json: one object, or an array for several files
  --per-matrix             json: add the inspect record of every matrix (perMatrix)
  --repr auto|9d|6d        representation of the logged matrices (default auto)
  --six-d columns|rows     6D convention: a1, a2 are columns (Zhou et al.) or rows (pytorch3d)
  --key PATH               JSON key path (a.b.c) or .npz array of the matrices
  --step-key PATH          JSON key path, CSV column or .npz array of the step
  --columns A,B,...        CSV: the 9 (or 6) matrix columns, row-major
  --near-singular X        flag near-singular when s3/s1 < X (default ${DEFAULT_OPTIONS.nearSingular})
  --kappa X                flag kappa-high when κ (6D: κ_GS) > X (default ${DEFAULT_OPTIONS.kappa})
  --taylor-k K             Taylor order of the stabilized SVD gradient (default ${DEFAULT_OPTIONS.taylorK})
  --clamp-eps E            clamp floor of the stabilized SVD gradient (default ${DEFAULT_OPTIONS.clampEps})
  --fail-on EXPR           exit 1 when EXPR holds, e.g. 'nearSingularFraction>0.01 || kappaP95>=20'
                           (tests: METRIC OP NUMBER, OP one of > >= < <= == !=, joined by && and ||)
  --progress, --no-progress  progress bar on stderr (default: on when stderr is a terminal)
  --max-issues N           issues listed in full (default ${DEFAULT_MAX_ISSUES}); the rest are counted
  --max-flags N            flags listed in full (default 1000)
  --workers N              threads for large files (default ${availableParallelism()}; 1 = no workers)
  --help                   this text

--fail-on metrics:
${Object.entries(FAIL_ON_METRICS)
  .map(([name, text]) => `  ${name.padEnd(26)} ${text}`)
  .join('\n')}

Steps: a step is a contiguous run of matrices with the same step number (logged, else the record's
order); a number that reappears later in the file starts a new entry. Per-step figures are NumPy's
min, median, percentile 95 (linear) and max over the step's valid matrices; "median*" and "p95*" of
a run are the median of the step medians and the p95 of the step p95s.

Exit status: 0 read, 1 --fail-on tripped, 2 a file could not be read or a wrong option.
`;
}

class UsageError extends Error {}

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof FailOnSyntaxError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr.write(
        `so3lens analyze: ${(error as Error).message}\nRun 'so3lens analyze --help' for the options.\n`,
      );
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(analyzeHelp());
    return 0;
  }
  // One set of workers for all the files: the second file finds them booted and compiled.
  const workers = new AnalysisWorkerPool({
    max: Math.max(0, (parsed.engine.workers ?? availableParallelism()) - 1),
    idleMs: 60_000,
    warm: false,
  });
  try {
    return await analyzeAll(parsed, io, workers);
  } finally {
    workers.dispose();
  }
}

async function analyzeAll(parsed: Parsed, io: CliIo, workers: AnalysisWorkerPool): Promise<number> {
  const showProgress = parsed.progress ?? io.stderr.isTTY === true;
  const results: Array<AnalysisResult | { file: string; error: string }> = [];
  let unreadable = false;
  let tripped = false;
  if (parsed.format === 'csv') io.stdout.write(csvHeader());
  for (const file of parsed.files) {
    const bar = showProgress ? progressBar(io.stderr, file) : undefined;
    let result: AnalysisResult;
    try {
      result = await analyzeFile(file, parsed.engine, {
        workers,
        ...(bar ? { onProgress: bar.update } : {}),
      });
    } catch (error) {
      bar?.done();
      if (!(error instanceof AnalysisError)) throw error;
      io.stderr.write(`so3lens analyze: ${error.message}\n`);
      results.push({ file, error: error.message });
      unreadable = true;
      continue;
    } finally {
      bar?.done();
    }
    results.push(result);
    if (parsed.format === 'csv') await writeAll(io.stdout, [resultCsvRows(result)]);
    if (parsed.format === 'table') io.stdout.write((results.length > 1 ? '\n' : '') + resultToTable(result));
    if (parsed.failOn) {
      const why = evaluateFailOn(parsed.failOn, failOnMetrics(result));
      if (why !== undefined) {
        tripped = true;
        io.stderr.write(`so3lens analyze: --fail-on tripped for ${file}: ${why}\n`);
      }
    }
  }
  if (parsed.format === 'json') {
    if (parsed.files.length === 1) {
      const only = results[0];
      if (only && !('error' in only)) await writeAll(io.stdout, [resultJsonPieces(only), ['\n']]);
    } else {
      const pieces: Iterable<string>[] = [['[\n']];
      results.forEach((r, k) => {
        pieces.push(['  '], 'error' in r ? [toJsonText(r, 0)] : resultJsonPieces(r, '  '));
        pieces.push([k + 1 < results.length ? ',\n' : '\n']);
      });
      pieces.push([']\n']);
      await writeAll(io.stdout, pieces);
    }
  }
  return unreadable ? 2 : tripped ? 1 : 0;
}

interface Parsed {
  help: boolean;
  files: string[];
  format: 'json' | 'csv' | 'table';
  engine: EngineOptions;
  failOn: FailOnExpression | undefined;
  progress: boolean | undefined;
}

function parseCommandLine(args: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'per-matrix': { type: 'boolean' },
      repr: { type: 'string' },
      'six-d': { type: 'string' },
      key: { type: 'string' },
      'step-key': { type: 'string' },
      columns: { type: 'string' },
      'near-singular': { type: 'string' },
      kappa: { type: 'string' },
      'taylor-k': { type: 'string' },
      'clamp-eps': { type: 'string' },
      'fail-on': { type: 'string' },
      progress: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
      'max-issues': { type: 'string' },
      'max-flags': { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help)
    return { help: true, files: [], format: 'table', engine: {}, failOn: undefined, progress: undefined };
  if (positionals.length === 0) throw new UsageError('no file given');
  const format = oneOf('--format', values.format ?? 'table', ['json', 'csv', 'table'] as const);
  const repr = oneOf('--repr', values.repr ?? 'auto', ['auto', '9d', '6d'] as const);
  const sixD = oneOf('--six-d', values['six-d'] ?? DEFAULT_OPTIONS.sixD, ['columns', 'rows'] as const);
  const columns = values.columns
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (columns && columns.length !== 9 && columns.length !== 6)
    throw new UsageError(`--columns needs 9 (or 6) names, got ${columns.length}`);
  const engine: EngineOptions = {
    analysis: {
      nearSingular: positive('--near-singular', values['near-singular']),
      kappa: positive('--kappa', values.kappa),
      taylorK: count('--taylor-k', values['taylor-k'], 0),
      clampEps: positive('--clamp-eps', values['clamp-eps']),
      sixD,
    },
    parser: {
      ...(values.key !== undefined ? { key: values.key } : {}),
      ...(values['step-key'] !== undefined ? { stepKey: values['step-key'] } : {}),
      ...(columns ? { columns } : {}),
      representation: repr,
    },
    perMatrix: values['per-matrix'] === true,
  };
  const maxIssues = count('--max-issues', values['max-issues'], 0);
  const maxFlags = count('--max-flags', values['max-flags'], 0);
  const workers = count('--workers', values.workers, 1);
  if (maxIssues !== undefined) engine.maxIssues = maxIssues;
  if (maxFlags !== undefined) engine.maxFlags = maxFlags;
  if (workers !== undefined) engine.workers = workers;
  return {
    help: false,
    files: positionals,
    format,
    engine,
    failOn: values['fail-on'] !== undefined ? parseFailOn(values['fail-on']) : undefined,
    progress: values['no-progress'] ? false : values.progress ? true : undefined,
  };
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

function positive(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`${option} needs a positive number, got '${text}'`);
  return value;
}

function count(option: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${option} needs an integer of at least ${min}, got '${text}'`);
  return value;
}

/**
 * Writes the pieces in 64 KB writes and waits for 'drain' when the stream asks to: a pipe to a slow
 * reader must not queue a whole 100 MB JSON document in memory.
 */
async function writeAll(stream: CliIo['stdout'], sources: Iterable<string>[]): Promise<void> {
  let buffer = '';
  for (const source of sources) {
    for (const piece of source) {
      buffer += piece;
      if (buffer.length >= 1 << 16) {
        await writeChunk(stream, buffer);
        buffer = '';
      }
    }
  }
  if (buffer.length > 0) await writeChunk(stream, buffer);
}

function writeChunk(stream: CliIo['stdout'], text: string): Promise<void> {
  const accepted = stream.write(text);
  const once = (stream as { once?: (event: string, listener: () => void) => unknown }).once;
  if (accepted !== false || typeof once !== 'function') return Promise.resolve();
  return new Promise((resolve) => once.call(stream, 'drain', resolve));
}
