// One open dashboard panel: passes the webview's messages to the handlers, keeps the session
// (runs, ready, replay) in step with the panel's visibility, and saves exports.

import * as vscode from 'vscode';
import { assertNever, type FromWebviewMessage } from '../shared/protocol';
import { saveCsv, savePng } from './exportFile';
import { DashboardSession } from './session';

export interface RevealRequest {
  runId: string;
  step: number;
  /** 1-based line of the step or flagged matrix; 0 when the format has no lines. */
  line: number;
  offset: number;
}

export interface StepDetailRequest {
  runId: string;
  step: number;
}

export interface StabilizerRequest {
  taylorK: number;
  clampEps: number;
}

export interface ControllerHandlers {
  reveal(request: RevealRequest): void;
  stepDetail(request: StepDetailRequest): void;
  stabilizer(request: StabilizerRequest): void;
  log(message: string): void;
}

export class DashboardController implements vscode.Disposable {
  readonly session: DashboardSession;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly handlers: ControllerHandlers,
  ) {
    this.session = new DashboardSession((message) => {
      void panel.webview
        .postMessage(message)
        .then(undefined, (error: unknown) =>
          handlers.log(`dashboard: could not post ${message.type}: ${String(error)}`),
        );
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromWebviewMessage) => this.receive(message)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // Without retainContextWhenHidden a hidden webview is destroyed; it says `ready` again when shown.
        if (!webviewPanel.visible) this.session.webviewHidden();
      }),
    );
  }

  private receive(message: FromWebviewMessage): void {
    switch (message.type) {
      case 'ready':
        this.session.webviewReady();
        break;
      case 'reveal':
        this.handlers.reveal({
          runId: message.runId,
          step: message.step,
          line: message.line,
          offset: message.offset,
        });
        break;
      case 'requestStepDetail':
        this.handlers.stepDetail({ runId: message.runId, step: message.step });
        break;
      case 'setStabilizer':
        this.handlers.stabilizer({ taylorK: message.taylorK, clampEps: message.clampEps });
        break;
      case 'exportPng':
        void this.export(message.name, () => savePng(message.name, message.dataUrl, this.exportFolderHint()));
        break;
      case 'exportCsv':
        void this.export(message.name, () => saveCsv(message.name, message.csv, this.exportFolderHint()));
        break;
      case 'error':
        this.handlers.log(message.message);
        break;
      default:
        assertNever(message);
    }
  }

  private exportFolderHint(): string | undefined {
    return this.session.current[0]?.file;
  }

  private async export(name: string, write: () => Promise<string | undefined>): Promise<void> {
    try {
      const path = await write();
      this.session.exported(name, path);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.handlers.log(`dashboard: export of ${name} failed: ${text}`);
      void vscode.window.showErrorMessage(`SO3 Lens: could not export ${name}: ${text}`);
      this.session.exported(name, undefined);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
