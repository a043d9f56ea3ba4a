// Runs test/integration/ui/*.test.ts with mocha in this (Node) process against the shared workbench.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { harnessEnvironment } from '../environment';
import type { SuiteResult } from '../results';
import { screenshot } from './helpers';
import { closeWorkbench, openedPage } from './workbench';

export async function runUiSuite(): Promise<SuiteResult> {
  const uiDir = join(harnessEnvironment().projectRoot, 'test', 'integration', 'ui');
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 90_000,
    rootHooks: {
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        const page = await openedPage();
        if (test?.state === 'failed' && page) {
          const path = await screenshot(page, `failed-${test.fullTitle()}`).catch(() => undefined);
          if (path) console.log(`    screenshot of the failure: ${path}`);
        }
      },
    },
  });
  for (const name of readdirSync(uiDir)
    .filter((file) => file.endsWith('.test.ts'))
    .sort()) {
    mocha.addFile(join(uiDir, name));
  }
  await mocha.loadFilesAsync();
  const result: SuiteResult = { suite: 'ui', passed: [], failed: [] };
  try {
    await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', (test) => result.passed.push(test.fullTitle()));
      runner.on('fail', (test, error: unknown) =>
        result.failed.push({
          title: test.fullTitle(),
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
      );
    });
  } finally {
    await closeWorkbench();
  }
  return result;
}
