// The one way the harness starts Chromium: the Debian binary (playwright-core never downloads a
// browser), headless, a fresh profile per launch, and no traffic beyond the local code-server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

import { chromiumArgs, chromiumPath } from '../chromium';

export { chromiumPath };

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

const open = new Set<LaunchedBrowser>();

/** Closes every browser still open (an interrupted run), removing their profiles. */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...open].map((browser) => browser.close()));
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'so3lens-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1400, height: 900 },
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(
      `could not start Chromium at ${chromiumPath}: ${error instanceof Error ? error.message : error}\n` +
        '  What to do: install it (`sudo apt-get install chromium` on Debian) or point SO3LENS_CHROMIUM at a Chromium binary.',
      { cause: error },
    );
  }
  const browser: LaunchedBrowser = {
    context,
    async close() {
      open.delete(browser);
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  open.add(browser);
  return browser;
}
