// The analyzed runs of this window, by file URI: the one place providers, commands, the live
// watcher and the dashboard look up results. It holds results; it computes nothing.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../shared/analysis';

export interface Run {
  uri: vscode.Uri;
  result: AnalysisResult;
  /** Whether the live watcher follows this log. */
  watching: boolean;
}

export class RunStore implements vscode.Disposable {
  private readonly runs = new Map<string, Run>();
  /** Most recently analyzed first: what `Open Dashboard` shows. */
  private recent: string[] = [];
  private readonly changed = new vscode.EventEmitter<Run | { uri: vscode.Uri; removed: true }>();
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri): Run | undefined {
    return this.runs.get(uri.toString());
  }

  all(): Run[] {
    return [...this.runs.values()];
  }

  /** The runs of the last analysis or comparison, most recent first. */
  lastAnalyzed(): Run[] {
    return this.recent.map((key) => this.runs.get(key)).filter((run): run is Run => run !== undefined);
  }

  set(uri: vscode.Uri, result: AnalysisResult, options: { recent?: vscode.Uri[] } = {}): Run {
    const key = uri.toString();
    const run: Run = { uri, result, watching: this.runs.get(key)?.watching ?? false };
    this.runs.set(key, run);
    if (options.recent) this.recent = options.recent.map((u) => u.toString());
    else if (!this.recent.includes(key)) this.recent = [key, ...this.recent];
    this.changed.fire(run);
    this.updateContext();
    return run;
  }

  setWatching(uri: vscode.Uri, watching: boolean): void {
    const run = this.runs.get(uri.toString());
    if (!run || run.watching === watching) return;
    run.watching = watching;
    this.changed.fire(run);
  }

  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.runs.delete(key)) return;
    this.recent = this.recent.filter((k) => k !== key);
    this.changed.fire({ uri, removed: true });
    this.updateContext();
  }

  private updateContext(): void {
    const runs = this.all();
    void vscode.commands.executeCommand('setContext', 'so3Lens.hasRuns', runs.length > 0);
    void vscode.commands.executeCommand(
      'setContext',
      'so3Lens.hasFlags',
      runs.some((run) => run.result.flagsTotal > 0),
    );
  }

  dispose(): void {
    this.changed.dispose();
  }
}
