// The log a command acts on: an explicit argument, the active editor (text or custom), or a pick.
import * as vscode from 'vscode';
import { LOG_EXTENSIONS } from '../constants';

const LOG_FILTERS = { 'Training logs': LOG_EXTENSIONS.map((e) => e.slice(1)), 'All files': ['*'] };

export function activeLogUri(): vscode.Uri | undefined {
  const editorUri = vscode.window.activeTextEditor?.document.uri;
  if (editorUri && editorUri.scheme === 'file') return editorUri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) {
    if (input.uri.scheme === 'file') return input.uri;
  }
  return undefined;
}

export async function pickLogFiles(many: boolean, title: string): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: many,
    canSelectFiles: true,
    canSelectFolders: false,
    filters: LOG_FILTERS,
    title,
    openLabel: many ? 'Compare' : 'Analyze',
  });
  return picked ?? [];
}

/** VS Code calls explorer commands with (clicked, selection); automation passes one Uri or a list. */
export function urisFromArgs(first?: unknown, second?: unknown): vscode.Uri[] {
  if (Array.isArray(second) && second.every((u) => u instanceof vscode.Uri) && second.length > 0)
    return second;
  if (Array.isArray(first) && first.every((u) => u instanceof vscode.Uri)) return first;
  if (first instanceof vscode.Uri) return [first];
  return [];
}
