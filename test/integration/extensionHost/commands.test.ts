import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { harnessEnvironment } from '../environment';
import { waitFor } from './waitFor';

// Every command runs here in the real extension host, invoked as automation does: with a Uri, and
// returning its result. The workspace is a fresh copy of examples/ (run.jsonl is the NumPy-written
// fixture: 24 steps x 8 matrices, a NaN at step 500 index 3 on line 6, a truncated record on line 11).
describe('SO3 Lens commands', () => {
  const { workspace, projectRoot } = harnessEnvironment();
  const runJsonl = vscode.Uri.file(join(workspace, 'run.jsonl'));
  const runCsv = vscode.Uri.file(join(workspace, 'run.csv'));

  it('registers every command the manifest declares', async () => {
    const extension = vscode.extensions.getExtension('so3-lens.so3-lens');
    assert.ok(extension);
    await extension.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared = (extension.packageJSON.contributes.commands as { command: string }[]).map(
      (c) => c.command,
    );
    assert.ok(declared.length >= 8);
    for (const id of declared) assert.ok(registered.has(id), `${id} is declared but not registered`);
  });

  it('Analyze Log File reads run.jsonl in a worker and returns the engine result', async () => {
    const result = await vscode.commands.executeCommand<{
      format: string;
      matrices: number;
      invalid: number;
      steps: { length: number };
      issues: { line?: number; severity: string }[];
    }>('so3Lens.analyzeLogFile', runJsonl);
    assert.ok(result, 'no result');
    assert.equal(result.format, 'jsonl');
    assert.equal(result.steps.length, 24);
    assert.equal(result.matrices, 191);
    assert.equal(result.invalid, 1);
    assert.ok(result.issues.some((issue) => issue.line === 11 && issue.severity === 'error'));
  });

  it('puts the truncated line and the NaN record in the Problems panel at their lines', async () => {
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(runJsonl);
      return found.length > 0 ? found : undefined;
    }, 'diagnostics on run.jsonl');
    assert.ok(diagnostics.every((d) => d.source === 'so3-lens'));
    const truncated = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      truncated.map((d) => d.range.start.line + 1),
      [11],
    );
    const nonFinite = diagnostics.filter((d) => d.code === 'non-finite');
    assert.equal(nonFinite.length, 1);
    assert.equal(nonFinite[0]!.range.start.line + 1, 6);
    assert.match(nonFinite[0]!.message, /step 500/);
    const nearSingular = diagnostics.filter((d) => d.code === 'near-singular');
    assert.ok(nearSingular.length > 0);
    assert.ok(nearSingular.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    assert.ok(
      nearSingular.some((d) => /s3\/s1/.test(d.message)),
      nearSingular[0]?.message,
    );
  });

  it('shows a summary CodeLens at the top of the analyzed log', async () => {
    await vscode.window.showTextDocument(runJsonl);
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        runJsonl,
      );
      return found.find((lens) => lens.command?.title.startsWith('SO3 Lens:'));
    }, 'the summary lens');
    assert.equal(lenses.range.start.line, 0);
    assert.match(
      lenses.command!.title,
      /^SO3 Lens: 24 steps · 191 matrices · κ p95 [\d.]+ · \d+ near-singular steps/,
    );
    assert.equal(lenses.command!.command, 'so3Lens.openDashboard');
  });

  it('moves the cursor between flagged steps', async () => {
    const editor = await vscode.window.showTextDocument(runJsonl);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const next = await vscode.commands.executeCommand<{ line: number; step: number }>(
      'so3Lens.nextFlaggedStep',
    );
    assert.ok(next);
    assert.ok(next.line > 1, `next flagged line ${next.line}`);
    assert.equal(vscode.window.activeTextEditor!.selection.active.line + 1, next.line);
    const back = await vscode.commands.executeCommand<{ line: number }>('so3Lens.previousFlaggedStep');
    assert.ok(back);
    assert.ok(back.line < next.line || back.line > next.line, 'previous moves to another flagged line');
  });

  it('Inspect Matrix reads a mathjs expression and returns the core record', async () => {
    const result = await vscode.commands.executeCommand<{
      record: { kappa: number; s: number[]; flags: string[] };
    }>('so3Lens.inspectMatrix', {
      text: '[[cos(pi/6), -sin(pi/6), 0], [sin(pi/6), cos(pi/6), 0], [0, 0, 1]]',
    });
    assert.ok(result);
    assert.ok(Math.abs(result.record.kappa - 1) < 1e-12);
    assert.deepEqual(result.record.flags, []);
  });

  it('Compare Runs overlays two logs in one dashboard', async () => {
    const results = await vscode.commands.executeCommand<{ format: string }[]>(
      'so3Lens.compareRuns',
      runJsonl,
      [runJsonl, runCsv],
    );
    assert.deepEqual(
      results.map((r) => r.format),
      ['jsonl', 'csv'],
    );
    const tab = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'SO3 Lens Dashboard'),
      'the dashboard tab',
    );
    assert.ok(tab);
    const opened = await vscode.commands.executeCommand<string[]>('so3Lens.openDashboard');
    assert.deepEqual(opened, [runJsonl.toString(), runCsv.toString()]);
  });

  it('Export Report writes the Markdown report, the per-step CSV and the JSON', async () => {
    const folder = vscode.Uri.file(await mkdtemp(join(tmpdir(), 'so3lens-report-')));
    const exported = await vscode.commands.executeCommand<{ files: vscode.Uri[] }>(
      'so3Lens.exportReport',
      runJsonl,
      folder,
    );
    assert.ok(exported);
    assert.deepEqual((await readdir(folder.fsPath)).sort(), [
      'run.analysis.json',
      'run.so3lens.md',
      'run.steps.csv',
    ]);
    const markdown = await readFile(join(folder.fsPath, 'run.so3lens.md'), 'utf8');
    assert.match(markdown, /^# SO3 Lens report: /);
    assert.match(markdown, /## Flagged steps/);
    const csv = (await readFile(join(folder.fsPath, 'run.steps.csv'), 'utf8')).trim().split('\n');
    assert.equal(csv.length, 1 + 24);
    const json = JSON.parse(await readFile(join(folder.fsPath, 'run.analysis.json'), 'utf8'));
    assert.equal(json.matrices, 191);
    assert.equal(json.steps.length, 24);
  });

  it('hovers a matrix in a Python file and shows nothing off a matrix', async () => {
    const python = vscode.Uri.file(join(projectRoot, 'test', 'fixtures', 'integration', 'rotations.py'));
    const document = await vscode.workspace.openTextDocument(python);
    const at = (needle: string, delta = 0) => document.positionAt(document.getText().indexOf(needle) + delta);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      python,
      at('0.866', 2),
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n');
    assert.match(text, /SO3 Lens/);
    assert.match(text, /κ \(SVD Jacobian\)/);
    const early = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      python,
      at('1e-9'),
    );
    const earlyText = early
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n');
    assert.match(earlyText, /near-singular/);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      python,
      at('3e-4'),
    );
    const noneText = none
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n');
    assert.doesNotMatch(noneText, /SO3 Lens/);
  });

  it('hovers a NumPy matrix printed over several lines in a .log file', async () => {
    const log = vscode.Uri.file(join(workspace, 'printed.log'));
    const document = await vscode.workspace.openTextDocument(log);
    const offset = document.getText().indexOf('0.20638169');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      log,
      document.positionAt(offset),
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n');
    assert.match(text, /s1 · s2 · s3/);
    const range = hovers.find((h) => h.range)?.range;
    assert.ok(range && range.end.line > range.start.line, 'the hover covers the whole multi-line matrix');
  });
});
