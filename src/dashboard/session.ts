// The host's side of one dashboard panel, without the VS Code API: the runs on display, the
// handshake and the replay. Nothing is posted before the webview says `ready`; a webview that was
// hidden (and so torn down, retainContextWhenHidden being off) says `ready` again when shown, and
// gets the current runs as one snapshot. Appends keep the host's copy current for that replay.

import type {
  RunAppend,
  RunSeries,
  SavedPanelState,
  SavedRunRef,
  StepDetail,
  ToWebviewMessage,
} from '../shared/protocol';
import { applyAppend } from './series';

export type Post = (message: ToWebviewMessage) => void;

export class DashboardSession {
  private runs: RunSeries[] = [];
  private ready = false;
  /** Replies (step detail, export results) waiting for a webview that is not ready yet. */
  private pending: ToWebviewMessage[] = [];

  constructor(private readonly post: Post) {}

  get current(): readonly RunSeries[] {
    return this.runs;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The webview loaded (first time, after being shown again, or after a reload). */
  webviewReady(): void {
    this.ready = true;
    this.post({ type: 'snapshot', runs: this.runs });
    for (const message of this.pending.splice(0)) this.post(message);
  }

  /** The panel was hidden: its webview is gone until it says `ready` again. */
  webviewHidden(): void {
    this.ready = false;
  }

  show(runs: RunSeries[]): void {
    this.runs = runs;
    if (this.ready) this.post({ type: 'snapshot', runs });
  }

  append(runId: string, data: RunAppend): boolean {
    const index = this.runs.findIndex((run) => run.id === runId);
    if (index < 0) return false;
    this.runs = this.runs.map((run, i) => (i === index ? applyAppend(run, data) : run));
    if (this.ready) this.post({ type: 'append', runId, data });
    return true;
  }

  replaceRun(run: RunSeries): void {
    const index = this.runs.findIndex((r) => r.id === run.id);
    this.runs = index < 0 ? [...this.runs, run] : this.runs.map((r, i) => (i === index ? run : r));
    if (this.ready) this.post({ type: 'replaceRun', run });
  }

  run(runId: string): RunSeries | undefined {
    return this.runs.find((r) => r.id === runId);
  }

  stepDetail(detail: StepDetail): void {
    this.reply({ type: 'stepDetail', detail });
  }

  exported(name: string, path: string | undefined): void {
    this.reply({ type: 'exported', name, path });
  }

  private reply(message: ToWebviewMessage): void {
    if (this.ready) this.post(message);
    else this.pending.push(message);
  }
}

/** The saved runs of a panel's state; anything malformed is dropped. */
export function savedRuns(state: unknown): SavedRunRef[] {
  const runs = (state as SavedPanelState | undefined)?.runs;
  if (!Array.isArray(runs)) return [];
  return runs.filter(
    (r): r is SavedRunRef =>
      !!r && typeof r.id === 'string' && typeof r.file === 'string' && typeof r.label === 'string',
  );
}
