import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { harnessEnvironment } from '../environment';

const extensionId = 'so3-lens.so3-lens';

describe('the so3-lens extension in a real extension host', () => {
  it('is the extension under development, loaded from the repository', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the loaded extensions`);
    assert.equal(extension.extensionPath, harnessEnvironment().projectRoot);
    assert.equal(extension.packageJSON.name, 'so3-lens');
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('activates without throwing and reports itself active', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('runs on the VS Code version the manifest claims to support', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const wanted = String(extension.packageJSON.engines.vscode).replace(/^[\^~>=]+/, '');
    const [wantMajor, wantMinor] = wanted.split('.').map(Number);
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(
      major! > wantMajor! || (major === wantMajor && minor! >= wantMinor!),
      `VS Code ${vscode.version} is older than engines.vscode ${extension.packageJSON.engines.vscode}`,
    );
  });
});
