// `so3lens demo`: trains the demo network in the three regimes (src/demo), writes their logs into
// --out, and prints what the engine reads from them. The training is pure; this file only parses the
// command line, times the runs and writes the files.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeBytes } from '../analysis/engine';
import {
  DEFAULT_DEMO_CONFIG,
  REGIMES,
  runJsonl,
  runNpy,
  trainRun,
  type DemoConfig,
  type RunResult,
} from '../demo';
import { demoFigures, type DemoFigures } from '../demo/figures';
import type { CliIo } from './main';

/** The regime whose log is also written as .npy. */
const NPY_REGIME = 'svd-in-loop';
export const DEFAULT_DEMO_OUT = 'so3lens-demo';

export function demoHelp(): string {
  const c = DEFAULT_DEMO_CONFIG;
  return `Usage: so3lens demo [--out DIR] [--steps N] [--seed S] [--every N]

Trains a small MLP (${[3 * c.points, ...c.hidden, 9].join('-')}, tanh, Adam lr ${c.learningRate}, batch ${c.batch}) to recover the
rotation that maps ${c.points} reference points to a rotated copy with noise σ = ${c.noise}, in three regimes:
  svd-in-loop  9D output, loss ||SVD(M) - R||², gradient through the closed-form SVD backward
  direct-9d    9D output, loss ||M - R||², SVD only at inference
  gs-6d        6D output, loss ||GS(a1, a2) - R||²
Every N steps each run logs the raw outputs for a fixed probe batch of ${c.probe} as JSONL
(step, loss, geodesic_deg, pred); ${NPY_REGIME} also as a float32 .npy (T, ${c.probe}, 3, 3).
Then it prints what 'so3lens analyze' reads from the logs.

Options:
  --out DIR    where the logs go (default ./${DEFAULT_DEMO_OUT})
  --steps N    optimiser steps (default ${c.steps})
  --seed S     seed of every random stream (default ${c.seed}); a seed gives the same files
  --every N    log every N steps (default ${c.every})
  --help       this text
`;
}

class UsageError extends Error {}

function integerOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} expects an integer >= ${min}, got '${value}'.`);
  return n;
}

function parseCommandLine(args: string[]): { help: boolean; out: string; config: DemoConfig } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      out: { type: 'string' },
      steps: { type: 'string' },
      seed: { type: 'string' },
      every: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const c = DEFAULT_DEMO_CONFIG;
  return {
    help: values.help ?? false,
    out: values.out ?? DEFAULT_DEMO_OUT,
    config: {
      ...c,
      steps: integerOption(values.steps, 'steps', c.steps, 0),
      seed: integerOption(values.seed, 'seed', c.seed, 0),
      every: integerOption(values.every, 'every', c.every, 1),
    },
  };
}

export async function runDemo(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(
        `so3lens demo: ${(error as Error).message}\nRun 'so3lens demo --help' for the options.\n`,
      );
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(demoHelp());
    return 0;
  }
  const { out, config } = parsed;
  try {
    mkdirSync(out, { recursive: true });
    return writeRuns(out, config, io);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    io.stderr.write(`so3lens demo: cannot write into '${out}': ${(error as Error).message}\n`);
    return 2;
  }
}

function writeRuns(out: string, config: DemoConfig, io: CliIo): number {
  io.stdout.write(
    `so3lens demo: seed ${config.seed}, ${config.steps} steps, logged every ${config.every}, into ${out}\n`,
  );
  const rows: Array<{ run: RunResult; seconds: number; figures: DemoFigures; files: string[] }> = [];
  for (const regime of REGIMES) {
    const started = performance.now();
    const run = trainRun(regime, config);
    const seconds = (performance.now() - started) / 1000;
    const jsonl = runJsonl(run);
    const files = [`${regime}.jsonl`];
    writeFileSync(join(out, files[0]!), jsonl);
    if (regime === NPY_REGIME) {
      files.push(`${regime}.npy`);
      writeFileSync(join(out, files[1]!), runNpy(run));
    }
    const figures = demoFigures(analyzeBytes(new TextEncoder().encode(jsonl), files[0]!));
    rows.push({ run, seconds, figures, files });
    io.stdout.write(
      `  ${regime.padEnd(12)} ${run.parameters} parameters, ${seconds.toFixed(1)} s: ` +
        `test geodesic error mean ${run.test.meanDeg.toFixed(2)}°, median ${run.test.medianDeg.toFixed(2)}° ` +
        `-> ${files.join(', ')}\n`,
    );
  }
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summaryOf(rows), null, 2) + '\n');
  io.stdout.write(figuresTable(rows.map((r) => ({ regime: r.run.regime, figures: r.figures }))));
  return 0;
}

function summaryOf(rows: Array<{ run: RunResult; figures: DemoFigures; files: string[] }>) {
  return {
    command: 'so3lens demo',
    config: rows[0]?.run.config,
    runs: rows.map(({ run, figures, files }) => ({
      regime: run.regime,
      files,
      parameters: run.parameters,
      skippedSamples: run.skippedSamples,
      finalProbe: { loss: run.log.at(-1)?.loss, geodesicDeg: run.log.at(-1)?.geodesicDeg },
      test: run.test,
      engine: figures,
    })),
  };
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toPrecision(digits) : '–';
}

/** The engine's view of the three logs, early (first 10% of logged steps) against late (last 10%). */
export function figuresTable(rows: Array<{ regime: string; figures: DemoFigures }>): string {
  const first = rows[0]?.figures;
  if (!first) return '';
  const lines = [
    '',
    `What the engine reads (${first.steps} logged steps; early = steps ${first.early.firstStep}–${first.early.lastStep}, ` +
      `late = ${first.late.firstStep}–${first.late.lastStep}; medians of step medians):`,
    '  run           κ early   κ late   ρ_GS early  ρ_GS late  κ_GS early  κ_GS late  near-singular early/all  det<0 early/all',
  ];
  for (const { regime, figures: f } of rows) {
    lines.push(
      `  ${regime.padEnd(12)} ${fmt(f.early.kappaMedian).padStart(7)} ${fmt(f.late.kappaMedian).padStart(8)}` +
        ` ${fmt(f.early.gsRhoMedian).padStart(11)} ${fmt(f.late.gsRhoMedian).padStart(10)}` +
        ` ${fmt(f.early.gsKappaMedian).padStart(11)} ${fmt(f.late.gsKappaMedian).padStart(10)}` +
        ` ${`${f.early.nearSingular}/${f.all.nearSingular}`.padStart(24)} ${`${f.early.detNegative}/${f.all.detNegative}`.padStart(16)}`,
    );
  }
  lines.push("  (9D runs: κ of the SVD projection, ρ_GS and κ_GS of Gram-Schmidt on M's first two columns.)");
  return lines.join('\n') + '\n';
}
