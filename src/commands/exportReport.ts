// Export Report: the run's Markdown report, its per-step CSV and the `analyze` JSON object, written
// into a folder the user picks (or the one passed by automation).
import * as vscode from 'vscode';
import { csvHeader, resultToCsvRows, resultToJson, toJsonText } from '../report/analyzeOutput';
import { markdownReport } from '../report/markdownReport';
import type { Run, RunStore } from '../runs/runStore';
import { pickRun } from './pickRun';

export interface ExportResult {
  files: vscode.Uri[];
}

export function exportReportCommand(store: RunStore) {
  return async (uri?: vscode.Uri, folder?: vscode.Uri): Promise<ExportResult | undefined> => {
    const run: Run | undefined = uri
      ? store.get(uri)
      : await pickRun(store, 'Export the report of which run?');
    if (!run) {
      if (uri) void vscode.window.showErrorMessage(`SO3 Lens: ${uri.fsPath} has not been analyzed yet.`);
      return undefined;
    }
    const target =
      folder ??
      (
        await vscode.window.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          canSelectMany: false,
          openLabel: 'Export report here',
          title: 'SO3 Lens: Export Report',
          defaultUri: vscode.Uri.joinPath(run.uri, '..'),
        })
      )?.[0];
    if (!target) return undefined;
    const base = run.uri.path.slice(run.uri.path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
    const encoder = new TextEncoder();
    const outputs: Array<[string, string]> = [
      [`${base}.so3lens.md`, markdownReport(run.result)],
      [`${base}.steps.csv`, csvHeader() + resultToCsvRows(run.result)],
      [`${base}.analysis.json`, toJsonText(resultToJson(run.result)) + '\n'],
    ];
    const files: vscode.Uri[] = [];
    await vscode.workspace.fs.createDirectory(target);
    for (const [name, text] of outputs) {
      const file = vscode.Uri.joinPath(target, name);
      await vscode.workspace.fs.writeFile(file, encoder.encode(text));
      files.push(file);
    }
    const open = 'Open Report';
    void vscode.window
      .showInformationMessage(
        `SO3 Lens: wrote ${files.map((f) => f.path.slice(f.path.lastIndexOf('/') + 1)).join(', ')}`,
        open,
      )
      .then((choice) => choice === open && vscode.commands.executeCommand('markdown.showPreview', files[0]));
    return { files };
  };
}
