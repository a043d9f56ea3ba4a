// The extension's table of contents: it creates the shared objects and lists the registrations.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('SO3 Lens', { log: true });
  context.subscriptions.push(output);
  output.info('SO3 Lens activated');
}

export function deactivate(): void {}
