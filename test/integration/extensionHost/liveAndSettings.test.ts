import * as assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { harnessEnvironment } from '../environment';
import { waitFor } from './waitFor';

async function summaryLens(uri: vscode.Uri): Promise<string | undefined> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    uri,
  );
  return lenses.find((lens) => lens.command?.title.startsWith('SO3 Lens:'))?.command?.title;
}

describe('live logs, the .npy editor and settings', () => {
  const { workspace } = harnessEnvironment();

  it('follows a log that is still being written, holding back a partial last line', async () => {
    const lines = (await readFile(join(workspace, 'run.jsonl'), 'utf8'))
      .split('\n')
      .filter((l) => l.length > 0);
    const complete = lines.filter((_, i) => i !== 10); // line 11 is the truncated record
    const live = vscode.Uri.file(join(workspace, 'live.jsonl'));
    await writeFile(live.fsPath, complete.slice(0, 3).join('\n') + '\n');
    await vscode.window.showTextDocument(live);
    const watched = await vscode.commands.executeCommand<{ watching: boolean }>('so3Lens.toggleWatch', live);
    assert.deepEqual(watched, { uri: live.toString(), watching: true });
    await waitFor(async () => (await summaryLens(live))?.includes('3 steps'), 'the first 3 steps');

    const partial = complete[5]!.slice(0, 120);
    await appendFile(live.fsPath, complete[3] + '\n' + complete[4] + '\n' + partial);
    await waitFor(async () => (await summaryLens(live))?.includes('5 steps'), 'the appended steps');
    const errors = vscode.languages
      .getDiagnostics(live)
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors, [], 'a partial last line of a live log is held back, not an error');

    await appendFile(live.fsPath, complete[5]!.slice(120) + '\n');
    await waitFor(async () => (await summaryLens(live))?.includes('6 steps'), 'the completed line');

    // A rotated log (replaced by a shorter file) is read again from the start.
    await writeFile(live.fsPath, complete.slice(20, 22).join('\n') + '\n');
    await waitFor(async () => (await summaryLens(live))?.includes('2 steps'), 'the replaced file');

    const stopped = await vscode.commands.executeCommand<{ watching: boolean }>('so3Lens.toggleWatch', live);
    assert.equal(stopped.watching, false);
  });

  it('opens a .npy file as a summary page with the dashboard', async () => {
    const npy = vscode.Uri.file(join(workspace, 'pred_9d_f32.npy'));
    await vscode.commands.executeCommand('vscode.openWith', npy, 'so3Lens.npyEditor');
    const tab = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === npy.toString()),
      'the custom editor tab',
    );
    assert.equal((tab.input as vscode.TabInputCustom).viewType, 'so3Lens.npyEditor');
    // The editor analyzed the file: its report can be exported without analyzing again.
    const folder = vscode.Uri.file(await mkdtemp(join(tmpdir(), 'so3lens-npy-')));
    const exported = await waitFor(
      () =>
        vscode.commands.executeCommand<{ files: vscode.Uri[] } | undefined>(
          'so3Lens.exportReport',
          npy,
          folder,
        ),
      'the .npy analysis',
    );
    const json = JSON.parse(await readFile(exported.files[2]!.fsPath, 'utf8'));
    assert.equal(json.format, 'npy');
    assert.equal(json.matrices, 192);
    assert.equal(json.steps.length, 24);
  });

  it('re-analyzes when a threshold setting changes', async () => {
    const run = vscode.Uri.file(join(workspace, 'run.csv'));
    await vscode.commands.executeCommand('so3Lens.analyzeLogFile', run);
    const kappaHigh = () =>
      vscode.languages.getDiagnostics(run).filter((d) => d.code === 'kappa-high').length;
    const before = await waitFor(() => (kappaHigh() > 0 ? kappaHigh() : undefined), 'κ-high diagnostics');
    const config = vscode.workspace.getConfiguration('so3Lens');
    try {
      await config.update('thresholds.kappa', 2, vscode.ConfigurationTarget.Workspace);
      const after = await waitFor(
        () => (kappaHigh() > before ? kappaHigh() : undefined),
        'more κ-high diagnostics',
      );
      assert.ok(after > before);
      await config.update('diagnostics.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        () => vscode.languages.getDiagnostics(run).length === 0 || undefined,
        'diagnostics switched off',
      );
    } finally {
      await config.update('thresholds.kappa', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe('an analyzed log edited in VS Code', () => {
  const { workspace } = harnessEnvironment();

  it('is analyzed again when saved', async () => {
    const lines = (await readFile(join(workspace, 'run.jsonl'), 'utf8'))
      .split('\n')
      .filter((l) => l.length > 0);
    const edited = vscode.Uri.file(join(workspace, 'edited.jsonl'));
    await writeFile(edited.fsPath, lines.slice(0, 4).join('\n') + '\n');
    const editor = await vscode.window.showTextDocument(edited);
    await vscode.commands.executeCommand('so3Lens.analyzeLogFile', edited);
    await waitFor(async () => (await summaryLens(edited))?.includes('4 steps'), 'the first analysis');
    await editor.edit((edit) => edit.insert(new vscode.Position(4, 0), lines[4] + '\n'));
    await editor.document.save();
    await waitFor(async () => (await summaryLens(edited))?.includes('5 steps'), 'the analysis after saving');
  });
});
