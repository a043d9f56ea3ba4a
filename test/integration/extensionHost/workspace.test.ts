import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { harnessEnvironment } from '../environment';

describe('the test workspace', () => {
  const { workspace } = harnessEnvironment();

  it('is the one folder the harness prepared', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(folders[0]!.uri.scheme, 'file');
    assert.equal(folders[0]!.uri.fsPath, workspace);
  });

  it('holds the committed example logs', async () => {
    const found = await vscode.workspace.findFiles('*.{jsonl,csv,npy,npz,log}');
    const names = found.map((uri) => uri.path.split('/').pop()).sort();
    for (const name of ['run.jsonl', 'run.csv', 'run.npz', 'pred_6d.npy']) {
      assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`);
    }
  });

  it('opens a log as a document whose text is the file on disk', async () => {
    const path = join(workspace, 'run.jsonl');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
    assert.equal(document.getText(), await readFile(path, 'utf8'));
    assert.ok(document.lineCount > 1);
  });
});
