// One workbench page shared by every UI test file: loading VS Code takes seconds, so the suite
// opens it once, with the extension under development loaded, and closes it after the last test.
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../browser';
import { harnessEnvironment, type HarnessEnvironment } from '../environment';
import { workbenchUrl } from '../workbenchUrl';
import { waitForWorkbench } from './helpers';

export interface Workbench {
  page: Page;
  env: HarnessEnvironment;
  /** uncaught errors of the workbench page, for diagnosing a failed test */
  pageErrors: string[];
}

let browser: LaunchedBrowser | undefined;
let shared: Promise<Workbench> | undefined;

async function open(): Promise<Workbench> {
  const env = harnessEnvironment();
  browser = await launchChromium();
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(
    workbenchUrl(env.origin, { folder: env.workspace, extensionDevelopmentPath: env.projectRoot }),
  );
  await waitForWorkbench(page);
  return { page, env, pageErrors };
}

/** The shared workbench, opened on first use. */
export function workbench(): Promise<Workbench> {
  shared ??= open();
  return shared;
}

/** The shared page if it was opened, without opening it. */
export async function openedPage(): Promise<Page | undefined> {
  if (!shared) return undefined;
  return (await shared.catch(() => undefined))?.page;
}

export async function closeWorkbench(): Promise<void> {
  shared = undefined;
  await browser?.close();
  browser = undefined;
}
