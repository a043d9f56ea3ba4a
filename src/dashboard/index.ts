// The dashboard's entry for the extension: `registerDashboard(context, options)` returns the
// manager (a Disposable that also unregisters the serializer) for the commands to use.

import * as vscode from 'vscode';
import { DashboardManager, type DashboardOptions } from './manager';
import { DASHBOARD_VIEW_TYPE } from './panel';
import { DashboardSerializer } from './serializer';

export function registerDashboard(
  context: Pick<vscode.ExtensionContext, 'extensionUri'>,
  options: DashboardOptions = {},
): DashboardManager {
  const manager = new DashboardManager(context.extensionUri, options);
  manager.adopt(
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, new DashboardSerializer(manager)),
  );
  return manager;
}

export { DashboardManager, savedRuns, toSeries } from './manager';
export type { DashboardOptions, DashboardRunInput, ShowOptions } from './manager';
export type { RevealRequest, StabilizerRequest, StepDetailRequest } from './controller';
export { DASHBOARD_VIEW_TYPE } from './panel';
export { toRunAppend, toRunSeries, applyAppend } from './series';
