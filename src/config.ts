// Reads the typed settings of src/settings.ts from VS Code. Everything else gets a So3LensConfig.
import * as vscode from 'vscode';
import { CONFIG_SECTION } from './constants';
import { coerceSetting, SETTINGS, type SettingKey, type So3LensConfig } from './settings';

export function readConfig(scope?: vscode.ConfigurationScope): So3LensConfig {
  const section = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const config: Partial<Record<SettingKey, unknown>> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) config[key] = coerceSetting(key, section.get(key));
  return config as So3LensConfig;
}

/** Fires `listener` when any so3Lens setting changes. */
export function onConfigChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(CONFIG_SECTION)) listener();
  });
}
