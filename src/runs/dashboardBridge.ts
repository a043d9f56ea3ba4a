// Connects the dashboard to the rest of the extension: which runs it shows, what a click reveals
// in the log, step detail for binary logs, re-analysis for new stabilizer settings, live appends.
import * as vscode from 'vscode';
import { onConfigChange } from '../config';
import type { DashboardManager, DashboardRunInput, RevealRequest } from '../dashboard';
import type { LogWatcher } from '../live/logWatcher';
import { openDocument, rangeOf } from '../providers/logRanges';
import type { StabilizerOverride } from './engineOptions';
import type { AnalysisService } from './analysisService';
import type { Run, RunStore } from './runStore';

export function dashboardInput(run: Run): DashboardRunInput {
  return { result: run.result, id: run.uri.toString(), live: run.watching };
}

export class DashboardBridge implements vscode.Disposable {
  private stabilizer: StabilizerOverride | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly dashboard: DashboardManager,
    private readonly store: RunStore,
    private readonly analysis: AnalysisService,
    watcher: LogWatcher,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      dashboard.onDidRequestReveal((request) => void this.reveal(request)),
      dashboard.onDidRequestStepDetail(({ runId, step }) => void this.sendStepDetail(runId, step)),
      dashboard.onDidRequestStabilizer((request) => {
        this.stabilizer = request;
        void this.reanalyze(this.dashboard.runs.map((run) => vscode.Uri.parse(run.id)));
      }),
      watcher.onDidUpdate(({ uri, result, appendFrom }) => {
        const id = uri.toString();
        if (!this.dashboard.runs.some((run) => run.id === id)) return;
        if (appendFrom === undefined) this.dashboard.replaceRun({ result, id, live: true });
        else this.dashboard.append(id, result);
      }),
      store.onDidChange((change) => {
        // Watching switched on or off: the header's live badge follows.
        if ('removed' in change) return;
        const shown = this.dashboard.runs.find((run) => run.id === change.uri.toString());
        if (shown && shown.live !== change.watching) this.dashboard.replaceRun(dashboardInput(change));
      }),
      // An analyzed log edited and saved in VS Code is read again (a watched one is followed anyway).
      vscode.workspace.onDidSaveTextDocument((document) => {
        const run = this.store.get(document.uri);
        if (run && !run.watching) void this.reanalyze([document.uri]);
      }),
      // New thresholds change flags, diagnostics and charts alike: every stored run is read again.
      onConfigChange(() => {
        this.stabilizer = undefined;
        void this.reanalyze(this.store.all().map((run) => run.uri));
      }),
    ];
  }

  /** Opens the dashboard on these analyzed logs. */
  async show(uris: vscode.Uri[]): Promise<void> {
    const runs = uris.map((uri) => this.store.get(uri)).filter((run): run is Run => run !== undefined);
    if (runs.length > 0) this.dashboard.show(runs.map(dashboardInput));
  }

  /** After a window reload: the saved runs' files, analyzed again. */
  async restore(files: Array<{ id: string }>): Promise<DashboardRunInput[]> {
    const inputs: DashboardRunInput[] = [];
    for (const { id } of files) {
      const uri = vscode.Uri.parse(id);
      const result = this.store.get(uri)?.result ?? (await this.analysis.analyze(uri));
      const run = result && this.store.get(uri);
      if (run) inputs.push(dashboardInput(run));
    }
    return inputs;
  }

  private async reveal(request: RevealRequest): Promise<void> {
    const uri = vscode.Uri.parse(request.runId);
    if (request.line <= 0) {
      await this.sendStepDetail(request.runId, request.step);
      return;
    }
    try {
      const editor = await vscode.window.showTextDocument(uri, {
        viewColumn: vscode.ViewColumn.One,
        preserveFocus: false,
        preview: true,
      });
      const flag = this.store
        .get(uri)
        ?.result.flags.find((f) => f.step === request.step && f.line === request.line);
      const range = rangeOf(flag ?? { line: request.line }, openDocument(uri) ?? editor.document);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    } catch (error) {
      // VS Code does not open files over 50 MB in an editor; the line number is still worth saying.
      void vscode.window.showWarningMessage(
        `SO3 Lens: could not open ${uri.fsPath} at line ${request.line} (step ${request.step}): ${String(error)}`,
      );
    }
  }

  private async sendStepDetail(runId: string, step: number): Promise<void> {
    const uri = vscode.Uri.parse(runId);
    const run = this.store.get(uri);
    if (!run) return;
    try {
      const records = await this.analysis.stepRecords(uri, run.result, step);
      this.dashboard.sendStepDetail({ runId, step, records });
    } catch (error) {
      this.output.error(`${uri.fsPath}: step ${step} detail failed: ${String(error)}`);
    }
  }

  private async reanalyze(uris: vscode.Uri[]): Promise<void> {
    for (const uri of uris) {
      const result = await this.analysis.analyze(uri, this.stabilizer ? { stabilizer: this.stabilizer } : {});
      const run = result && this.store.get(uri);
      if (run && this.dashboard.runs.some((shown) => shown.id === uri.toString())) {
        this.dashboard.replaceRun(dashboardInput(run));
      }
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
