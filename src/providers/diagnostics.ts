// Flagged matrices as Warnings and unreadable lines as Errors in the Problems panel, for every
// analyzed log; refreshed when a run changes or a setting does, cleared on close (a setting).
import * as vscode from 'vscode';
import { onConfigChange, readConfig } from '../config';
import { DIAGNOSTIC_SOURCE } from '../constants';
import type { Run, RunStore } from '../runs/runStore';
import { diagnosticFlags } from '../settings';
import { openDocument, rangeOf } from './logRanges';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function diagnosticsFor(run: Run, document: vscode.TextDocument | undefined): vscode.Diagnostic[] {
  const config = readConfig(run.uri);
  if (!config['diagnostics.enabled']) return [];
  const kinds = diagnosticFlags(config);
  const severity = SEVERITY[config['diagnostics.severity']] ?? vscode.DiagnosticSeverity.Warning;
  const { result } = run;
  const diagnostics: vscode.Diagnostic[] = [];
  // The engine reports a NaN matrix both as a flag and as a warning issue; the flag (exact range,
  // code `non-finite`) stands for both here.
  const nonFiniteLines = new Set(result.flags.filter((f) => f.kind === 'non-finite').map((f) => f.line));
  for (const issue of result.issues) {
    if (issue.severity === 'warning' && issue.line !== undefined && nonFiniteLines.has(issue.line)) continue;
    const diagnostic = new vscode.Diagnostic(
      rangeOf(issue, document),
      issue.message,
      issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = 'unreadable';
    diagnostics.push(diagnostic);
  }
  if (result.issuesTotal > result.issues.length) {
    const more = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      `${result.issuesTotal - result.issues.length} more unreadable records are not listed (setting so3Lens.maxIssues).`,
      vscode.DiagnosticSeverity.Information,
    );
    more.source = DIAGNOSTIC_SOURCE;
    diagnostics.push(more);
  }
  for (const flag of result.flags) {
    if (!kinds.has(flag.kind)) continue;
    const where = `step ${flag.step}, matrix ${flag.index}`;
    const diagnostic = new vscode.Diagnostic(rangeOf(flag, document), `${where}: ${flag.message}`, severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = flag.kind;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

export function registerDiagnostics(store: RunStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const refresh = (run: Run) => collection.set(run.uri, diagnosticsFor(run, openDocument(run.uri)));
  return vscode.Disposable.from(
    collection,
    store.onDidChange((change) => {
      if ('removed' in change) collection.delete(change.uri);
      else refresh(change);
    }),
    onConfigChange(() => store.all().forEach(refresh)),
    // Opening the log turns whole-line ranges into exact ones.
    vscode.workspace.onDidOpenTextDocument((document) => {
      const run = store.get(document.uri);
      if (run) refresh(run);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const run = store.get(document.uri);
      if (run && readConfig(document.uri)['diagnostics.clearOnClose']) collection.delete(document.uri);
    }),
  );
}
