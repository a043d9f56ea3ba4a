// Which analyzed run a command is about: the active editor's, the only one, or the user's pick.
import * as vscode from 'vscode';
import type { Run, RunStore } from '../runs/runStore';

export async function pickRun(store: RunStore, title: string): Promise<Run | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeRun = active && store.get(active);
  if (activeRun) return activeRun;
  const runs = store.lastAnalyzed().length > 0 ? store.lastAnalyzed() : store.all();
  if (runs.length <= 1) {
    if (runs.length === 0)
      void vscode.window.showInformationMessage('SO3 Lens: no log has been analyzed yet.');
    return runs[0];
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: vscode.workspace.asRelativePath(run.uri), run })),
    { title },
  );
  return picked?.run;
}
