// The dashboard as the extension's commands see it: show runs, append to a watched run, replace a
// re-analyzed run, send step detail; events for what the webview asks of the editor and the
// engine. One panel per window; it is restored after a window reload by the serializer.

import * as vscode from 'vscode';
import type { AnalysisResult } from '../shared/analysis';
import type { RunAppend, RunSeries, SavedRunRef, StepDetail } from '../shared/protocol';
import {
  DashboardController,
  type RevealRequest,
  type StabilizerRequest,
  type StepDetailRequest,
} from './controller';
import { createDashboardPanel, DASHBOARD_VIEW_TYPE, preparePanel } from './panel';
import { isRunSeries, toRunAppend, toRunSeries, type RunIdentity } from './series';
import { savedRuns } from './session';

/** What `show` and `replaceRun` accept: a converted run, an engine result, or a result with its identity. */
export type DashboardRunInput = RunSeries | AnalysisResult | ({ result: AnalysisResult } & RunIdentity);

export interface DashboardOptions {
  /** After a window reload: analyze the saved runs' files again (the extension wires the engine). */
  restore?(runs: SavedRunRef[]): Promise<DashboardRunInput[]>;
  /** The output channel's `appendLine`, for webview errors and failed exports. */
  log?(message: string): void;
}

export interface ShowOptions {
  column?: vscode.ViewColumn;
  preserveFocus?: boolean;
}

export function toSeries(input: DashboardRunInput): RunSeries {
  if ('result' in input)
    return toRunSeries(input.result, {
      id: input.id ?? vscode.Uri.file(input.result.file).toString(),
      ...input,
    });
  if (isRunSeries(input)) return input;
  return toRunSeries(input, { id: vscode.Uri.file(input.file).toString() });
}

export class DashboardManager implements vscode.Disposable {
  private controller: DashboardController | undefined;
  private readonly revealEmitter = new vscode.EventEmitter<RevealRequest>();
  private readonly stepDetailEmitter = new vscode.EventEmitter<StepDetailRequest>();
  private readonly stabilizerEmitter = new vscode.EventEmitter<StabilizerRequest>();
  private readonly disposables: vscode.Disposable[] = [
    this.revealEmitter,
    this.stepDetailEmitter,
    this.stabilizerEmitter,
  ];

  /** A point or a table row was clicked in a run with lines: show that line in the log editor. */
  readonly onDidRequestReveal = this.revealEmitter.event;
  /** A step of a .npy/.npz run was clicked: answer with `sendStepDetail`. */
  readonly onDidRequestStepDetail = this.stepDetailEmitter.event;
  /** The stabilizer controls changed: re-analyze and `replaceRun`. */
  readonly onDidRequestStabilizer = this.stabilizerEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly options: DashboardOptions = {},
  ) {}

  get isOpen(): boolean {
    return this.controller !== undefined;
  }

  /** The runs on display (the host's copy, appends included). */
  get runs(): readonly RunSeries[] {
    return this.controller?.session.current ?? [];
  }

  /** Opens (or reveals) the dashboard showing exactly these runs. */
  show(runs: readonly DashboardRunInput[], options: ShowOptions = {}): RunSeries[] {
    const series = runs.map(toSeries);
    const column = options.column ?? vscode.ViewColumn.Beside;
    if (!this.controller)
      this.attach(createDashboardPanel(this.extensionUri, column, options.preserveFocus ?? false));
    else this.controller.panel.reveal(column, options.preserveFocus ?? false);
    this.controller?.session.show(series);
    return series;
  }

  /** New steps of a watched run: a RunAppend, or the engine's continued result (the diff is taken here). */
  append(runId: string, data: RunAppend | AnalysisResult): boolean {
    const session = this.controller?.session;
    const current = session?.run(runId);
    if (!session || !current) return false;
    const append = 'steps' in data ? toRunAppend(data, Math.max(0, current.step.length - 1)) : data;
    return session.append(runId, append);
  }

  /** A run analyzed again (new settings, replaced file); added when not shown yet. */
  replaceRun(run: DashboardRunInput): void {
    this.controller?.session.replaceRun(toSeries(run));
  }

  sendStepDetail(detail: StepDetail): void {
    this.controller?.session.stepDetail(detail);
  }

  /** The serializer's entry: a panel VS Code kept across a reload, with the webview's saved state. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.controller) {
      // Only one dashboard per window: a second restored panel is closed.
      panel.dispose();
      return;
    }
    preparePanel(panel, this.extensionUri);
    const controller = this.attach(panel);
    const saved = savedRuns(state);
    if (saved.length === 0 || !this.options.restore) return;
    try {
      const runs = await this.options.restore(saved);
      // The panel may have been closed while the files were being analyzed.
      if (this.current() === controller) controller.session.show(runs.map(toSeries));
    } catch (error) {
      this.log(
        `dashboard: could not restore the runs: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Disposed together with the manager (the serializer registration). */
  adopt(disposable: vscode.Disposable): void {
    this.disposables.push(disposable);
  }

  private attach(panel: vscode.WebviewPanel): DashboardController {
    const controller = new DashboardController(panel, {
      reveal: (request) => this.revealEmitter.fire(request),
      stepDetail: (request) => this.stepDetailEmitter.fire(request),
      stabilizer: (request) => this.stabilizerEmitter.fire(request),
      log: (message) => this.log(message),
    });
    this.controller = controller;
    panel.onDidDispose(() => {
      controller.dispose();
      if (this.controller === controller) this.controller = undefined;
    });
    return controller;
  }

  private current(): DashboardController | undefined {
    return this.controller;
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  dispose(): void {
    this.controller?.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export { DASHBOARD_VIEW_TYPE, savedRuns };
