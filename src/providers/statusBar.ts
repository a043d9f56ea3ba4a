// A status bar item: progress while a log is analyzed, the active log's summary after; it opens
// the dashboard.
import * as vscode from 'vscode';
import { kappaStatistic, summarize, windowFigures } from '../analysis/summary';
import { CommandId } from '../constants';
import type { AnalysisService } from '../runs/analysisService';
import type { RunStore } from '../runs/runStore';
import { summaryLensTitle } from './codeLensText';
import { formatNumber } from './hoverMarkdown';

export function registerStatusBar(store: RunStore, analysis: AnalysisService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('so3Lens.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'SO3 Lens';
  const inProgress = new Map<string, { name: string; fraction: number }>();

  const activeUri = (): vscode.Uri | undefined => {
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    if (editorUri && store.get(editorUri)) return editorUri;
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (tab instanceof vscode.TabInputCustom && store.get(tab.uri)) return tab.uri;
    return store.lastAnalyzed()[0]?.uri;
  };

  const render = () => {
    const running = [...inProgress.values()][0];
    if (running) {
      item.text = `$(sync~spin) SO3 Lens: ${running.name} ${Math.round(running.fraction * 100)}%`;
      item.tooltip = 'SO3 Lens is analyzing this log in a worker thread.';
      item.command = undefined;
      item.show();
      return;
    }
    const uri = activeUri();
    const run = uri && store.get(uri);
    if (!run) {
      item.hide();
      return;
    }
    const table = run.result.steps;
    const kappaName = kappaStatistic(run.result);
    const kappa = windowFigures(table, kappaName, 0, table.length);
    const summary = summarize(run.result);
    const flagged = summary.nearSingular + summary.detNegative + summary.kappaHigh + summary.nonFinite;
    const live = run.watching ? '$(eye) ' : '';
    item.text = `${live}$(pulse) ${kappaName === 'gsKappa' ? 'κ_GS' : 'κ'} p95 ${
      Number.isNaN(kappa.p95) ? '—' : kappa.p95 === Infinity ? '∞' : formatNumber(kappa.p95, 3)
    }${flagged > 0 ? ` $(warning) ${flagged.toLocaleString('en-US')}` : ''}`;
    item.tooltip = `${summaryLensTitle(run.result)}\n${run.uri.fsPath}${run.watching ? '\nWatching for appended lines.' : ''}\nClick to open the dashboard.`;
    item.command = { title: 'Open Dashboard', command: CommandId.openDashboard, arguments: [run.uri] };
    item.show();
  };

  return vscode.Disposable.from(
    item,
    analysis.onProgress(({ uri, fraction }) => {
      const key = uri.toString();
      if (fraction === undefined) inProgress.delete(key);
      else inProgress.set(key, { name: uri.path.slice(uri.path.lastIndexOf('/') + 1), fraction });
      render();
    }),
    store.onDidChange(render),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.window.tabGroups.onDidChangeTabs(render),
  );
}
