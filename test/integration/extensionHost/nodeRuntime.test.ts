import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// The analysis engine streams files with fs and computes in worker threads; both must work in the
// extension host code-server runs, not only in plain Node.
describe('the Node runtime of the extension host', () => {
  it('reads and writes files with node:fs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'so3lens-host-'));
    try {
      const path = join(dir, 'probe.bin');
      const bytes = Buffer.from(new Float64Array([1, -0.5, 1e-12]).buffer);
      await writeFile(path, bytes);
      assert.deepEqual(await readFile(path), bytes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs a worker thread and receives its transferable result', async () => {
    const source = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (n) => {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = i * i;
        parentPort.postMessage(out, [out.buffer]);
      });`;
    const worker = new Worker(source, { eval: true });
    try {
      const squares = await new Promise<Float64Array>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(4);
      });
      assert.deepEqual(Array.from(squares), [0, 1, 4, 9]);
    } finally {
      await worker.terminate();
    }
  });
});
