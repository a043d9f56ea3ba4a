// What one pass over a byte range produces, before it is placed in the whole file. A worker that
// starts mid-file does not know how many lines and records came before it, so its lines (and, for
// logs without step numbers, its ordinal steps) are relative; the assembler shifts them. Its first
// and last steps stay raw because they may continue across the range boundary.

import type { ResumePoint } from '../parsers/types';
import type {
  IssueRecord,
  LogFormat,
  OpenStepState,
  PerMatrixRecord,
  Representation,
  StepTable,
} from '../shared/analysis';
import type { FlagList } from './flagList';

export interface PartialResult {
  format: LogFormat;
  representation: Representation | undefined;
  stepSource: 'logged' | 'ordinal' | undefined;
  /** The resume point this pass started from (its line and records may be relative). */
  start: ResumePoint;
  /** The parser's resume point when the pass ended. */
  end: ResumePoint;
  /** The first step, raw; undefined when the range held no matrix. */
  first: OpenStepState | undefined;
  /** Steps after the first and before the last, summarized (arrays may be longer than `length`). */
  middle: StepTable;
  /** The last step, raw; undefined when the range held a single step (then `first` is it). */
  last: OpenStepState | undefined;
  matrices: number;
  invalid: number;
  /** The first maxFlags flags of the range, without messages (the assembler writes those it keeps). */
  flags: FlagList;
  /** How many of `flags` belong to the first step (their index shifts when it continues a step). */
  firstStepFlags: number;
  flagsTotal: number;
  issues: PendingIssue[];
  issuesTotal: number;
  perMatrix: PerMatrixRecord[] | undefined;
  /** How many of `perMatrix` belong to the first step. */
  firstStepRecords: number;
}

/**
 * An issue as a range reports it. A non-finite matrix's issue names its step and index, which the
 * assembler knows only after placing the range; it writes the message then.
 */
export type PendingIssue = IssueRecord & {
  nonFinite?: { step: number; index: number; inFirstStep: boolean };
};
