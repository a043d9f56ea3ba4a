// Where a matrix of an analyzed log sits in an editor: from the engine's 1-based lines and byte
// offsets to a vscode.Range. With the document open the range is exact; otherwise whole lines.
import * as vscode from 'vscode';
import { Utf8OffsetMap } from '../util/utf8Offsets';

export interface Located {
  line?: number;
  endLine?: number;
  offset?: number;
  endOffset?: number;
}

const offsetMaps = new WeakMap<vscode.TextDocument, { version: number; map: Utf8OffsetMap }>();

function offsetMap(document: vscode.TextDocument): Utf8OffsetMap {
  const cached = offsetMaps.get(document);
  if (cached && cached.version === document.version) return cached.map;
  const map = new Utf8OffsetMap(document.getText());
  offsetMaps.set(document, { version: document.version, map });
  return map;
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

export function rangeOf(item: Located, document: vscode.TextDocument | undefined): vscode.Range {
  const line = Math.max(0, (item.line ?? 1) - 1);
  const endLine = Math.max(line, (item.endLine ?? item.line ?? 1) - 1);
  if (document) {
    if (item.offset !== undefined && item.endOffset !== undefined && item.endOffset > item.offset) {
      const map = offsetMap(document);
      const start = document.positionAt(map.charOffset(item.offset));
      const end = document.positionAt(map.charOffset(item.endOffset));
      // Trust the byte range only if it lands on the lines the engine named (the file may have changed).
      if (start.line === line) return new vscode.Range(start, end);
    }
    const last = Math.min(endLine, document.lineCount - 1);
    return new vscode.Range(line, 0, last, document.lineAt(Math.max(0, last)).text.length);
  }
  return new vscode.Range(line, 0, endLine, Number.MAX_SAFE_INTEGER);
}
