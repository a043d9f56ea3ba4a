// The dashboard's WebviewPanel: options (scripts on, only dist/ and media/ readable, context not
// retained when hidden: the controller replays), and the page with a fresh nonce and asWebviewUri
// for every asset. The page itself is built by html.ts, which the webview tests serve too.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { DASHBOARD_VIEW_TYPE } from '../constants';
import { dashboardHtml } from './html';

export { DASHBOARD_VIEW_TYPE };

export const DASHBOARD_TITLE = 'SO3 Lens Dashboard';

/** What the page may do and read: scripts on, only dist/ (the bundle) and media/ (css, icon). */
export function dashboardWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** The panel's own options: the webview is not kept when hidden, the controller replays instead. */
export const DASHBOARD_PANEL_OPTIONS: vscode.WebviewPanelOptions = {
  retainContextWhenHidden: false,
  enableFindWidget: true,
};

export function createDashboardPanel(
  extensionUri: vscode.Uri,
  column: vscode.ViewColumn,
  preserveFocus: boolean,
): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    DASHBOARD_VIEW_TYPE,
    DASHBOARD_TITLE,
    { viewColumn: column, preserveFocus },
    { ...dashboardWebviewOptions(extensionUri), ...DASHBOARD_PANEL_OPTIONS },
  );
  preparePanel(panel, extensionUri);
  return panel;
}

/** Sets options, icon and HTML: for a new panel and for one the serializer restores. */
export function preparePanel(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  const webview = panel.webview;
  webview.options = dashboardWebviewOptions(extensionUri);
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  webview.html = dashboardHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dashboard.css')).toString(),
  });
}
