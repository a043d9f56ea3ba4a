// Analyze Log File: the explorer selection, the active editor's log, or a picked file. Sets
// diagnostics and CodeLens (through the run store) and opens the dashboard.
import type { AnalysisService } from '../runs/analysisService';
import type { AnalysisResult } from '../shared/analysis';
import type { ShowDashboard } from './dashboardApi';
import { activeLogUri, pickLogFiles, urisFromArgs } from './targetUri';

export function analyzeLogFileCommand(analysis: AnalysisService, showDashboard: ShowDashboard) {
  return async (
    first?: unknown,
    second?: unknown,
  ): Promise<AnalysisResult | AnalysisResult[] | undefined> => {
    let uris = urisFromArgs(first, second);
    if (uris.length === 0) {
      const active = activeLogUri();
      uris = active ? [active] : await pickLogFiles(false, 'SO3 Lens: Analyze Log File');
    }
    if (uris.length === 0) return undefined;
    const results: AnalysisResult[] = [];
    const analyzed: typeof uris = [];
    for (const uri of uris) {
      const result = await analysis.analyze(uri, { interactive: true, recent: uris });
      if (result) {
        results.push(result);
        analyzed.push(uri);
      }
    }
    if (results.length === 0) return undefined;
    await showDashboard(analyzed);
    return uris.length === 1 ? results[0] : results;
  };
}
