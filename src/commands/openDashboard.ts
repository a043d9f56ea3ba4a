// Open Dashboard: for the given log (analyzing it first if needed), or for the last analyzed run(s).
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { AnalysisService } from '../runs/analysisService';
import type { RunStore } from '../runs/runStore';
import type { ShowDashboard } from './dashboardApi';
import { urisFromArgs } from './targetUri';

export function openDashboardCommand(
  store: RunStore,
  analysis: AnalysisService,
  showDashboard: ShowDashboard,
) {
  return async (first?: unknown, second?: unknown): Promise<string[] | undefined> => {
    let uris = urisFromArgs(first, second);
    for (const uri of uris) {
      if (!store.get(uri) && !(await analysis.analyze(uri, { interactive: true, recent: uris })))
        return undefined;
    }
    if (uris.length === 0) uris = store.lastAnalyzed().map((run) => run.uri);
    if (uris.length === 0) {
      const analyze = 'Analyze Log File';
      const choice = await vscode.window.showInformationMessage(
        'SO3 Lens: no log has been analyzed yet.',
        analyze,
      );
      if (choice === analyze) await vscode.commands.executeCommand(CommandId.analyzeLogFile);
      return undefined;
    }
    await showDashboard(uris);
    return uris.map((uri) => uri.toString());
  };
}
