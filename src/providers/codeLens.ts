// A summary lens at the top of every analyzed log (and, by setting, one per flagged step) that
// opens the dashboard.
import * as vscode from 'vscode';
import { onConfigChange, readConfig } from '../config';
import { CommandId } from '../constants';
import type { RunStore } from '../runs/runStore';
import { flaggedStepLenses, summaryLensTitle } from './codeLensText';

class LogCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly store: RunStore) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const run = this.store.get(document.uri);
    const config = readConfig(document.uri);
    if (!run || !config['codeLens.enabled']) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, {
        title: `${summaryLensTitle(run.result)} — Open dashboard`,
        command: CommandId.openDashboard,
        arguments: [document.uri],
      }),
    ];
    if (config['codeLens.flaggedSteps']) {
      for (const lens of flaggedStepLenses(run.result)) {
        if (lens.line > document.lineCount) continue;
        lenses.push(
          new vscode.CodeLens(new vscode.Range(lens.line - 1, 0, lens.line - 1, 0), {
            title: lens.title,
            command: CommandId.openDashboard,
            arguments: [document.uri],
          }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerCodeLens(store: RunStore): vscode.Disposable {
  const provider = new LogCodeLensProvider(store);
  return vscode.Disposable.from(
    provider,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, provider),
    store.onDidChange(() => provider.refresh()),
    onConfigChange(() => provider.refresh()),
  );
}
