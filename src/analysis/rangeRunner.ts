// Drives one parser over the bytes of one range and hands its output to a RangeAnalyzer. The same
// code runs in-process (analyzeBytes, small files) and in every worker of the pool.

import type { AnalysisOptions } from '../core/metrics';
import { createParser } from '../parsers/detect';
import type { LogFormat, ParserOptions, ResumePoint, StreamParser } from '../parsers/types';
import { isBinaryFormat } from '../shared/analysis';
import type { PartialResult } from './partial';
import { primeCore } from './primeCore';
import { RangeAnalyzer } from './rangeAnalyzer';

/** Plain data: posted to a worker as is. */
export interface RangeTask {
  format: LogFormat;
  analysis: AnalysisOptions;
  parser: ParserOptions;
  perMatrix: boolean;
  maxFlags: number;
  maxIssues: number;
  /** Bytes [start, end) of the file. */
  start: number;
  end: number;
  /** Where the parser starts; undefined for a fresh parse from the file's first byte. */
  resume: ResumePoint | undefined;
  /** Report an incomplete tail as an issue (a finished file), or hold it back (a growing log). */
  final: boolean;
}

export class RangeRunner {
  private readonly parser: StreamParser;
  private readonly analyzer: RangeAnalyzer;
  private readonly final: boolean;

  constructor(task: RangeTask) {
    // Once per thread, before its first range, whichever way the bytes arrive (primeCore.ts).
    primeCore();
    const binary = isBinaryFormat(task.format);
    const start: ResumePoint = task.resume ?? {
      offset: 0,
      line: binary ? 0 : 1,
      records: 0,
      state: undefined,
    };
    this.parser = createParser(task.format, task.parser, task.resume);
    this.analyzer = new RangeAnalyzer(
      {
        format: task.format,
        analysis: task.analysis,
        perMatrix: task.perMatrix,
        maxFlags: task.maxFlags,
        maxIssues: task.maxIssues,
        binary,
      },
      start,
    );
    this.final = task.final;
  }

  push(chunk: Uint8Array): void {
    this.analyzer.consume(this.parser.push(chunk));
  }

  finish(): PartialResult {
    this.analyzer.consume(this.parser.flush(this.final));
    return this.analyzer.finish(this.parser.resume, this.parser.stepSource);
  }
}
