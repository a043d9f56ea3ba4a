import * as assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  activeTabLabel,
  closeAllEditors,
  findWebviewFrame,
  hoverAt,
  dismissHover,
  openFile,
  openFromExplorer,
  readProblems,
  readEditorLines,
  runCommand,
  screenshot,
  waitForActiveTab,
} from './helpers';
import { workbench } from './workbench';

describe('the workbench, driven like a person', () => {
  let page: Page;
  let workspace: string;

  before(async () => {
    ({
      page,
      env: { workspace },
    } = await workbench());
  });

  beforeEach(async () => {
    await closeAllEditors(page);
  });

  it('loads with the example logs in the explorer', async () => {
    const rows = await page.locator('.explorer-folders-view .monaco-list-row .label-name').allTextContents();
    for (const name of ['run.jsonl', 'run.csv', 'run.npz'])
      assert.ok(rows.includes(name), `explorer shows ${rows.join(', ')}`);
    await screenshot(page, 'workbench');
  });

  it('opens a log through Quick Open and shows its first record', async () => {
    await openFile(page, 'run.jsonl');
    assert.equal(await activeTabLabel(page), 'run.jsonl');
    const firstLineOnDisk = (await readFile(join(workspace, 'run.jsonl'), 'utf8')).split('\n')[0]!;
    const [firstLineShown] = await readEditorLines(page);
    assert.ok(firstLineShown, 'the editor shows no lines');
    assert.equal(firstLineShown.slice(0, 60), firstLineOnDisk.slice(0, 60));
    await screenshot(page, 'log-in-editor');
  });

  it('opens a log from the explorer', async () => {
    await openFromExplorer(page, 'run.csv');
    const lines = await readEditorLines(page);
    const headerOnDisk = (await readFile(join(workspace, 'run.csv'), 'utf8')).split('\n')[0]!;
    assert.equal(lines[0], headerOnDisk);
  });

  it('runs a built-in command from the palette', async () => {
    await runCommand(page, 'File: New Untitled Text File');
    await waitForActiveTab(page, 'Untitled-1');
  });

  it('reads the hover a language provides at a text position', async () => {
    // The settings schema is built in, so its hover works offline; this checks the helper itself.
    await mkdir(join(workspace, '.vscode'), { recursive: true });
    await writeFile(join(workspace, '.vscode', 'settings.json'), '{\n  "editor.wordWrap": "off"\n}\n');
    await openFile(page, '.vscode/settings.json');
    const hover = await hoverAt(page, 2, 8);
    assert.match(hover, /wrap/i);
    await screenshot(page, 'hover');
    await dismissHover(page);
  });

  it('lists the diagnostics a language reports in the Problems panel', async () => {
    await writeFile(join(workspace, 'broken.json'), '{ "step": }\n');
    await openFile(page, 'broken.json');
    const problems = await readProblems(page);
    assert.ok(
      problems.some((row) => /broken\.json/.test(row)) && problems.some((row) => /expected/i.test(row)),
      `problems: ${problems.join(' | ')}`,
    );
    await screenshot(page, 'problems');
  });

  it('reaches the content of a webview', async () => {
    await writeFile(join(workspace, 'notes.md'), '# Run notes\n\nStep 120 looked singular.\n');
    await openFile(page, 'notes.md');
    await runCommand(page, 'Markdown: Open Preview');
    const frame = await findWebviewFrame(page, { selector: 'h1' });
    assert.equal((await frame.locator('h1').first().textContent())?.trim(), 'Run notes');
    await screenshot(page, 'webview');
  });
});
