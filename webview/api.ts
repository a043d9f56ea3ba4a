// The VS Code webview API, typed by the protocol. `acquireVsCodeApi` may be called once per page.

import type { FromWebviewMessage } from '../src/shared/protocol';

interface VsCodeApi<State> {
  postMessage(message: FromWebviewMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export type HostApi<State> = VsCodeApi<State>;

export function connectHost<State>(): HostApi<State> {
  return acquireVsCodeApi<State>();
}
