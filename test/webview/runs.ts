// Real engine output for the tests: the project's fixtures analyzed by the engine in-process and
// converted by the dashboard's own series.ts, exactly as the extension will do it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../src/analysis/engine';
import type { EngineOptions } from '../../src/analysis/options';
import type { AnalysisResult } from '../../src/shared/analysis';
import { toRunSeries, type RunIdentity } from '../../src/dashboard/series';
import type { RunSeries } from '../../src/shared/protocol';
import { seededRandom } from '../random';

const FIXTURES = join(__dirname, '..', 'fixtures');

export function analyzeFixture(name: string, options: EngineOptions = {}): AnalysisResult {
  const path = join(FIXTURES, name);
  return analyzeBytes(readFileSync(path), path, { workers: 1, ...options });
}

export function fixtureRun(name: string, identity: RunIdentity = {}, options: EngineOptions = {}): RunSeries {
  const result = analyzeFixture(name, options);
  return toRunSeries(result, { id: `file://${result.file}`, ...identity });
}

/**
 * A second training log for the compare view, written as `json.dumps` would: 24 steps of 8 raw
 * predictions M = R + σ(t) N that converge faster than the fixture's run. The test analyzes it
 * with the real engine like any file.
 */
export function convergingRunJsonl(seed = 7, steps = 24, batch = 8): string {
  const next = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const lines: string[] = [];
  for (let t = 0; t < steps; t++) {
    const sigma = 0.02 + 0.7 * Math.exp(-t / 4);
    const pred: number[][][] = [];
    for (let b = 0; b < batch; b++) {
      const q = [gauss(), gauss(), gauss(), gauss()];
      const n = Math.hypot(...q);
      const [w, x, y, z] = q.map((v) => v / n) as [number, number, number, number];
      const r = [
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
      ];
      pred.push(r.map((row) => row.map((v) => v + sigma * gauss())));
    }
    lines.push(
      JSON.stringify({ step: t * 100, loss: sigma, pred })
        .replace(/,/g, ', ')
        .replace(/:/g, ': '),
    );
  }
  return lines.join('\n') + '\n';
}

export function convergingRun(identity: RunIdentity = {}): RunSeries {
  const file = '/virtual/direct-9d.jsonl';
  const result = analyzeBytes(new TextEncoder().encode(convergingRunJsonl()), file, { workers: 1 });
  return toRunSeries(result, { id: `file://${file}`, ...identity });
}
