// One pass over consecutive parser output: per-matrix metrics from core, grouped into steps.
// A step is a contiguous run of matrices with the same step number; a number that reappears after
// another step starts a new row (logs that restart their counter keep their order and lines).

import { analyzeBatch } from '../core/batch';
import {
  batchMetricsBytes,
  createBatchMetrics,
  FLAGS,
  FLAG_NON_FINITE,
  type AnalysisOptions,
  type BatchMetrics,
} from '../core/metrics';
import { inspectRecord } from '../core/record';
import type { LogFormat, MatrixBlock, ParseResult, ResumePoint } from '../parsers/types';
import type { PerMatrixRecord, Representation } from '../shared/analysis';
import { appendFlag, createFlagList, type FlagList } from './flagList';
import type { PartialResult, PendingIssue } from './partial';
import { DirectRowWriter, sameStep, StepAccumulator } from './stepAccumulator';
import { createStepTableBuilder, type StepTableBuilder } from './stepTable';
import { ARENA_BYTE, ARENA_BYTES, threadPairSorter } from './wasmPairSort';

const FLAG_COUNT = FLAGS.length;

export interface RangeSettings {
  format: LogFormat;
  analysis: AnalysisOptions;
  perMatrix: boolean;
  maxFlags: number;
  maxIssues: number;
  /** Line numbers are reported only for text formats. */
  binary: boolean;
}

/**
 * One BatchMetrics per thread, shared by every RangeAnalyzer in it: a block's metrics are read only
 * inside the synchronous consumeBlock that computed them, so ranges that follow one another (a
 * worker's queue) or interleave at awaits never see each other's, and none allocates its own.
 */
let threadMetrics: BatchMetrics | undefined;

/**
 * The thread's metrics live in the WebAssembly sorter's arena when there is one (the step statistics
 * then gather their values there, stepQuantiles.ts): a fixed capacity, so larger blocks are analyzed
 * in pieces. Without WebAssembly they are ordinary arrays, grown to the largest block.
 */
const ARENA_CAPACITY = Math.floor(ARENA_BYTES / batchMetricsBytes(1) / 8) * 8;

function metricsFor(count: number): BatchMetrics {
  if (threadMetrics === undefined) {
    const sorter = threadPairSorter();
    threadMetrics = sorter
      ? createBatchMetrics(ARENA_CAPACITY, sorter.buffer, ARENA_BYTE)
      : createBatchMetrics(Math.max(1024, count));
  }
  if (threadMetrics.capacity < count)
    threadMetrics = createBatchMetrics(Math.max(count, 2 * threadMetrics.capacity));
  return threadMetrics;
}

/** Matrices [from, to) of a block, as a block of their own (views, no copy). */
function sliceBlock(block: MatrixBlock, from: number, to: number): MatrixBlock {
  return {
    width: block.width,
    count: to - from,
    values: block.values.subarray(from * block.width, to * block.width),
    step: block.step.subarray(from, to),
    line: block.line.subarray(from, to),
    endLine: block.endLine.subarray(from, to),
    offset: block.offset.subarray(from, to),
    endOffset: block.endOffset.subarray(from, to),
  };
}

export class RangeAnalyzer {
  private metrics: BatchMetrics = metricsFor(0);
  private readonly firstStep = new StepAccumulator();
  private readonly current = new StepAccumulator();
  private readonly direct = new DirectRowWriter();
  /** Whether `current` is still the range's first step. */
  private inFirstStep = true;
  private readonly middle: StepTableBuilder = createStepTableBuilder(64);
  private matrices = 0;
  private invalid = 0;
  private flags: FlagList = createFlagList(0);
  private firstStepFlags = 0;
  private flagsTotal = 0;
  private readonly issues: PendingIssue[] = [];
  private issuesTotal = 0;
  private readonly perMatrix: PerMatrixRecord[] | undefined;
  private firstStepRecords = 0;
  private representation: Representation | undefined;

  constructor(
    private readonly settings: RangeSettings,
    private readonly start: ResumePoint,
  ) {
    this.perMatrix = settings.perMatrix ? [] : undefined;
  }

  consume(result: ParseResult): void {
    for (const issue of result.issues) this.addIssue(issue);
    const block = result.block;
    if (!block || block.count === 0) return;
    // A step cut between two pieces continues in the accumulator, as across two pushes.
    if (threadPairSorter() === undefined || block.count <= ARENA_CAPACITY) this.consumeBlock(block);
    else {
      for (let from = 0; from < block.count; from += ARENA_CAPACITY)
        this.consumeBlock(sliceBlock(block, from, Math.min(block.count, from + ARENA_CAPACITY)));
    }
  }

  finish(end: ResumePoint, stepSource: 'logged' | 'ordinal' | undefined): PartialResult {
    const hasSteps = this.current.isOpen;
    const first = !hasSteps
      ? undefined
      : this.inFirstStep
        ? this.current.toState()
        : this.firstStep.toState();
    const last = hasSteps && !this.inFirstStep ? this.current.toState() : undefined;
    return {
      format: this.settings.format,
      representation: this.representation,
      stepSource,
      start: this.start,
      end,
      first,
      middle: this.middle.table,
      last,
      matrices: this.matrices,
      invalid: this.invalid,
      flags: this.flags,
      firstStepFlags: this.inFirstStep ? this.flags.length : this.firstStepFlags,
      flagsTotal: this.flagsTotal,
      issues: this.issues,
      issuesTotal: this.issuesTotal,
      perMatrix: this.perMatrix,
      firstStepRecords: this.perMatrix && this.inFirstStep ? this.perMatrix.length : this.firstStepRecords,
    };
  }

  private consumeBlock(block: MatrixBlock): void {
    const representation: Representation = block.width === 6 ? '6d' : '9d';
    this.representation ??= representation;
    const metrics = (this.metrics = metricsFor(block.count));
    analyzeBatch(
      block.values,
      0,
      block.width,
      block.count,
      representation,
      this.settings.analysis,
      metrics,
      0,
    );
    const n = block.count;
    for (let a = 0; a < n;) {
      const step = block.step[a] as number;
      let b = a + 1;
      while (b < n && sameStep(block.step[b] as number, step)) b++;
      const continues = this.current.isOpen && sameStep(step, this.current.step);
      if (!continues && this.current.isOpen) this.closeCurrent();
      if (!continues && !this.inFirstStep && b < n) this.writeDirect(block, a, b, step, representation);
      else this.accumulate(block, a, b, step, continues, representation);
      a = b;
    }
  }

  /** Matrices [a, b) of the block continue or open the current step (kept raw: it may go on). */
  private accumulate(
    block: MatrixBlock,
    a: number,
    b: number,
    step: number,
    continues: boolean,
    representation: Representation,
  ): void {
    if (!continues) this.current.begin(step, this.lineOf(block, a), block.offset[a] as number);
    for (let i = a; i < b; i++) {
      const index = this.current.count;
      this.current.add(this.metrics, i);
      this.perMatrixBookkeeping(block, i, step, index, this.inFirstStep, representation);
    }
  }

  /** Matrices [a, b) are a whole step that is neither the range's first nor possibly continued. */
  private writeDirect(
    block: MatrixBlock,
    a: number,
    b: number,
    step: number,
    representation: Representation,
  ): void {
    this.direct.write(
      this.middle,
      this.metrics,
      a,
      b - a,
      step,
      this.lineOf(block, a),
      block.offset[a] as number,
    );
    const flags = this.metrics.flags;
    for (let i = a; i < b; i++) {
      // Most matrices carry no flag: only the count changes (unless records are kept).
      if (flags[i] === 0 && !this.perMatrix) this.matrices++;
      else this.perMatrixBookkeeping(block, i, step, i - a, false, representation);
    }
  }

  private perMatrixBookkeeping(
    block: MatrixBlock,
    i: number,
    step: number,
    index: number,
    inFirstStep: boolean,
    representation: Representation,
  ): void {
    const bits = this.metrics.flags[i] as number;
    if (bits & FLAG_NON_FINITE) {
      this.invalid++;
      const where = this.settings.binary
        ? { offset: block.offset[i] as number }
        : { line: block.line[i] as number };
      this.addIssue({ severity: 'warning', ...where, message: '', nonFinite: { step, index, inFirstStep } });
    } else this.matrices++;
    if (bits !== 0) this.addFlags(bits, step, index, block, i);
    if (this.perMatrix) this.addRecord(block, i, representation, step, index);
  }

  private lineOf(block: MatrixBlock, i: number): number {
    return this.settings.binary ? 0 : (block.line[i] as number);
  }

  /** The current step is complete: the range's first step stays raw, any later one becomes a row. */
  private closeCurrent(): void {
    if (this.inFirstStep) {
      this.firstStep.load(this.current.toState());
      this.inFirstStep = false;
      this.firstStepFlags = this.flags.length;
      this.firstStepRecords = this.perMatrix?.length ?? 0;
    } else {
      this.current.writeRow(this.middle);
    }
    this.current.close();
  }

  private addFlags(bits: number, step: number, index: number, block: MatrixBlock, i: number): void {
    for (let f = 0; f < FLAG_COUNT; f++) {
      if (!(bits & (FLAGS[f] as { bit: number }).bit)) continue;
      this.flagsTotal++;
      if (this.flags.length >= this.settings.maxFlags) continue;
      this.flags = appendFlag(this.flags, this.settings.maxFlags, f, step, index, block, this.metrics, i);
    }
  }

  /** Where matrix i of the block is: lines (text formats) and byte range. */
  private locate<T extends { line?: number; endLine?: number; offset?: number; endOffset?: number }>(
    record: T,
    block: MatrixBlock,
    i: number,
  ): T {
    if (!this.settings.binary) {
      record.line = block.line[i] as number;
      record.endLine = block.endLine[i] as number;
    }
    record.offset = block.offset[i] as number;
    record.endOffset = block.endOffset[i] as number;
    return record;
  }

  private addIssue(issue: PendingIssue): void {
    this.issuesTotal++;
    if (this.issues.length < this.settings.maxIssues) this.issues.push({ ...issue });
  }

  private addRecord(
    block: MatrixBlock,
    i: number,
    representation: Representation,
    step: number,
    index: number,
  ): void {
    const values = block.values.subarray(i * block.width, (i + 1) * block.width);
    const record = inspectRecord(values, representation, this.settings.analysis);
    this.perMatrix?.push(this.locate({ step, index, ...record } as PerMatrixRecord, block, i));
  }
}
