// A run's log in the forms a Python training script would write: JSONL (one json.dumps record a
// logged step) and, for 9D runs, a float32 .npy of shape (T, B, 3, 3).

import { npyFloat32 } from './npyWriter';
import { PythonInt, pythonJson, type PythonValue } from './pythonJson';
import type { LogEntry, RunResult } from './trainer';

/** One probe batch as nested lists: B x 3 x 3 for 9D, B x 2 x 3 (rows a1, a2) for 6D. */
function predList(pred: Float64Array, width: 9 | 6): PythonValue[] {
  const rows = width / 3;
  const batch: PythonValue[] = [];
  for (let n = 0; n < pred.length / width; n++) {
    const matrix: PythonValue[] = [];
    for (let i = 0; i < rows; i++) {
      const o = n * width + 3 * i;
      matrix.push([pred[o]!, pred[o + 1]!, pred[o + 2]!]);
    }
    batch.push(matrix);
  }
  return batch;
}

export function jsonlLine(entry: LogEntry, width: 9 | 6): string {
  return pythonJson({
    step: new PythonInt(entry.step),
    loss: entry.loss,
    geodesic_deg: entry.geodesicDeg,
    pred: predList(entry.pred, width),
  });
}

export function runJsonl(run: RunResult): string {
  return run.log.map((entry) => jsonlLine(entry, run.outputSize) + '\n').join('');
}

/** The probe predictions of a 9D run as a (T, B, 3, 3) float32 .npy. */
export function runNpy(run: RunResult): Uint8Array {
  if (run.outputSize !== 9) throw new Error(`runNpy: ${run.regime} logs 6D outputs, not 3x3 matrices`);
  const batch = run.config.probe;
  const values = new Float64Array(run.log.length * batch * 9);
  run.log.forEach((entry, t) => values.set(entry.pred, t * batch * 9));
  return npyFloat32(values, [run.log.length, batch, 3, 3]);
}
