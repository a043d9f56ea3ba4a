// Child process of bench/engine.ts, bundled next to the CLI. Prints one JSON line:
//   - cold: the first analysis of a fresh process, as the CLI runs it (this thread and one-shot
//     workers), without the process start-up;
// then the engine as the extension runs it (every lane a worker, `inWorker`), with an
// AnalysisWorkerPool kept between analyses:
//   - prewarmed: the first analysis after the pool started and warmed its workers while idle (as
//     the extension's pool does after its first analysis);
//   - reanalysis: the best of three later analyses of the same file (a live log, a settings change).
// Times are those of analyzeFile alone, as the NumPy program times its own work (no interpreter
// start-up on either side).
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { analyzeFile } from '../src/analysis/engine';
import { AnalysisWorkerPool } from '../src/analysis/workerPool';

async function timed(file: string, pool?: AnalysisWorkerPool): Promise<number> {
  const t0 = performance.now();
  if (pool) await analyzeFile(file, { inWorker: true }, { workers: pool });
  else await analyzeFile(file);
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const file = process.argv[2] as string;
  const cold = await timed(file);
  const pool = new AnalysisWorkerPool({ max: availableParallelism(), idleMs: 60_000, warm: true });
  try {
    pool.prestart();
    // The warm-up takes about 0.3 s of CPU per worker; an idle extension host has time for it.
    await sleep(2000);
    const prewarmed = await timed(file, pool);
    let reanalysis = Infinity;
    for (let i = 0; i < 3; i++) reanalysis = Math.min(reanalysis, await timed(file, pool));
    process.stdout.write(`${JSON.stringify({ cold, prewarmed, reanalysis })}\n`);
  } finally {
    pool.dispose();
  }
}

void main();
