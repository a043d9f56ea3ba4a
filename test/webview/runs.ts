// Real engine output for the tests: the project's fixtures analyzed by the engine in-process and
// converted by the dashboard's own series.ts, exactly as the extension will do it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../src/analysis/engine';
import type { EngineOptions } from '../../src/analysis/options';
import type { AnalysisResult } from '../../src/shared/analysis';
import { toRunSeries, type RunIdentity } from '../../src/dashboard/series';
import type { RunSeries } from '../../src/shared/protocol';

const FIXTURES = join(__dirname, '..', 'fixtures');

export function analyzeFixture(name: string, options: EngineOptions = {}): AnalysisResult {
  const path = join(FIXTURES, name);
  return analyzeBytes(readFileSync(path), path, { workers: 1, ...options });
}

export function fixtureRun(name: string, identity: RunIdentity = {}, options: EngineOptions = {}): RunSeries {
  const result = analyzeFixture(name, options);
  return toRunSeries(result, { id: `file://${result.file}`, ...identity });
}
