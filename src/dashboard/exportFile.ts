// Saving what the webview exports (a chart PNG, the per-step CSV) through the host's save dialog.

import * as vscode from 'vscode';
import { safeFileName } from './fileName';

const PNG_PREFIX = 'data:image/png;base64,';

function defaultFolder(near: string | undefined): vscode.Uri | undefined {
  if (near && !near.includes('://')) return vscode.Uri.file(near.replace(/[\\/][^\\/]*$/, ''));
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function save(
  name: string,
  bytes: Uint8Array,
  filters: Record<string, string[]>,
  near: string | undefined,
): Promise<string | undefined> {
  const folder = defaultFolder(near);
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters,
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  return target.fsPath;
}

export async function savePng(
  name: string,
  dataUrl: string,
  near: string | undefined,
): Promise<string | undefined> {
  if (!dataUrl.startsWith(PNG_PREFIX)) throw new Error('the chart export is not a PNG data URL');
  const bytes = Buffer.from(dataUrl.slice(PNG_PREFIX.length), 'base64');
  return save(safeFileName(name, 'chart.png'), bytes, { 'PNG image': ['png'] }, near);
}

export async function saveCsv(
  name: string,
  csv: string,
  near: string | undefined,
): Promise<string | undefined> {
  return save(safeFileName(name, 'steps.csv'), Buffer.from(csv, 'utf8'), { 'CSV table': ['csv'] }, near);
}
