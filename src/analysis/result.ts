// The last step of an analysis: the assembled parts plus what a later resume needs, as an
// AnalysisResult, or the one AnalysisError of a file that held no matrix at all.

import type { AnalysisOptions } from '../core/metrics';
import { issueLocation, type AnalysisResult, type Thresholds } from '../shared/analysis';
import type { Assembled } from './assembler';
import { AnalysisError } from './errors';

export interface FileFacts {
  file: string;
  fileSize: number;
  headBytes: number;
  headHash: number;
  settings: string;
}

export function toResult(parts: Assembled, facts: FileFacts, analysis: AnalysisOptions): AnalysisResult {
  if (facts.fileSize === 0) throw new AnalysisError(facts.file, 'the file is empty');
  if (parts.representation === undefined || parts.matrices + parts.invalid === 0) {
    const firstError = parts.issues.find((issue) => issue.severity === 'error') ?? parts.issues[0];
    const location = firstError && issueLocation(firstError);
    const where = location ? `${location}: ` : '';
    throw new AnalysisError(
      facts.file,
      firstError
        ? `no matrix could be read (${where}${firstError.message})`
        : `no 3x3 or 6D matrix found in this ${parts.format} file`,
    );
  }
  const end = parts.end ?? { offset: 0, line: 1, records: 0, state: undefined };
  const result: AnalysisResult = {
    file: facts.file,
    format: parts.format,
    representation: parts.representation,
    stepSource: parts.stepSource ?? 'ordinal',
    matrices: parts.matrices,
    invalid: parts.invalid,
    steps: parts.steps,
    flags: parts.flags,
    flagsTotal: parts.flagsTotal,
    issues: parts.issues,
    issuesTotal: parts.issuesTotal,
    thresholds: thresholdsOf(analysis),
    bytesRead: end.offset,
    resume: {
      fileSize: facts.fileSize,
      headBytes: facts.headBytes,
      headHash: facts.headHash,
      settings: facts.settings,
      offset: end.offset,
      parser: end,
      openStep: parts.openStep,
    },
  };
  if (parts.perMatrix) result.perMatrix = parts.perMatrix;
  return result;
}

export function thresholdsOf(analysis: AnalysisOptions): Thresholds {
  return {
    nearSingular: analysis.nearSingular,
    kappa: analysis.kappa,
    taylorK: analysis.taylorK,
    clampEps: analysis.clampEps,
    sixD: analysis.sixD,
  };
}
