import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  closeAllEditors,
  dismissHover,
  findWebviewFrame,
  hoverAt,
  openFile,
  readProblems,
  runCommand,
  screenshot,
  waitForActiveTab,
  waitForWorkbench,
} from './helpers';
import { workbench } from './workbench';

// What a person does with SO3 Lens: open a log, analyze it from the palette, read the dashboard,
// click a flagged step to land on its line, hover a printed matrix.
describe('SO3 Lens in the workbench', () => {
  let page: Page;

  before(async () => {
    ({ page } = await workbench());
  });

  after(async () => {
    await closeAllEditors(page);
  });

  it('analyzes the open log from the palette and shows the dashboard', async () => {
    await closeAllEditors(page);
    await openFile(page, 'run.jsonl');
    await runCommand(page, 'SO3 Lens: Analyze Log File');
    const frame = await findWebviewFrame(page, { selector: '#flags tbody tr.flag-row', timeoutMs: 60_000 });
    const canvases = await frame.locator('canvas').count();
    assert.ok(canvases >= 6, `the dashboard draws its charts (${canvases} canvases)`);
    const header = await frame.locator('body').innerText();
    assert.match(header, /run\.jsonl/);
    await screenshot(page, 'dashboard-run-jsonl');
  });

  it('reveals a flagged step in the log when its table row is clicked', async () => {
    const frame = await findWebviewFrame(page, { selector: '#flags tbody tr.flag-row' });
    const row = frame.locator('#flags tbody tr.flag-row', { hasText: 'non-finite' }).first();
    await row.scrollIntoViewIfNeeded();
    await row.click();
    await waitForActiveTab(page, 'run.jsonl');
    const position = page.locator('.statusbar-item[id$="status.editor.selection"]');
    await position.waitFor({ state: 'visible', timeout: 20_000 });
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await position.innerText();
      if (/Ln 6\b/.test(text)) break;
      await page.waitForTimeout(200);
    }
    assert.match(text, /Ln 6\b/, 'the cursor is on line 6, the NaN record of step 500');
    await screenshot(page, 'revealed-flagged-step');
  });

  it('lists the unreadable line and the flagged matrices in the Problems panel', async () => {
    const problems = await readProblems(page, { atLeast: 3 });
    const text = problems.join('\n');
    assert.match(text, /expected a complete JSON record/);
    // The panel's list is virtual: only the first rows exist in the DOM.
    assert.match(text, /Warning: step \d+, matrix \d+: (det < 0|near-singular)/);
    await screenshot(page, 'problems-panel');
  });

  it('restores the dashboard with its runs after a window reload', async () => {
    await runCommand(page, 'Developer: Reload Window');
    await waitForWorkbench(page);
    const frame = await findWebviewFrame(page, { selector: '#flags tbody tr.flag-row', timeoutMs: 90_000 });
    assert.match(await frame.locator('body').innerText(), /run\.jsonl/);
    await screenshot(page, 'dashboard-restored-after-reload');
  });

  it('hovers a matrix printed by NumPy in a .log file', async () => {
    await closeAllEditors(page);
    await openFile(page, 'printed.log');
    // Line 3 is the middle row of a matrix NumPy printed over three lines.
    const hover = await hoverAt(page, 3, 12);
    assert.match(hover, /SO3 Lens/);
    assert.match(hover, /κ \(SVD Jacobian\)/);
    await screenshot(page, 'hover-printed-log');
    await dismissHover(page);
  });
});
