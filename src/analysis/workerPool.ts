// A persistent set of analysis workers. A worker that starts afresh pays about 0.3 s of CPU before it
// runs at full speed: its own boot, then V8 interpreting the parser, the core and the statistics
// until it has compiled them. Kept between analyses, a worker pays that once: the extension keeps one
// pool for its lifetime (a live log is re-read on every append), the CLI one for all of its files.
//
// Idle workers are unref'd, so they never keep a process alive, and they are terminated after
// `idleMs` without work. With `warm`, a prestarted worker first runs the engine over synthetic logs
// of the big-file formats (warmUp.ts, about half a second of CPU), so that even the first real
// analysis finds most of the engine compiled.

import type { Worker } from 'node:worker_threads';
import { createAnalysisWorker, listen, type WorkerSource } from './pool';
import { AnalysisAbortedError, errorFromWorker } from './errors';
import type { StepRecord, StepRecordsQuery } from './stepRecords';
import type { WorkerReply, WorkerRequest } from './worker';

export interface WorkerPoolOptions {
  /** The most idle workers kept. */
  max: number;
  /** Idle workers are terminated after this long without work (ms). */
  idleMs: number;
  /** Workers started ahead (prestart) warm up on synthetic input before their first task. */
  warm: boolean;
}

export class AnalysisWorkerPool implements WorkerSource {
  private idle: Worker[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Idle workers now, so that the next analysis finds them booted (and warm, with `warm`). */
  prestart(count = this.options.max): void {
    while (!this.disposed && this.idle.length < Math.min(count, this.options.max)) {
      this.keepIdle(this.spawn(this.options.warm));
    }
  }

  take(count: number): Worker[] {
    const taken = this.idle.splice(0, Math.max(0, count));
    // Needed now: no warm-up, which would only delay the task it is for.
    while (taken.length < count) taken.push(this.spawn(false));
    for (const worker of taken) worker.ref();
    if (this.idle.length === 0) this.clearTimer();
    return taken;
  }

  give(worker: Worker): void {
    if (this.disposed || this.idle.length >= this.options.max) void worker.terminate();
    else this.keepIdle(worker);
  }

  ready(): number {
    return this.idle.length;
  }

  /**
   * One step's per-matrix records, read by a worker (a .npz or Fortran-order .npy is read whole, so
   * never on the caller's thread). Rejects with the worker's error; the worker is then replaced.
   */
  stepRecords(path: string, query: StepRecordsQuery): Promise<StepRecord[]> {
    const [worker] = this.take(1) as [Worker];
    return new Promise<StepRecord[]>((resolve, reject) => {
      const done = (clean: boolean): void => {
        detach();
        if (clean) this.give(worker);
        else void worker.terminate();
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.type === 'records') {
          done(true);
          resolve(reply.records);
        } else if (reply.type === 'error') {
          done(false);
          reject(errorFromWorker(reply));
        }
      };
      const onError = (error: Error): void => {
        done(false);
        reject(error);
      };
      const onExit = (): void => {
        done(false);
        reject(new AnalysisAbortedError(path));
      };
      const detach = listen(worker, { message: onMessage, error: onError, exit: onExit });
      worker.postMessage({ stepRecords: query, path } satisfies WorkerRequest);
    });
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    for (const worker of this.idle) void worker.terminate();
    this.idle = [];
  }

  private spawn(warm: boolean): Worker {
    const worker = createAnalysisWorker();
    // An idle worker that dies (out of memory, killed) is dropped; one in use is the lane's business.
    worker.on('exit', () => {
      this.idle = this.idle.filter((w) => w !== worker);
    });
    if (warm) worker.postMessage({ warm: true } satisfies WorkerRequest);
    return worker;
  }

  private keepIdle(worker: Worker): void {
    worker.unref();
    this.idle.push(worker);
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const w of this.idle) void w.terminate();
      this.idle = [];
    }, this.options.idleMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
