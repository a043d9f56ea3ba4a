// Settings -> engine options: the one translation between what the user configured and what the
// engine and core take.
import type { EngineOptions } from '../analysis/options';
import type { So3LensConfig } from '../settings';

export interface StabilizerOverride {
  taylorK: number;
  clampEps: number;
}

export function engineOptionsFrom(config: So3LensConfig, stabilizer?: StabilizerOverride): EngineOptions {
  const key = config['jsonl.matrixKey'].trim();
  const stepKey = config['jsonl.stepKey'].trim();
  return {
    analysis: {
      nearSingular: config['thresholds.nearSingular'],
      kappa: config['thresholds.kappa'],
      taylorK: stabilizer?.taylorK ?? config['stabilizer.taylorK'],
      clampEps: stabilizer?.clampEps ?? config['stabilizer.clampEps'],
      sixD: config['sixD.layout'],
    },
    parser: {
      ...(key ? { key } : {}),
      ...(stepKey ? { stepKey } : {}),
      representation: config.representation,
    },
    maxIssues: config.maxIssues,
    // The extension host's main thread never parses: even a small log is read by a worker.
    inWorker: true,
  };
}
