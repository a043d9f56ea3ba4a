// Core benchmark (issue 2, section 4): throughput of analyzeBatch for the full per-matrix metric set
// on 1M random 9D matrices, single thread, best of a few runs after warm-up; and, when python3 with
// NumPy is available, np.linalg.svd(M, compute_uv=False) on the same matrices in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBatch, createBatchMetrics, DEFAULT_OPTIONS } from '../src/core/index';
import { analyzeRange9Jacobi } from '../src/core/analyze';
import { analyzeRange9Fast } from '../src/core/fastMetrics9';
import { gaussian, randomRotation, seededRandom } from '../test/random';

/**
 * Matrices like a training run's log: a third untrained (iid normal, scale 0.1..10), a third
 * converging (R + σN, σ from 0.3 down to 0.001), a third scaled rotations (c R, c 0.01..100), with a
 * few near-singular ones among the untrained.
 */
export function trainingLikeMatrices(count: number, seed = 1): Float64Array {
  const random = seededRandom(seed);
  const normal = (): number => gaussian(random);
  const out = new Float64Array(count * 9);
  for (let k = 0; k < count; k++) {
    const o = 9 * k;
    const kind = k % 3;
    if (kind === 0) {
      const scale = 10 ** (2 * random() - 1);
      for (let i = 0; i < 9; i++) out[o + i] = scale * normal();
      if (k % 300 === 0) for (let i = 0; i < 3; i++) out[o + 6 + i] = 1e-7 * out[o + i]! + out[o + 3 + i]!;
      continue;
    }
    const r = randomRotation(random);
    if (kind === 1) {
      const sigma = 10 ** (-3 + 2.5 * random());
      for (let i = 0; i < 9; i++) out[o + i] = r[i]! + sigma * normal();
    } else {
      const c = 10 ** (4 * random() - 2);
      for (let i = 0; i < 9; i++) out[o + i] = c * r[i]!;
    }
  }
  return out;
}

function npyBytes(values: Float64Array, count: number): Uint8Array {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${count}, 3, 3), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + values.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 10 + header.length);
  return bytes;
}

/** NumPy's best time, or a reason it could not run. */
function numpySvd(
  values: Float64Array,
  count: number,
  runs: number,
): { seconds: number; cpuSeconds: number; numpy: string } | string {
  const dir = mkdtempSync(join(tmpdir(), 'so3lens-bench-'));
  try {
    const file = join(dir, 'matrices.npy');
    writeFileSync(file, npyBytes(values, count));
    // OpenBLAS tuning variables set for this machine's other tools would skew NumPy; drop them for it only.
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const script = join(import.meta.dirname ?? __dirname, 'coreNumpySvd.py');
    const result = spawnSync('python3', [script, file, String(runs)], { env, encoding: 'utf8' });
    if (result.error) return `python3 not available (${result.error.message})`;
    if (result.status !== 0) return `python3/NumPy failed: ${result.stderr.trim().split('\n').pop()}`;
    return JSON.parse(result.stdout.trim().split('\n').pop()!) as {
      seconds: number;
      cpuSeconds: number;
      numpy: string;
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the core figures. */
export async function coreSection(
  count = 1_000_000,
  runs = 5,
  print: (line: string) => void = console.log,
): Promise<void> {
  const input = trainingLikeMatrices(count);
  const out = createBatchMetrics(count);
  const warm = Math.min(count, 100_000);
  for (let i = 0; i < 3; i++) analyzeBatch(input, 0, 9, warm, '9d', DEFAULT_OPTIONS, out);
  let best = Infinity;
  let bestCpu = Infinity;
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    analyzeBatch(input, 0, 9, count, '9d', DEFAULT_OPTIONS, out);
    best = Math.min(best, performance.now() - start);
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
  }
  const perSecond = count / (best / 1000);
  // Not timed: how many matrices the closed forms answered (the rest took the Jacobi path).
  let jacobi = 0;
  analyzeRange9Fast(input, 0, 9, count, DEFAULT_OPTIONS, out, 0, (...args) => {
    jacobi++;
    analyzeRange9Jacobi(...args);
  });
  print(
    `core: analyzeBatch, full 9D metric set, ${count.toLocaleString('en-US')} matrices: best of ${runs} ` +
      `${best.toFixed(0)} ms = ${(perSecond / 1e6).toFixed(2)} M matrices/s single-threaded ` +
      `(CPU time ${bestCpu.toFixed(0)} ms = ${(count / bestCpu / 1e3).toFixed(2)} M/s); ` +
      `${(100 * (1 - jacobi / count)).toFixed(2)}% by the closed forms, the rest by Jacobi`,
  );
  const numpy = numpySvd(input, count, runs);
  if (typeof numpy === 'string') {
    print(`core: NumPy comparison skipped: ${numpy}`);
    return;
  }
  const numpyPerSecond = count / numpy.seconds;
  const numpyCpuPerSecond = count / numpy.cpuSeconds;
  print(
    `core: NumPy ${numpy.numpy} np.linalg.svd(M, compute_uv=False), same matrices: best of ${runs} ` +
      `${(numpy.seconds * 1000).toFixed(0)} ms = ${(numpyPerSecond / 1e6).toFixed(2)} M matrices/s ` +
      `(CPU time ${(numpy.cpuSeconds * 1000).toFixed(0)} ms = ${(numpyCpuPerSecond / 1e6).toFixed(2)} M/s)`,
  );
  // Wall-clock figures swing with whatever else the machine runs; the CPU-time ratio is steadier.
  print(
    `core: so3-lens (all metrics) / NumPy (singular values only): ${(perSecond / numpyPerSecond).toFixed(1)}x wall, ` +
      `${(count / bestCpu / 1e3 / (numpyCpuPerSecond / 1e6)).toFixed(1)}x CPU time`,
  );
}

if (process.argv[1]?.endsWith('core.ts')) void coreSection(Number(process.argv[2] ?? 1_000_000));
