// Puts partial results together in file order: shifts the relative lines and ordinal steps of a
// range that started mid-file, joins a step cut by a range boundary from its raw values, and keeps
// the first maxFlags flags and maxIssues issues. Starting from a previous result, it continues that
// result (resume after the file grew) exactly as one pass over the whole file would.

import type { AnalysisOptions } from '../core/metrics';
import type { ResumePoint } from '../parsers/types';
import { isBinaryFormat } from '../shared/analysis';
import type {
  AnalysisResult,
  FlagRecord,
  IssueRecord,
  LogFormat,
  OpenStepState,
  PerMatrixRecord,
  Representation,
  StepTable,
} from '../shared/analysis';
import { flagRecordAt } from './flagList';
import type { PartialResult, PendingIssue } from './partial';
import { sameStep, StepAccumulator } from './stepAccumulator';
import { concatTables, createStepTableBuilder, shiftRowsInPlace, type StepTableBuilder } from './stepTable';

export interface AssemblerLimits {
  analysis: AnalysisOptions;
  maxFlags: number;
  maxIssues: number;
  perMatrix: boolean;
}

export interface Assembled {
  format: LogFormat;
  representation: Representation | undefined;
  stepSource: 'logged' | 'ordinal' | undefined;
  steps: AnalysisResult['steps'];
  matrices: number;
  invalid: number;
  flags: FlagRecord[];
  flagsTotal: number;
  issues: IssueRecord[];
  issuesTotal: number;
  perMatrix: PerMatrixRecord[] | undefined;
  openStep: OpenStepState | undefined;
  /** Resume point after everything absorbed, with lines and records counted from the file's start. */
  end: ResumePoint | undefined;
}

export class ResultAssembler {
  /** Closed rows: whole tables taken over from partial results, and the rows written here. */
  private readonly segments: StepTable[] = [];
  private table: StepTableBuilder = createStepTableBuilder(64);
  private readonly open = new StepAccumulator();
  private nextLine: number | undefined;
  private nextRecords: number | undefined;
  private end: ResumePoint | undefined;
  private matrices = 0;
  private invalid = 0;
  private readonly flags: FlagRecord[] = [];
  private flagsTotal = 0;
  private readonly issues: IssueRecord[] = [];
  private issuesTotal = 0;
  private readonly perMatrix: PerMatrixRecord[] | undefined;
  private representation: Representation | undefined;
  private stepSource: 'logged' | 'ordinal' | undefined;

  constructor(
    private readonly format: LogFormat,
    private readonly limits: AssemblerLimits,
    previous?: AnalysisResult,
  ) {
    this.perMatrix = limits.perMatrix ? [] : undefined;
    if (previous) this.continueFrom(previous);
  }

  absorb(partial: PartialResult): void {
    const lineShift = (this.nextLine ?? partial.start.line) - partial.start.line;
    const recordShift = (this.nextRecords ?? partial.start.records) - partial.start.records;
    const stepShift = partial.stepSource === 'ordinal' ? recordShift : 0;
    this.representation ??= partial.representation;
    this.stepSource ??= partial.stepSource;

    let indexShift = 0;
    if (partial.first) {
      const first = shiftState(partial.first, stepShift, lineShift);
      if (this.open.isOpen && sameStep(this.open.step, first.step)) {
        indexShift = this.open.count;
        this.open.absorb(first);
      } else {
        if (this.open.isOpen) this.open.writeRow(this.table);
        this.open.load(first);
      }
      if (partial.last) {
        this.open.writeRow(this.table);
        if (partial.middle.length > 0) {
          this.closeSegment();
          shiftRowsInPlace(partial.middle, stepShift, lineShift);
          this.segments.push(partial.middle);
        }
        this.open.load(shiftState(partial.last, stepShift, lineShift));
      }
    }

    const binary = isBinaryFormat(this.format);
    for (let k = 0; k < partial.flags.length && this.flags.length < this.limits.maxFlags; k++) {
      const shift = { step: stepShift, index: k < partial.firstStepFlags ? indexShift : 0, line: lineShift };
      this.flags.push(flagRecordAt(partial.flags, k, shift, binary, this.limits.analysis));
    }
    this.flagsTotal += partial.flagsTotal;
    for (const issue of partial.issues) {
      if (this.issues.length >= this.limits.maxIssues) break;
      this.issues.push(placeIssue(issue, stepShift, lineShift, indexShift));
    }
    this.issuesTotal += partial.issuesTotal;
    if (this.perMatrix && partial.perMatrix) {
      partial.perMatrix.forEach((record, k) => {
        this.perMatrix?.push(
          shiftLocated(record, stepShift, lineShift, k < partial.firstStepRecords ? indexShift : 0),
        );
      });
    }
    this.matrices += partial.matrices;
    this.invalid += partial.invalid;
    this.nextLine = partial.end.line + lineShift;
    this.nextRecords = partial.end.records + recordShift;
    this.end = { ...partial.end, line: this.nextLine, records: this.nextRecords };
  }

  finish(): Assembled {
    let openStep: OpenStepState | undefined;
    if (this.open.isOpen) {
      openStep = this.open.toState();
      this.open.writeRow(this.table);
    }
    const steps = concatTables([...this.segments, this.table.table]);
    // A push reports its parse issues before the matrices it completed; list them by position.
    this.issues.sort((a, b) => issuePosition(a) - issuePosition(b));
    if (openStep) this.table.table.length--;
    return {
      format: this.format,
      representation: this.representation,
      stepSource: this.stepSource,
      steps,
      matrices: this.matrices,
      invalid: this.invalid,
      flags: this.flags,
      flagsTotal: this.flagsTotal,
      issues: this.issues,
      issuesTotal: this.issuesTotal,
      perMatrix: this.perMatrix,
      openStep,
      end: this.end,
    };
  }

  private closeSegment(): void {
    if (this.table.table.length === 0) return;
    this.segments.push(this.table.table);
    this.table = createStepTableBuilder(64);
  }

  private continueFrom(previous: AnalysisResult): void {
    const open = previous.resume.openStep;
    const closed = previous.steps.length - (open ? 1 : 0);
    // A view of the previous rows (never mutated): no copy until finish.
    this.segments.push({ ...previous.steps, length: closed });
    if (open) this.open.load(open);
    this.representation = previous.representation;
    this.stepSource = previous.stepSource;
    this.matrices = previous.matrices;
    this.invalid = previous.invalid;
    this.flags.push(...previous.flags.slice(0, this.limits.maxFlags));
    this.flagsTotal = previous.flagsTotal;
    this.issues.push(...previous.issues.slice(0, this.limits.maxIssues));
    this.issuesTotal = previous.issuesTotal;
    if (this.perMatrix && previous.perMatrix) this.perMatrix.push(...previous.perMatrix);
    this.nextLine = previous.resume.parser.line;
    this.nextRecords = previous.resume.parser.records;
    this.end = { ...previous.resume.parser };
  }
}

function placeIssue(
  issue: PendingIssue,
  stepShift: number,
  lineShift: number,
  indexShift: number,
): IssueRecord {
  const { nonFinite, ...placed } = issue;
  if (placed.line !== undefined && placed.line > 0) placed.line += lineShift;
  if (nonFinite) {
    const index = nonFinite.index + (nonFinite.inFirstStep ? indexShift : 0);
    placed.message = `step ${nonFinite.step + stepShift}, matrix ${index}: a NaN or infinite entry; the matrix is counted invalid and left out of the statistics`;
  }
  return placed;
}

function issuePosition(issue: IssueRecord): number {
  return issue.line !== undefined && issue.line > 0 ? issue.line : (issue.offset ?? 0);
}

function shiftState(state: OpenStepState, stepShift: number, lineShift: number): OpenStepState {
  if (stepShift === 0 && lineShift === 0) return state;
  return {
    ...state,
    step: state.step + stepShift,
    line: state.line > 0 ? state.line + lineShift : state.line,
  };
}

function shiftLocated<T extends { step: number; index: number; line?: number; endLine?: number }>(
  record: T,
  stepShift: number,
  lineShift: number,
  indexShift: number,
): T {
  if (stepShift === 0 && lineShift === 0 && indexShift === 0) return record;
  const moved = { ...record, step: record.step + stepShift, index: record.index + indexShift };
  if (moved.line !== undefined && moved.line > 0) moved.line += lineShift;
  if (moved.endLine !== undefined && moved.endLine > 0) moved.endLine += lineShift;
  return moved;
}
