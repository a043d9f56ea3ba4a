// Opens .npy (by default) and .npz (on request) as a summary page with the dashboard instead of
// VS Code's binary-file notice. The file is analyzed in worker threads like any log.
import * as vscode from 'vscode';
import { NPY_EDITOR_VIEW_TYPE, NPZ_EDITOR_VIEW_TYPE } from '../constants';
import { DashboardController } from '../dashboard/controller';
import { toSeries } from '../dashboard/manager';
import { preparePanel } from '../dashboard/panel';
import type { AnalysisService } from '../runs/analysisService';
import { dashboardInput } from '../runs/dashboardBridge';
import type { RunStore } from '../runs/runStore';

class NpyDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {}
}

class NpyEditorProvider implements vscode.CustomReadonlyEditorProvider<NpyDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: RunStore,
    private readonly analysis: AnalysisService,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): NpyDocument {
    return new NpyDocument(uri);
  }

  async resolveCustomEditor(document: NpyDocument, panel: vscode.WebviewPanel): Promise<void> {
    preparePanel(panel, this.extensionUri);
    const uri = document.uri;
    const controller: DashboardController = new DashboardController(panel, {
      reveal: ({ step }) => void this.detail(controller, uri, step),
      stepDetail: ({ step }) => void this.detail(controller, uri, step),
      stabilizer: (stabilizer) =>
        void this.analysis.analyze(uri, { stabilizer }).then((result) => {
          const run = result && this.store.get(uri);
          if (run) controller.session.replaceRun(toSeries(dashboardInput(run)));
        }),
      log: (message) => this.output.warn(message),
    });
    panel.onDidDispose(() => controller.dispose());
    const result = this.store.get(uri)?.result ?? (await this.analysis.analyze(uri));
    const run = result && this.store.get(uri);
    if (run) controller.session.show([toSeries(dashboardInput(run))]);
    else panel.title = `${panel.title} (unreadable)`;
  }

  private async detail(controller: DashboardController, uri: vscode.Uri, step: number): Promise<void> {
    const run = this.store.get(uri);
    if (!run) return;
    try {
      const records = await this.analysis.stepRecords(uri, run.result, step);
      controller.session.stepDetail({ runId: uri.toString(), step, records });
    } catch (error) {
      this.output.error(`${uri.fsPath}: step ${step} detail failed: ${String(error)}`);
    }
  }
}

export function registerNpyEditor(
  extensionUri: vscode.Uri,
  store: RunStore,
  analysis: AnalysisService,
  output: vscode.LogOutputChannel,
): vscode.Disposable {
  const provider = new NpyEditorProvider(extensionUri, store, analysis, output);
  const options = {
    webviewOptions: { retainContextWhenHidden: false },
    supportsMultipleEditorsPerDocument: true,
  };
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(NPY_EDITOR_VIEW_TYPE, provider, options),
    vscode.window.registerCustomEditorProvider(NPZ_EDITOR_VIEW_TYPE, provider, options),
  );
}
