// Compare Runs: several logs (explorer multi-select or a picker) overlaid in one dashboard.
import * as vscode from 'vscode';
import type { AnalysisService } from '../runs/analysisService';
import type { AnalysisResult } from '../shared/analysis';
import type { ShowDashboard } from './dashboardApi';
import { pickLogFiles, urisFromArgs } from './targetUri';

export function compareRunsCommand(analysis: AnalysisService, showDashboard: ShowDashboard) {
  return async (first?: unknown, second?: unknown): Promise<AnalysisResult[] | undefined> => {
    let uris = urisFromArgs(first, second);
    if (uris.length < 2) {
      const picked = await pickLogFiles(true, 'SO3 Lens: Compare Runs (pick two or more logs)');
      uris = [...new Map([...uris, ...picked].map((u) => [u.toString(), u])).values()];
    }
    if (uris.length === 0) return undefined;
    if (uris.length === 1)
      void vscode.window.showInformationMessage('SO3 Lens: only one log picked; showing it alone.');
    const results: AnalysisResult[] = [];
    const analyzed: vscode.Uri[] = [];
    for (const uri of uris) {
      const result = await analysis.analyze(uri, { interactive: true, recent: uris });
      if (result) {
        results.push(result);
        analyzed.push(uri);
      }
    }
    if (analyzed.length === 0) return undefined;
    await showDashboard(analyzed);
    return results;
  };
}
