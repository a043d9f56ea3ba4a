// What a person does in the workbench, as functions the UI tests share: open a file, run a palette
// command, read the editor, hover, reach a webview, take a screenshot. They drive the UI the way a
// user does (palette, Quick Open, mouse) and fail with messages that say what was on screen.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { harnessEnvironment } from '../environment';

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} .quick-input-box input`;
const quickInputRows = `${quickInput} .quick-input-list .monaco-list-row`;
const activeGroup = '.editor-group-container.active';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/** Waits until the workbench has restored and the explorer lists the workspace. */
export async function waitForWorkbench(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page
    .locator('.explorer-folders-view .monaco-list-row')
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Labels of the rows the quick input currently shows (for error messages). */
async function quickInputLabels(page: Page): Promise<string[]> {
  const labels = await page.locator(`${quickInputRows} .label-name`).allTextContents();
  return labels.map((label) => label.trim()).slice(0, 10);
}

async function openQuickInput(page: Page, text: string): Promise<void> {
  const box = page.locator(quickInputBox);
  if (!(await box.isVisible())) {
    await page.keyboard.press('F1');
    await box.waitFor({ state: 'visible', timeout: 10_000 });
  }
  await box.fill(text);
}

async function closeQuickInput(page: Page): Promise<void> {
  if (await page.locator(quickInputBox).isVisible()) await page.keyboard.press('Escape');
  await page.locator(quickInputBox).waitFor({ state: 'hidden', timeout: 5_000 });
}

/**
 * Types `text` into the quick input and picks the row labelled exactly `label`. Contributions can
 * arrive a moment after the workbench shows, so a missing row is retried until `timeoutMs`.
 */
async function pickFromQuickInput(page: Page, text: string, label: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openQuickInput(page, text);
    const row = page
      .locator(quickInputRows)
      .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) });
    try {
      await row.first().waitFor({ state: 'visible', timeout: 2_000 });
      await row.first().click();
      await page.locator(quickInputBox).waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (error) {
      const offered = await quickInputLabels(page);
      await closeQuickInput(page).catch(() => undefined);
      if (Date.now() > deadline) {
        throw new Error(
          `"${label}" did not appear in the quick input for "${text}" within ${timeoutMs / 1000} s; ` +
            `it offered: ${offered.length ? offered.map((o) => `"${o}"`).join(', ') : 'nothing'} ` +
            `(${error instanceof Error ? error.message.split('\n')[0] : error})`,
          { cause: error },
        );
      }
      await page.waitForTimeout(500);
    }
  }
}

/**
 * Runs a command from the palette (F1) by its full label as the palette shows it, e.g.
 * "View: Toggle Word Wrap" or "SO3 Lens: Open Dashboard".
 */
export async function runCommand(page: Page, label: string, { timeoutMs = 30_000 } = {}): Promise<void> {
  await pickFromQuickInput(page, `>${label}`, label, timeoutMs);
}

/** Opens a workspace file through Quick Open and waits until its editor tab is active. */
export async function openFile(page: Page, relativePath: string, { timeoutMs = 30_000 } = {}): Promise<void> {
  const name = relativePath.split('/').pop() ?? relativePath;
  await pickFromQuickInput(page, relativePath, name, timeoutMs);
  await waitForActiveTab(page, name);
}

/** Opens a file by clicking its row in the explorer (top-level files of the workspace). */
export async function openFromExplorer(page: Page, name: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', {
    has: page.locator('.label-name', { hasText: exactly(name) }),
  });
  await row.first().click();
  await waitForActiveTab(page, name);
}

export async function waitForActiveTab(page: Page, name: string, timeoutMs = 20_000): Promise<void> {
  await page
    .locator(`${activeGroup} .tab.active .label-name`, { hasText: exactly(name) })
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The label of the active editor's tab. */
export async function activeTabLabel(page: Page): Promise<string> {
  return (await page.locator(`${activeGroup} .tab.active .label-name`).first().textContent())?.trim() ?? '';
}

function activeEditor(page: Page): Locator {
  return page.locator(`${activeGroup} .monaco-editor`).first();
}

/**
 * The text lines the active editor renders. Monaco renders only the lines in view (and puts
 * non-breaking spaces in them), so this is what a person sees, not necessarily the whole file.
 */
export async function readEditorLines(page: Page): Promise<string[]> {
  const lines = activeEditor(page).locator('.view-lines .view-line');
  await lines.first().waitFor({ state: 'visible', timeout: 20_000 });
  const entries = await lines.evaluateAll((nodes) =>
    nodes.map((node) => ({
      top: parseFloat((node as { style: { top: string } }).style.top) || 0,
      text: node.textContent ?? '',
    })),
  );
  return entries.sort((a, b) => a.top - b.top).map((entry) => entry.text.replace(/\u00a0/g, ' '));
}

/** Moves the cursor like "Go to Line/Column" does (1-based line and column). */
export async function goToPosition(page: Page, line: number, column = 1): Promise<void> {
  await activeEditor(page).click({ position: { x: 5, y: 5 } });
  await openQuickInput(page, `:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator(quickInputBox).waitFor({ state: 'hidden', timeout: 5_000 });
}

const visibleHover = '.monaco-hover:not(.hidden) .hover-contents';

async function readHover(page: Page, timeoutMs: number): Promise<string> {
  const hover = page.locator(visibleHover).first();
  await hover.waitFor({ state: 'visible', timeout: timeoutMs });
  // Providers can resolve after the widget shows "Loading..."; wait for real content.
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await page.locator(visibleHover).allInnerTexts()).join('\n').trim();
    if (text && !/^Loading\.\.\.$/.test(text)) return text;
    await page.waitForTimeout(200);
  }
  return text;
}

/**
 * Asks for the hover until a provider answers: language servers start lazily, and a hover asked
 * for before they are ready shows nothing at all.
 */
async function retryHover(
  page: Page,
  show: () => Promise<void>,
  what: string,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await show();
    try {
      return await readHover(page, 3_000);
    } catch {
      if (Date.now() > deadline) throw new Error(`no hover appeared ${what} within ${timeoutMs / 1000} s`);
      await dismissHover(page);
      await page.waitForTimeout(500);
    }
  }
}

/** Shows the hover at a text position (keyboard: Go to Line/Column, then "Show or Focus Hover"). */
export async function hoverAt(
  page: Page,
  line: number,
  column: number,
  { timeoutMs = 30_000 } = {},
): Promise<string> {
  await goToPosition(page, line, column);
  return retryHover(page, () => runCommand(page, 'Show or Focus Hover'), `at ${line}:${column}`, timeoutMs);
}

/** Points the mouse at the first rendered occurrence of `text` in the active editor and reads the hover. */
export async function hoverOverText(page: Page, text: string, { timeoutMs = 30_000 } = {}): Promise<string> {
  const token = activeEditor(page).locator('.view-line span span', { hasText: text }).first();
  await token.waitFor({ state: 'visible', timeout: timeoutMs });
  const show = async (): Promise<void> => {
    await page.mouse.move(0, 0);
    await token.hover();
  };
  return retryHover(page, show, `over "${text}"`, timeoutMs);
}

/** Hides a visible hover so it does not cover what comes next. */
export async function dismissHover(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page
    .locator(visibleHover)
    .first()
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => undefined);
}

// A webview is an `iframe.webview` host page (pre/index.html) whose child frame holds the content;
// the child is created as `pending-frame` and swapped in as `active-frame`, so it is found by its
// parent rather than by its name.
function isWebviewContent(frame: Frame): boolean {
  const parent = frame.parentFrame();
  return !frame.isDetached() && parent !== null && /\/webview\/browser\/pre\/index\.html/.test(parent.url());
}

/**
 * The content frame of a webview. With `selector`, waits for a webview whose content has it
 * (several webviews may be open).
 */
export async function findWebviewFrame(
  page: Page,
  { selector, timeoutMs = 30_000 }: { selector?: string; timeoutMs?: number } = {},
): Promise<Frame> {
  await page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames().filter(isWebviewContent)) {
      if (!selector) return frame;
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    }
    await page.waitForTimeout(250);
  }
  const frames = page.frames().map((frame) => `${frame.name() || '(unnamed)'} ${frame.url().slice(0, 100)}`);
  throw new Error(
    `no webview content frame${selector ? ` containing "${selector}"` : ''} within ${timeoutMs / 1000} s; ` +
      `frames: ${frames.join(' | ')}`,
  );
}

/** Saves a full-window screenshot to test-results/integration/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = harnessEnvironment().screenshotsDir;
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}

/** Closes every editor, discarding unsaved changes (a test's edits must not block the next test). */
export async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ });
  const tabs = page.locator('.editor-group-container .tab');
  const deadline = Date.now() + 10_000;
  while ((await tabs.count()) > 0) {
    if (await dontSave.isVisible()) await dontSave.click();
    if (Date.now() > deadline)
      throw new Error(`editors still open after "Close All Editors": ${await tabs.allInnerTexts()}`);
    await page.waitForTimeout(100);
  }
}

/** The texts of the notification toasts on screen (errors from commands show up here). */
export async function notificationTexts(page: Page): Promise<string[]> {
  return (await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map(
    (t) => t.trim(),
  );
}

/**
 * The rows of the Problems panel (file rows and diagnostic rows, as their accessible labels),
 * waiting until at least `atLeast` diagnostic rows show: diagnostics arrive asynchronously.
 */
export async function readProblems(page: Page, { atLeast = 1, timeoutMs = 30_000 } = {}): Promise<string[]> {
  await runCommand(page, 'Problems: Focus on Problems View');
  const rows = page.locator('.markers-panel .monaco-list-row');
  const deadline = Date.now() + timeoutMs;
  let labels: string[] = [];
  while (Date.now() < deadline) {
    labels = (
      await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''))
    ).filter(Boolean);
    if (labels.length > atLeast) return labels;
    await page.waitForTimeout(250);
  }
  throw new Error(
    `the Problems panel showed ${labels.length} row(s) within ${timeoutMs / 1000} s: ${labels.join(' | ')}`,
  );
}
