// Watch Log (toggle): live mode for a log a training run is still writing.
import * as vscode from 'vscode';
import type { LogWatcher } from '../live/logWatcher';
import type { AnalysisService } from '../runs/analysisService';
import type { RunStore } from '../runs/runStore';
import { activeLogUri, urisFromArgs } from './targetUri';

export function toggleWatchCommand(store: RunStore, analysis: AnalysisService, watcher: LogWatcher) {
  return async (
    first?: unknown,
    second?: unknown,
  ): Promise<{ uri: string; watching: boolean } | undefined> => {
    const uri = urisFromArgs(first, second)[0] ?? activeLogUri();
    if (!uri) {
      void vscode.window.showInformationMessage('SO3 Lens: open a log to watch first.');
      return undefined;
    }
    if (watcher.isWatching(uri)) {
      watcher.stop(uri);
      void vscode.window.setStatusBarMessage(
        `SO3 Lens: stopped watching ${vscode.workspace.asRelativePath(uri)}`,
        3000,
      );
      return { uri: uri.toString(), watching: false };
    }
    if (!store.get(uri) && !(await analysis.analyze(uri, { interactive: true, live: true })))
      return undefined;
    watcher.start(uri);
    void vscode.window.setStatusBarMessage(
      `SO3 Lens: watching ${vscode.workspace.asRelativePath(uri)}`,
      3000,
    );
    return { uri: uri.toString(), watching: true };
  };
}
