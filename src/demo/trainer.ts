// The demo trainer: one MLP trained with Adam on the rotation task in one regime, logging the raw
// predictions for a fixed probe batch every `every` steps. Everything is drawn from seeded streams,
// so a seed gives the same run, byte for byte, on the same JavaScript engine. All three regimes see
// the same reference points, training batches, probe batch and test set.

import { Adam } from './adam';
import { Mlp } from './mlp';
import { Random } from './random';
import { geodesicDeg, inferenceRotation, lossAndGradient, outputSizeOf, type RegimeName } from './regimes';
import { RotationTask } from './task';

export interface DemoConfig {
  seed: number;
  /** Optimiser steps; the log holds steps 0, every, 2 every, ... and the last. */
  steps: number;
  every: number;
  batch: number;
  /** Samples in the fixed probe batch whose predictions are logged. */
  probe: number;
  /** Held-out samples for the final error. */
  testSize: number;
  hidden: readonly number[];
  /** Reference points K (input size 3K) and the standard deviation of their noise. */
  points: number;
  noise: number;
  learningRate: number;
}

export const DEFAULT_DEMO_CONFIG: Readonly<DemoConfig> = Object.freeze({
  seed: 1,
  steps: 3000,
  every: 50,
  batch: 32,
  probe: 16,
  testSize: 1000,
  hidden: Object.freeze([48, 48]),
  points: 8,
  noise: 0.05,
  learningRate: 1e-3,
});

/** Stream numbers of Random(seed, stream). */
const STREAM_TASK = 1;
const STREAM_TRAIN = 2;
const STREAM_PROBE = 3;
const STREAM_TEST = 4;
const STREAM_WEIGHTS = 5;

export interface LogEntry {
  step: number;
  /** The regime's own loss on the probe batch. */
  loss: number;
  /** Mean geodesic error over the probe batch of the inference rotation, degrees. */
  geodesicDeg: number;
  /** The raw network outputs for the probe batch, probe x outputSize (9: row-major M; 6: a1 then a2). */
  pred: Float64Array;
}

export interface RunResult {
  regime: RegimeName;
  config: DemoConfig;
  parameters: number;
  outputSize: 9 | 6;
  log: LogEntry[];
  /** Training samples whose gradient did not exist (zeroed), over the whole run. */
  skippedSamples: number;
  /** Geodesic error of the inference rotation on the held-out test set after the last step, degrees. */
  test: { meanDeg: number; medianDeg: number; p90Deg: number };
}

/** Steps at which the probe batch is logged. */
export function loggedSteps(steps: number, every: number): number[] {
  const out: number[] = [];
  for (let t = 0; t <= steps; t += every) out.push(t);
  if (out[out.length - 1] !== steps) out.push(steps);
  return out;
}

export function trainRun(regime: RegimeName, config: DemoConfig = DEFAULT_DEMO_CONFIG): RunResult {
  const { seed, steps, every, batch, probe, testSize } = config;
  if (!(steps >= 0 && every >= 1 && batch >= 1 && probe >= 1 && testSize >= 1))
    throw new RangeError('steps >= 0, every, batch, probe and testSize >= 1 are required');
  const task = new RotationTask(config.points, config.noise, new Random(seed, STREAM_TASK));
  const width = outputSizeOf(regime);
  const net = new Mlp([task.inputSize, ...config.hidden, width], Math.max(batch, probe, testSize));
  net.initialize(new Random(seed, STREAM_WEIGHTS));
  const adam = new Adam(net.params.length, { learningRate: config.learningRate });

  const probeInputs = new Float64Array(probe * task.inputSize);
  const probeTargets = new Float64Array(probe * 9);
  task.sample(probeInputs, probeTargets, probe, new Random(seed, STREAM_PROBE));

  const train = new Random(seed, STREAM_TRAIN);
  const inputs = new Float64Array(batch * task.inputSize);
  const targets = new Float64Array(batch * 9);
  const outputGrad = new Float64Array(batch * width);
  const log: LogEntry[] = [];
  const logAt = new Set(loggedSteps(steps, every));
  let skippedSamples = 0;
  for (let t = 0; ; t++) {
    if (logAt.has(t)) log.push(probeEntry(regime, net, t, probeInputs, probeTargets, probe));
    if (t === steps) break;
    task.sample(inputs, targets, batch, train);
    const outputs = net.forward(inputs, batch);
    skippedSamples += lossAndGradient(regime, outputs, targets, batch, outputGrad).skipped;
    adam.step(net.params, net.backward(outputGrad));
  }
  return {
    regime,
    config,
    parameters: net.params.length,
    outputSize: width,
    log,
    skippedSamples,
    test: testError(regime, net, task, seed, testSize),
  };
}

const rotation = new Float64Array(9);

function probeEntry(
  regime: RegimeName,
  net: Mlp,
  step: number,
  inputs: Float64Array,
  targets: Float64Array,
  count: number,
): LogEntry {
  const outputs = net.forward(inputs, count);
  const { loss } = lossAndGradient(regime, outputs, targets, count);
  const errors = geodesicErrors(regime, outputs, targets, count, net.outputSize);
  let sum = 0;
  for (const e of errors) sum += e;
  return { step, loss, geodesicDeg: sum / count, pred: outputs.slice(0, count * net.outputSize) };
}

function geodesicErrors(
  regime: RegimeName,
  outputs: Float64Array,
  targets: Float64Array,
  count: number,
  width: number,
): Float64Array {
  const errors = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    // An undefined rotation (a 6D output with collinear a1, a2) counts as the worst error, 180°.
    errors[n] = inferenceRotation(regime, rotation, outputs, n * width)
      ? geodesicDeg(rotation, targets, 9 * n)
      : 180;
  }
  return errors;
}

function testError(regime: RegimeName, net: Mlp, task: RotationTask, seed: number, size: number) {
  const inputs = new Float64Array(size * task.inputSize);
  const targets = new Float64Array(size * 9);
  task.sample(inputs, targets, size, new Random(seed, STREAM_TEST));
  const outputs = net.forward(inputs, size);
  const errors = geodesicErrors(regime, outputs, targets, size, net.outputSize).sort();
  let sum = 0;
  for (const e of errors) sum += e;
  return { meanDeg: sum / size, medianDeg: percentile(errors, 50), p90Deg: percentile(errors, 90) };
}

/** NumPy's default (linear) percentile of sorted values. */
function percentile(sorted: Float64Array, q: number): number {
  const position = ((sorted.length - 1) * q) / 100;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}
