// Restores the dashboard after a window reload. VS Code calls this for a panel of our view type
// that was open (the manifest's `onWebviewPanel:so3Lens.dashboard` activation event wakes us).

import * as vscode from 'vscode';
import type { DashboardManager } from './manager';

export class DashboardSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(private readonly manager: DashboardManager) {}

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Thenable<void> {
    return this.manager.restore(panel, state);
  }
}
