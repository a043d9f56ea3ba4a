// Inspect Matrix: the selection, the matrix around the cursor, or (nothing found) what the user
// types — any `inspect` form, mathjs expressions included — shown as a markdown preview.
import * as vscode from 'vscode';
import { inspectRecord, type InspectRecord } from '../core/record';
import { readConfig } from '../config';
import { matrixAt, parseMatrixText } from '../parsers/matrixText';
import { inspectMarkdown } from '../providers/inspectMarkdown';

export const INSPECT_SCHEME = 'so3lens-inspect';

export interface InspectResult {
  text: string;
  form: string;
  record: InspectRecord;
  /** The preview document's URI. */
  uri: vscode.Uri;
}

/** Holds the markdown of each inspection so the preview can read it back. */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private count = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, this);

  add(markdown: string): vscode.Uri {
    this.count += 1;
    const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/Inspect Matrix ${this.count}.md` });
    this.pages.set(uri.toString(), markdown);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function textFromEditor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  if (!editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const document = editor.document;
  const offset = document.offsetAt(editor.selection.active);
  const window = 4096;
  const start = Math.max(0, offset - window);
  const text = document.getText(
    new vscode.Range(document.positionAt(start), document.positionAt(offset + window)),
  );
  const found = matrixAt(text, offset - start, window);
  return found ? text.slice(found.start, found.end) : undefined;
}

async function askForText(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'SO3 Lens: Inspect Matrix',
    prompt:
      'A 3x3 matrix or a 6D vector: nested list, NumPy/PyTorch/JAX print, MATLAB rows or a mathjs expression',
    placeHolder: '[[cos(pi/6), -sin(pi/6), 0], [sin(pi/6), cos(pi/6), 0], [0, 0, 1]]',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') return undefined;
      const parsed = parseMatrixText(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
}

export function inspectMatrixCommand(documents: InspectDocuments) {
  return async (arg?: { text?: string } | string | vscode.Uri): Promise<InspectResult | undefined> => {
    const given = typeof arg === 'string' ? arg : arg && !(arg instanceof vscode.Uri) ? arg.text : undefined;
    let text = given ?? textFromEditor();
    let parsed = text === undefined ? undefined : parseMatrixText(text);
    if (given !== undefined && parsed && !parsed.ok) {
      // Text passed by a caller (a hover link, automation) is not second-guessed with an input box.
      void vscode.window.showErrorMessage(`SO3 Lens: ${parsed.message}`);
      return undefined;
    }
    if (text === undefined || !parsed?.ok) {
      text = await askForText();
      if (text === undefined || text.trim() === '') return undefined;
      parsed = parseMatrixText(text);
    }
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(`SO3 Lens: ${parsed.message}`);
      return undefined;
    }
    const config = readConfig();
    const record = inspectRecord(parsed.values, parsed.representation, {
      nearSingular: config['thresholds.nearSingular'],
      kappa: config['thresholds.kappa'],
      taylorK: config['stabilizer.taylorK'],
      clampEps: config['stabilizer.clampEps'],
      sixD: config['sixD.layout'],
    });
    const uri = documents.add(inspectMarkdown(record, { text, form: parsed.form }));
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    return { text, form: parsed.form, record, uri };
  };
}
