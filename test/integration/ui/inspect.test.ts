import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { closeAllEditors, findWebviewFrame, runCommand, screenshot } from './helpers';
import { workbench } from './workbench';

// Inspect Matrix with nothing selected asks for a matrix, takes a mathjs expression, and shows the
// result as a Markdown preview.
describe('Inspect Matrix in the workbench', () => {
  let page: Page;

  before(async () => {
    ({ page } = await workbench());
    await closeAllEditors(page);
  });

  after(async () => {
    await closeAllEditors(page);
  });

  it('reads a typed expression and shows every number in a preview', async () => {
    await runCommand(page, 'SO3 Lens: Inspect Matrix');
    const box = page.locator('.quick-input-widget input');
    await box.waitFor({ state: 'visible', timeout: 20_000 });
    await box.fill('[[1, 0, 0], [0, 0.5, 0], [0, 0, -0.49]]');
    await page.keyboard.press('Enter');
    const frame = await findWebviewFrame(page, { selector: 'h1', timeoutMs: 60_000 });
    const text = await frame.locator('body').innerText();
    assert.match(text, /SO3 Lens: Inspect Matrix/);
    assert.match(text, /κ = \(σ1\+σ2\)\/\(σ2\+σ3\)\s+150/);
    assert.match(text, /det-negative/);
    await screenshot(page, 'inspect-matrix');
  });
});
