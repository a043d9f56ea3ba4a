// Hovering a printed matrix in any editor shows its diagnostics. The matrix is looked for in a
// bounded window around the cursor, so a 5 MB single-line log costs the same as a short file.
import * as vscode from 'vscode';
import { inspectRecord } from '../core/record';
import { readConfig } from '../config';
import { CommandId, HOVER_LANGUAGES } from '../constants';
import { matrixAt } from '../parsers/matrixText';
import { hoverMarkdown } from './hoverMarkdown';

/** Characters searched on each side of the cursor. */
const WINDOW = 4096;

export function inspectCommandLink(text: string): string {
  return `command:${CommandId.inspectMatrix}?${encodeURIComponent(JSON.stringify([{ text }]))}`;
}

class MatrixHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const config = readConfig(document.uri);
    if (!config['hover.enabled']) return undefined;
    const offset = document.offsetAt(position);
    const windowStart = Math.max(0, offset - WINDOW);
    const range = new vscode.Range(document.positionAt(windowStart), document.positionAt(offset + WINDOW));
    const text = document.getText(range);
    const found = matrixAt(text, offset - windowStart, WINDOW);
    if (!found) return undefined;
    if (found.representation === '6d' && config.representation === '9d') return undefined;
    if (found.representation === '9d' && config.representation === '6d') return undefined;
    const record = inspectRecord(found.values, found.representation, {
      nearSingular: config['thresholds.nearSingular'],
      kappa: config['thresholds.kappa'],
      taylorK: config['stabilizer.taylorK'],
      clampEps: config['stabilizer.clampEps'],
      sixD: config['sixD.layout'],
    });
    const markdown = new vscode.MarkdownString(
      hoverMarkdown(record, inspectCommandLink(text.slice(found.start, found.end))),
    );
    markdown.isTrusted = { enabledCommands: [CommandId.inspectMatrix] };
    const matrixRange = new vscode.Range(
      document.positionAt(windowStart + found.start),
      document.positionAt(windowStart + found.end),
    );
    return new vscode.Hover(markdown, matrixRange);
  }
}

export function registerHover(): vscode.Disposable {
  const provider = new MatrixHoverProvider();
  let registration: vscode.Disposable | undefined;
  const register = () => {
    registration?.dispose();
    const languages = new Set<string>([...HOVER_LANGUAGES, ...readConfig()['hover.languages']]);
    registration = vscode.languages.registerHoverProvider(
      [...languages].map((language) => ({ language })),
      provider,
    );
  };
  register();
  const watch = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('so3Lens.hover.languages')) register();
  });
  return new vscode.Disposable(() => {
    watch.dispose();
    registration?.dispose();
  });
}
