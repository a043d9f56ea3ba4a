// Live mode: follows a log a training run is still writing. File-system events (or polling, for
// network file systems and logs outside the workspace) trigger an incremental read from where the
// last analysis stopped; bursts of writes are debounced into one read.
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { onConfigChange, readConfig } from '../config';
import type { AnalysisService } from '../runs/analysisService';
import type { RunStore } from '../runs/runStore';
import type { AnalysisResult } from '../shared/analysis';
import { appendStart } from './appendStart';

const DEBOUNCE_MS = 250;

export interface LiveUpdate {
  uri: vscode.Uri;
  previous: AnalysisResult;
  result: AnalysisResult;
  /** Index of the first step that is new or changed, when the new result extends the previous one. */
  appendFrom: number | undefined;
}

class Watch implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private reading = false;
  private again = false;
  private lastStat = '';

  constructor(
    readonly uri: vscode.Uri,
    private readonly onChange: () => Promise<void>,
  ) {
    this.configure();
  }

  configure(): void {
    this.watcher?.dispose();
    if (this.poller) clearInterval(this.poller);
    this.watcher = undefined;
    this.poller = undefined;
    const config = readConfig(this.uri);
    if (config['live.usePolling']) {
      this.poller = setInterval(() => void this.poll(), config['live.pollingIntervalMs']);
    } else {
      const folder = vscode.Uri.joinPath(this.uri, '..');
      const name = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
      this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
      this.watcher.onDidChange(() => this.schedule());
      this.watcher.onDidCreate(() => this.schedule());
    }
  }

  private async poll(): Promise<void> {
    try {
      const info = await stat(this.uri.fsPath);
      const signature = `${info.size}:${info.mtimeMs}:${info.ino}`;
      if (this.lastStat !== '' && signature !== this.lastStat) this.schedule();
      this.lastStat = signature;
    } catch {
      // A log being rotated may be missing for a moment; the next poll sees the new one.
    }
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  private async run(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      await this.onChange();
    } finally {
      this.reading = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.watcher?.dispose();
  }
}

export class LogWatcher implements vscode.Disposable {
  private readonly watches = new Map<string, Watch>();
  private readonly updated = new vscode.EventEmitter<LiveUpdate>();
  /** A watched log was read again: the dashboard extends its charts from `appendFrom`. */
  readonly onDidUpdate = this.updated.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: RunStore,
    private readonly analysis: AnalysisService,
  ) {
    this.subscriptions = [
      store.onDidChange((change) => {
        if ('removed' in change) this.stop(change.uri);
        else if (!this.watches.has(change.uri.toString()) && readConfig(change.uri)['live.autoWatch'])
          this.start(change.uri);
      }),
      onConfigChange(() => this.watches.forEach((watch) => watch.configure())),
    ];
  }

  isWatching(uri: vscode.Uri): boolean {
    return this.watches.has(uri.toString());
  }

  start(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.watches.has(key)) return;
    this.watches.set(key, new Watch(uri, () => this.refresh(uri).then(() => undefined)));
    this.store.setWatching(uri, true);
    // Catch up with whatever was written since the last analysis.
    this.watches.get(key)?.schedule();
  }

  stop(uri: vscode.Uri): void {
    const key = uri.toString();
    this.watches.get(key)?.dispose();
    if (this.watches.delete(key)) this.store.setWatching(uri, false);
  }

  /** Reads what was appended since the run's last analysis (or everything, if the file was replaced). */
  async refresh(uri: vscode.Uri): Promise<LiveUpdate | undefined> {
    const previous = this.store.get(uri)?.result;
    const result = await this.analysis.analyze(uri, { live: true, ...(previous ? { previous } : {}) });
    if (!result || !previous) return undefined;
    const update: LiveUpdate = { uri, previous, result, appendFrom: appendStart(previous, result) };
    this.updated.fire(update);
    return update;
  }

  dispose(): void {
    this.watches.forEach((watch) => watch.dispose());
    this.watches.clear();
    this.subscriptions.forEach((s) => s.dispose());
    this.updated.dispose();
  }
}
