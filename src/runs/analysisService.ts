// Runs the engine for the extension: always in worker threads (the engine's `inWorker`), with
// progress in the status bar and a cancellable notification, and the result stored in the RunStore.
// The workers are kept between analyses (a live log is re-read on every append) and warmed up when
// the first analysis starts, so later ones skip the workers' start-up and compilation.
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { analyzeFile } from '../analysis/engine';
import { stepRecordsQuery, type StepRecord } from '../analysis/stepRecords';
import { AnalysisWorkerPool } from '../analysis/workerPool';
import { AnalysisAbortedError, AnalysisError } from '../analysis/errors';
import { readConfig } from '../config';
import type { AnalysisResult } from '../shared/analysis';
import { engineOptionsFrom, type StabilizerOverride } from './engineOptions';
import type { RunStore } from './runStore';

export interface AnalyzeRequest {
  /** Continue from this earlier result (a live log that grew). */
  previous?: AnalysisResult;
  /** The log may still be written: hold back an incomplete last line. */
  live?: boolean;
  /** Show a notification with a Cancel button (interactive runs); live updates stay quiet. */
  interactive?: boolean;
  stabilizer?: StabilizerOverride;
  /** The set of runs `Open Dashboard` shows next (a comparison); default: this one first. */
  recent?: vscode.Uri[];
}

export interface Progress {
  uri: vscode.Uri;
  /** 0..1, or undefined when the run finished. */
  fraction: number | undefined;
}

/**
 * Worker threads an analysis uses, all kept between analyses: one per core, at most four, since
 * each holds its own heap and compiled engine (tens of MB) for as long as it is kept.
 */
const LANES = Math.min(availableParallelism(), 4);

export class AnalysisService implements vscode.Disposable {
  private readonly progress = new vscode.EventEmitter<Progress>();
  readonly onProgress = this.progress.event;
  private readonly running = new Map<string, AbortController>();
  /** Idle workers end after five minutes: their memory (tens of MB each) is not held forever. */
  private readonly workers = new AnalysisWorkerPool({ max: LANES, idleMs: 5 * 60_000, warm: true });
  private prestarted = false;

  constructor(
    private readonly store: RunStore,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /**
   * Analyzes `uri` and stores the result. Resolves to undefined when the file cannot be read at all
   * (the user has been told why) or the run was cancelled.
   */
  async analyze(uri: vscode.Uri, request: AnalyzeRequest = {}): Promise<AnalysisResult | undefined> {
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(
        `SO3 Lens reads logs from disk; ${uri.toString(true)} is not a file on disk. Save it to a file first.`,
      );
      return undefined;
    }
    const key = uri.toString();
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const options = engineOptionsFrom(readConfig(uri), request.stabilizer);
    options.workers = LANES;
    if (request.live) options.live = true;
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const started = Date.now();
    const run = (report?: (fraction: number) => void) =>
      analyzeFile(uri.fsPath, options, {
        signal: controller.signal,
        workers: this.workers,
        ...(request.previous ? { previous: request.previous } : {}),
        onProgress: (done, total) => {
          const fraction = total > 0 ? done / total : 1;
          this.progress.fire({ uri, fraction });
          report?.(fraction);
        },
      });
    try {
      this.progress.fire({ uri, fraction: 0 });
      const result = request.interactive
        ? await vscode.window.withProgress(
            {
              location: vscode.ProgressLocation.Notification,
              title: `SO3 Lens: analyzing ${name}`,
              cancellable: true,
            },
            (progress, token) => {
              token.onCancellationRequested(() => controller.abort());
              let reported = 0;
              return run((fraction) => {
                const percent = Math.floor(fraction * 100);
                if (percent > reported)
                  progress.report({ increment: percent - reported, message: `${percent}%` });
                reported = Math.max(reported, percent);
              });
            },
          )
        : await run();
      this.output.info(
        `${uri.fsPath}: ${result.format}, ${result.steps.length} steps, ${result.matrices} matrices, ` +
          `${result.invalid} invalid, ${result.issuesTotal} issues (${Date.now() - started} ms${request.previous ? ', resumed' : ''})`,
      );
      this.store.set(uri, result, request.recent ? { recent: request.recent } : {});
      return result;
    } catch (error) {
      if (error instanceof AnalysisAbortedError || controller.signal.aborted) {
        this.output.info(`${uri.fsPath}: analysis cancelled`);
        return undefined;
      }
      const message = error instanceof AnalysisError ? error.message : `${uri.fsPath}: ${String(error)}`;
      this.output.error(message);
      if (!request.live) void vscode.window.showErrorMessage(`SO3 Lens: ${message}`);
      return undefined;
    } finally {
      if (this.running.get(key) === controller) this.running.delete(key);
      this.progress.fire({ uri, fraction: undefined });
      this.prestartOnce();
    }
  }

  /**
   * The per-matrix records of one step of an analyzed .npy/.npz run (the dashboard's step detail),
   * read by a worker: a .npz is read whole, which must not block the extension host.
   */
  async stepRecords(uri: vscode.Uri, result: AnalysisResult, step: number): Promise<StepRecord[]> {
    const query = stepRecordsQuery(result, step);
    return query ? this.workers.stepRecords(uri.fsPath, query) : [];
  }

  /**
   * Once the first analysis is over (not during it: the warm-up would compete for the cores), the
   * pool's workers start and warm up in the background, so that the next analysis finds every lane
   * ready and compiled.
   */
  private prestartOnce(): void {
    if (this.prestarted) return;
    this.prestarted = true;
    setTimeout(() => this.workers.prestart(), 0);
  }

  dispose(): void {
    for (const controller of this.running.values()) controller.abort();
    this.workers.dispose();
    this.progress.dispose();
  }
}
