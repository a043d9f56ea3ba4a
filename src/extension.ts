// The extension's table of contents: it creates the shared objects and lists the registrations.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { OUTPUT_CHANNEL_NAME } from './constants';
import { registerDashboard } from './dashboard';
import { LogWatcher } from './live/logWatcher';
import { registerCodeLens } from './providers/codeLens';
import { registerDiagnostics } from './providers/diagnostics';
import { registerHover } from './providers/hover';
import { registerNpyEditor } from './providers/npyEditor';
import { registerStatusBar } from './providers/statusBar';
import { AnalysisService } from './runs/analysisService';
import { DashboardBridge } from './runs/dashboardBridge';
import { RunStore } from './runs/runStore';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const store = new RunStore();
  const analysis = new AnalysisService(store, output);
  const watcher = new LogWatcher(store, analysis);
  const dashboard = registerDashboard(context, {
    // Called after activation, when VS Code restores a dashboard from before a window reload.
    restore: (runs) => bridge.restore(runs),
    log: (message) => output.warn(message),
  });
  const bridge = new DashboardBridge(dashboard, store, analysis, watcher, output);
  const showDashboard = (uris: vscode.Uri[]) => bridge.show(uris);

  context.subscriptions.push(
    output,
    store,
    analysis,
    watcher,
    dashboard,
    bridge,
    registerCommands({ store, analysis, watcher, showDashboard }),
    registerDiagnostics(store),
    registerCodeLens(store),
    registerHover(),
    registerStatusBar(store, analysis),
    registerNpyEditor(context.extensionUri, store, analysis, output),
  );
}

export function deactivate(): void {}
