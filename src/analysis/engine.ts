// The analysis engine's entry points: file bytes -> parser -> core metrics -> per-step statistics.
//
//  - analyzeBytes: in-process and synchronous, for tests and small inputs already in memory.
//  - analyzeFile: streams the file in chunks; large JSONL/CSV/TSV and C-order .npy files are split
//    into record-aligned ranges read by one lane per core (the calling thread and worker_threads,
//    pool.ts), merged in order into exactly the result of a single pass. With `inWorker`, only
//    workers read, even a small file, so the calling thread (the extension host) only merges.
//  - Both continue a previous result (`previous`) when the file only grew: only the new bytes are
//    read; a file that shrank or whose first bytes changed is analyzed again from the start.

import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { createParser, detectFormat } from '../parsers/detect';
import { npySlabs, readNpyHeader } from '../parsers/npy';
import type { LogFormat, ResumePoint } from '../parsers/types';
import type { AnalysisResult } from '../shared/analysis';
import { ResultAssembler } from './assembler';
import { AnalysisAbortedError, AnalysisError } from './errors';
import {
  FINGERPRINT_BYTES,
  fileSize,
  fingerprint,
  nextRecordStart,
  openForReading,
  readAt,
} from './fileSource';
import { resolveOptions, settingsKey, type EngineOptions, type ResolvedOptions } from './options';
import type { PartialResult } from './partial';
import { ONE_SHOT_WORKERS, runOnPool, type WorkerSource } from './pool';
import { runRangeOnFile } from './rangeFile';
import { RangeRunner, type RangeTask } from './rangeRunner';
import { toResult } from './result';

export interface AnalyzeControl {
  /** Called after each chunk read, with bytes read so far and bytes to read in this run. */
  onProgress?(bytesDone: number, bytesTotal: number): void;
  /** Aborting rejects with an AnalysisAbortedError and terminates the workers. */
  signal?: AbortSignal;
  /** The result of an earlier analysis of the same file: continue from where it stopped. */
  previous?: AnalysisResult;
  /**
   * Where the workers come from: a persistent AnalysisWorkerPool keeps them (booted and with their
   * compiled code) from one analysis to the next. Default: started for this analysis only.
   */
  workers?: WorkerSource;
}

const DETECT_BYTES = 64 * 1024;
const PARALLEL_FORMATS: ReadonlySet<LogFormat> = new Set(['jsonl', 'csv', 'tsv', 'npy']);

export function analyzeBytes(
  bytes: Uint8Array,
  fileName: string,
  options: EngineOptions = {},
  previous?: AnalysisResult,
): AnalysisResult {
  const resolved = resolveOptions(options, 1);
  const head = bytes.subarray(0, FINGERPRINT_BYTES);
  const continued = previous && canContinue(previous, bytes.length, head, resolved) ? previous : undefined;
  const format =
    continued?.format ?? resolved.format ?? detectOrThrow(fileName, bytes.subarray(0, DETECT_BYTES));
  const task = rangeTask(
    format,
    resolved,
    continued?.resume.offset ?? 0,
    bytes.length,
    continued?.resume.parser,
    isFinalRead(format, resolved),
  );
  const runner = new RangeRunner(task);
  for (let position = task.start; position < task.end; position += resolved.chunkSize) {
    runner.push(bytes.subarray(position, Math.min(task.end, position + resolved.chunkSize)));
  }
  const assembler = new ResultAssembler(format, resolved, continued);
  assembler.absorb(runner.finish());
  return toResult(
    assembler.finish(),
    {
      file: fileName,
      fileSize: bytes.length,
      headBytes: head.length,
      headHash: fingerprint(head),
      settings: settingsKey(resolved),
    },
    resolved.analysis,
  );
}

export async function analyzeFile(
  path: string,
  options: EngineOptions = {},
  control: AnalyzeControl = {},
): Promise<AnalysisResult> {
  const resolved = resolveOptions(options, availableParallelism());
  const size = await fileSize(path);
  const handle = await openForReading(path);
  try {
    const detectHead = await readAt(handle, 0, Math.min(size, DETECT_BYTES));
    const head = detectHead.subarray(0, FINGERPRINT_BYTES);
    const previous = control.previous?.file === path ? control.previous : undefined;
    const continued = previous && canContinue(previous, size, head, resolved) ? previous : undefined;
    const format = continued?.format ?? resolved.format ?? detectOrThrow(path, detectHead);
    const source = control.workers ?? ONE_SHOT_WORKERS;
    const lanes = laneCount(size - (continued?.resume.offset ?? 0), format, resolved, source);
    // The workers boot while this thread plans the ranges (a few ms of reads and one parsed record).
    const workers = source.take(resolved.inWorker ? lanes : lanes - 1);
    let tasks: RangeTask[];
    try {
      tasks = await planTasks(handle, size, format, resolved, continued, detectHead, lanes);
    } catch (error) {
      for (const worker of workers) source.give(worker);
      throw error;
    }
    const total = tasks.reduce((sum, task) => sum + (task.end - task.start), 0);
    let done = 0;
    const onBytes = (bytes: number): void => {
      done += bytes;
      control.onProgress?.(done, total);
    };
    const isAborted = (): boolean => control.signal?.aborted === true;
    let partials: PartialResult[];
    if (tasks.length > 1 || resolved.inWorker) {
      partials = await runOnPool(path, tasks, lanes, resolved.chunkSize, onBytes, control.signal, {
        workers,
        source,
        ...(resolved.inWorker
          ? {}
          : {
              local: (task: RangeTask, poolAborted: () => boolean) =>
                runRangeOnFile(handle, task, resolved.chunkSize, onBytes, () => poolAborted() || isAborted()),
            }),
      });
    } else {
      for (const worker of workers) source.give(worker);
      const partial = await runRangeOnFile(
        handle,
        tasks[0] as RangeTask,
        resolved.chunkSize,
        onBytes,
        isAborted,
      );
      if (!partial) throw new AnalysisAbortedError(path);
      partials = [partial];
    }
    const assembler = new ResultAssembler(format, resolved, continued);
    for (const partial of partials) assembler.absorb(partial);
    return toResult(
      assembler.finish(),
      {
        file: path,
        fileSize: size,
        headBytes: head.length,
        headHash: fingerprint(head),
        settings: settingsKey(resolved),
      },
      resolved.analysis,
    );
  } finally {
    await handle.close();
  }
}

/** A previous result continues only if the file grew from it unchanged, under the same settings. */
function canContinue(
  previous: AnalysisResult,
  size: number,
  head: Uint8Array,
  resolved: ResolvedOptions,
): boolean {
  const resume = previous.resume;
  if (previous.format === 'npz' || size < resume.offset || size < resume.headBytes) return false;
  if (fingerprint(head.subarray(0, resume.headBytes)) !== resume.headHash) return false;
  return resume.settings === settingsKey(resolved);
}

/**
 * Whether the end of the bytes is the end of the log. A whole-file format (one JSON array, a zip)
 * cannot be appended to, so it is always read as complete, even when the file is watched.
 */
function isFinalRead(format: LogFormat, resolved: ResolvedOptions): boolean {
  return !resolved.live || format === 'json' || format === 'npz';
}

function detectOrThrow(file: string, head: Uint8Array): LogFormat {
  const format = detectFormat(basename(file), head);
  if (format === undefined) {
    throw new AnalysisError(
      file,
      'unknown format: not JSONL, JSON, CSV/TSV, .npy, .npz or a text log of printed matrices',
    );
  }
  return format;
}

function rangeTask(
  format: LogFormat,
  resolved: ResolvedOptions,
  start: number,
  end: number,
  resume: ResumePoint | undefined,
  final: boolean,
): RangeTask {
  return {
    format,
    analysis: resolved.analysis,
    parser: resolved.parser,
    perMatrix: resolved.perMatrix,
    maxFlags: resolved.maxFlags,
    maxIssues: resolved.maxIssues,
    start,
    end,
    resume,
    final,
  };
}

/**
 * Threads that read this file: one per worker asked for when the format splits and the bytes to read
 * reach the threshold, else one. `inWorker` or not, the caller decides whether its own thread is one.
 */
function laneCount(
  bytes: number,
  format: LogFormat,
  resolved: ResolvedOptions,
  source: WorkerSource,
): number {
  if (!PARALLEL_FORMATS.has(format) || resolved.workers < 2) return 1;
  const extra = resolved.inWorker ? resolved.workers : resolved.workers - 1;
  const threshold =
    source.ready() >= extra
      ? resolved.parallelThreshold / WARM_THRESHOLD_DIVISOR
      : resolved.parallelThreshold * (format === 'npy' ? 1 : TEXT_THRESHOLD_FACTOR);
  return bytes >= threshold ? resolved.workers : 1;
}

/**
 * A lane beyond the first costs about 0.3 s of CPU (a worker's start and its own JIT compilation of
 * the parser, core and statistics), so it pays only on enough matrices. A text byte holds about a
 * fifth of the matrices of a float32 .npy byte; measured on 2 cores, a second lane breaks even at
 * about 64 MB of JSONL (and wins on a 72 MB .npy). Workers kept running by an AnalysisWorkerPool
 * have paid that already: with them, a lane pays from a quarter of the base threshold (4 MB) on.
 */
const WARM_THRESHOLD_DIVISOR = 4;
const TEXT_THRESHOLD_FACTOR = 4;

/**
 * Lanes pull ranges from one queue, so that on a big file several ranges a lane even out a core that
 * another process shares. Each range costs tens of ms of CPU (measured: 8 ranges of a 40 MB JSONL
 * log took 0.15 s more CPU than 2), so a file is cut finer only into ranges of MIN_RANGE_BYTES or more.
 */
const RANGES_PER_LANE = 4;
const MIN_RANGE_BYTES = 64 * 1024 * 1024;

async function planTasks(
  handle: FileHandle,
  size: number,
  format: LogFormat,
  resolved: ResolvedOptions,
  continued: AnalysisResult | undefined,
  head: Uint8Array,
  lanes: number,
): Promise<RangeTask[]> {
  const start = continued?.resume.offset ?? 0;
  const resume = continued?.resume.parser;
  const final = isFinalRead(format, resolved);
  const single = [rangeTask(format, resolved, start, size, resume, final)];
  if (lanes < 2) return single;
  const parts = Math.max(
    lanes,
    Math.min(lanes * RANGES_PER_LANE, Math.floor((size - start) / MIN_RANGE_BYTES)),
  );
  if (format === 'npy') return continued ? single : (npyTasks(head, size, format, resolved, parts) ?? single);

  // Text: a worker that starts mid-file needs the parser state a full parse has there (the CSV
  // header, the JSONL key path); it is the same everywhere after the first record.
  const state = resume ? resume.state : await headState(handle, format, resolved, size);
  if (state === undefined && !resume) return single;
  const cuts = [start];
  for (let k = 1; k < parts; k++) {
    const cut = await nextRecordStart(handle, start + Math.floor(((size - start) * k) / parts), size);
    if (cut > (cuts[cuts.length - 1] as number) && cut < size) cuts.push(cut);
  }
  cuts.push(size);
  const tasks: RangeTask[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k] as number;
    const rangeResume: ResumePoint | undefined =
      k === 0 ? resume : { offset: from, line: 1, records: 0, state };
    tasks.push(
      rangeTask(
        format,
        resolved,
        from,
        cuts[k + 1] as number,
        rangeResume,
        k + 2 === cuts.length ? final : true,
      ),
    );
  }
  return tasks;
}

function npyTasks(
  head: Uint8Array,
  size: number,
  format: LogFormat,
  resolved: ResolvedOptions,
  parts: number,
): RangeTask[] | undefined {
  const header = readNpyHeader(head, resolved.parser.representation ?? 'auto');
  // A header error, Fortran order or a short file: one sequential pass gives the parser's own report.
  if ('error' in header || header.fortranOrder || size < header.dataOffset + header.dataBytes)
    return undefined;
  return npySlabs(header, parts).map((slab) =>
    rangeTask(format, resolved, slab.start, slab.end, slab.resume, true),
  );
}

/** The parser state after the first matrix of the file, or undefined when none is found early. */
async function headState(
  handle: FileHandle,
  format: LogFormat,
  resolved: ResolvedOptions,
  size: number,
): Promise<unknown> {
  const parser = createParser(format, resolved.parser, undefined);
  const limit = Math.min(size, 4 * 1024 * 1024);
  for (let position = 0; position < limit; position += 64 * 1024) {
    parser.push(await readAt(handle, position, Math.min(64 * 1024, limit - position)));
    if (parser.representation !== undefined) return parser.resume.state;
  }
  return undefined;
}
