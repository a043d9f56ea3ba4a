// Go to Next / Previous Flagged Step: moves the cursor in the active log between the lines of its
// flagged matrices (the listed flags, plus the first line of every flagged step beyond the list).
import * as vscode from 'vscode';
import type { RunStore } from '../runs/runStore';
import { rangeOf } from '../providers/logRanges';
import { flaggedTargets } from '../runs/flaggedTargets';

export function flaggedStepCommand(store: RunStore, direction: 1 | -1) {
  return async (uri?: vscode.Uri): Promise<{ step: number; line: number } | undefined> => {
    let editor = vscode.window.activeTextEditor;
    if (uri && editor?.document.uri.toString() !== uri.toString()) {
      editor = await vscode.window.showTextDocument(uri, { preview: false });
    }
    if (!editor) return undefined;
    const run = store.get(editor.document.uri);
    if (!run) {
      void vscode.window.showInformationMessage(
        'SO3 Lens: analyze this log first (SO3 Lens: Analyze Log File).',
      );
      return undefined;
    }
    const targets = flaggedTargets(run.result);
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(
        'SO3 Lens: this log has no flagged steps with a line to go to.',
      );
      return undefined;
    }
    const current = editor.selection.active.line + 1;
    const target =
      direction === 1
        ? (targets.find((t) => t.line > current) ?? targets[0])
        : ([...targets].reverse().find((t) => t.line < current) ?? targets[targets.length - 1]);
    if (!target) return undefined;
    const range = rangeOf(target, editor.document);
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { step: target.step, line: target.line };
  };
}

/** Keeps `so3Lens.activeLogHasFlags` (the keybindings' condition) in step with the active editor. */
export function registerFlaggedContext(store: RunStore): vscode.Disposable {
  const update = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const run = uri && store.get(uri);
    void vscode.commands.executeCommand(
      'setContext',
      'so3Lens.activeLogHasFlags',
      !!run && flaggedTargets(run.result).length > 0,
    );
  };
  return vscode.Disposable.from(vscode.window.onDidChangeActiveTextEditor(update), store.onDidChange(update));
}
