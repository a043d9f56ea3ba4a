// What commands need from the dashboard: open (or reveal) it on a set of analyzed logs.
import type * as vscode from 'vscode';

export type ShowDashboard = (uris: vscode.Uri[]) => Promise<void>;
