// The command table: every CommandId bound to its implementation. `Record<CommandId, ...>` makes a
// declared but unimplemented command a compile error; the manifest test checks package.json.
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { LogWatcher } from '../live/logWatcher';
import type { AnalysisService } from '../runs/analysisService';
import type { RunStore } from '../runs/runStore';
import { analyzeLogFileCommand } from './analyzeLogFile';
import { compareRunsCommand } from './compareRuns';
import type { ShowDashboard } from './dashboardApi';
import { exportReportCommand } from './exportReport';
import { flaggedStepCommand, registerFlaggedContext } from './flaggedSteps';
import { InspectDocuments, inspectMatrixCommand } from './inspectMatrix';
import { openDashboardCommand } from './openDashboard';
import { toggleWatchCommand } from './toggleWatch';

export interface CommandContext {
  store: RunStore;
  analysis: AnalysisService;
  watcher: LogWatcher;
  showDashboard: ShowDashboard;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments are whatever VS Code or a caller passes
type Handler = (...args: any[]) => unknown;

export function registerCommands({
  store,
  analysis,
  watcher,
  showDashboard,
}: CommandContext): vscode.Disposable {
  const inspectDocuments = new InspectDocuments();
  const table: Record<CommandId, Handler> = {
    [CommandId.analyzeLogFile]: analyzeLogFileCommand(analysis, showDashboard),
    [CommandId.openDashboard]: openDashboardCommand(store, analysis, showDashboard),
    [CommandId.inspectMatrix]: inspectMatrixCommand(inspectDocuments),
    [CommandId.compareRuns]: compareRunsCommand(analysis, showDashboard),
    [CommandId.exportReport]: exportReportCommand(store),
    [CommandId.nextFlaggedStep]: flaggedStepCommand(store, 1),
    [CommandId.previousFlaggedStep]: flaggedStepCommand(store, -1),
    [CommandId.toggleWatch]: toggleWatchCommand(store, analysis, watcher),
  };
  return vscode.Disposable.from(
    inspectDocuments,
    registerFlaggedContext(store),
    ...Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
}
