import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { closeAllEditors, openFile, runCommand, screenshot, waitForActiveTab } from './helpers';
import { workbench } from './workbench';

describe('the so3-lens extension in the workbench', () => {
  let page: Page;

  before(async () => {
    ({ page } = await workbench());
  });

  after(async () => {
    await closeAllEditors(page);
  });

  it('is running once a log is open', async () => {
    await openFile(page, 'run.jsonl');
    await runCommand(page, 'Developer: Show Running Extensions');
    await waitForActiveTab(page, 'Running Extensions');
    const entry = page.locator('.runtime-extensions-editor .monaco-list-row', {
      hasText: /SO3 Lens|so3-lens\.so3-lens/,
    });
    await entry.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await entry.count(), 1);
    await screenshot(page, 'running-extensions');
  });
});
