// The engine's options, resolved once (defaults filled in) so that workers receive plain data.

import { DEFAULT_OPTIONS, type AnalysisOptions } from '../core/metrics';
import type { LogFormat, ParserOptions } from '../parsers/types';

export interface EngineOptions {
  /** Metric thresholds and stabilizer settings; missing fields take core's defaults. */
  analysis?: Partial<AnalysisOptions>;
  /** `--key`, `--step-key`, `--columns`, `--repr`. */
  parser?: ParserOptions;
  /** Skip content detection. */
  format?: LogFormat;
  /** Keep an `inspect` record of every matrix (memory grows with the file). */
  perMatrix?: boolean;
  /** Flags and issues listed in full; the rest are only counted. */
  maxFlags?: number;
  maxIssues?: number;
  /** Threads for large files: 1 reads in-process; default one per core. */
  workers?: number;
  /** .npy files from this size (bytes) are split over the worker pool; text logs from 4x this size. */
  parallelThreshold?: number;
  /** Run all parsing and metrics off the calling thread (the extension host). */
  inWorker?: boolean;
  /** The file is still being written: hold back an incomplete last line instead of reporting it. */
  live?: boolean;
  /** Bytes per read. */
  chunkSize?: number;
}

export interface ResolvedOptions {
  analysis: AnalysisOptions;
  parser: ParserOptions;
  format: LogFormat | undefined;
  perMatrix: boolean;
  maxFlags: number;
  maxIssues: number;
  workers: number;
  parallelThreshold: number;
  inWorker: boolean;
  live: boolean;
  chunkSize: number;
}

export const DEFAULT_MAX_FLAGS = 1000;
export const DEFAULT_MAX_ISSUES = 100;
export const DEFAULT_PARALLEL_THRESHOLD = 16 * 1024 * 1024;
/** Measured: 512 KB reads cost less CPU than 4 MB ones (smaller blocks and metrics, reused sooner). */
export const DEFAULT_CHUNK_SIZE = 512 * 1024;

export function resolveOptions(options: EngineOptions, defaultWorkers: number): ResolvedOptions {
  return {
    analysis: { ...DEFAULT_OPTIONS, ...definedFields(options.analysis ?? {}) },
    parser: { ...(options.parser ?? {}) },
    format: options.format,
    perMatrix: options.perMatrix ?? false,
    maxFlags: options.maxFlags ?? DEFAULT_MAX_FLAGS,
    maxIssues: options.maxIssues ?? DEFAULT_MAX_ISSUES,
    workers: Math.max(1, Math.floor(options.workers ?? defaultWorkers)),
    parallelThreshold: options.parallelThreshold ?? DEFAULT_PARALLEL_THRESHOLD,
    inWorker: options.inWorker ?? false,
    live: options.live ?? false,
    chunkSize: Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE)),
  };
}

function definedFields<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, field] of Object.entries(value))
    if (field !== undefined) (out as Record<string, unknown>)[key] = field;
  return out;
}

/** What decides the numbers of a result; a previous result continues only under the same key. */
export function settingsKey(resolved: ResolvedOptions): string {
  const { analysis, parser, format, perMatrix, maxFlags, maxIssues } = resolved;
  return JSON.stringify({ analysis, parser, format, perMatrix, maxFlags, maxIssues });
}
