// The integration tiers, run by scripts/testIntegration.mjs once code-server is up: first the
// extension-host suite (mocha inside VS Code's extension host), then the UI suite (mocha here,
// driving the workbench in Chromium). Each suite's result lands in the results folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeAllBrowsers } from './browser';
import { harnessEnvironment } from './environment';
import { runExtensionHostSuite } from './extensionHost/runInBrowser';
import { resultFileName, type SuiteResult } from './results';
import { runUiSuite } from './ui/runUiSuite';
import { runPackageSuite } from './package/runPackageSuite';

const env = harnessEnvironment();
mkdirSync(env.resultsDir, { recursive: true });

async function runSuite(suite: string, body: () => Promise<SuiteResult>): Promise<SuiteResult> {
  console.log(`\n== integration: ${suite} suite ==`);
  const started = Date.now();
  let result: SuiteResult;
  try {
    result = await body();
  } catch (error) {
    result = {
      suite,
      passed: [],
      failed: [],
      crashed: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  writeFileSync(join(env.resultsDir, resultFileName(suite)), JSON.stringify(result, null, 2));
  console.log(`== integration: ${suite} suite took ${((Date.now() - started) / 1000).toFixed(1)} s ==`);
  return result;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'extensionHost') await runSuite('extensionHost', () => runExtensionHostSuite(env));
  if (!only || only === 'ui') await runSuite('ui', runUiSuite);
  // Last: packaging rebuilds dist/ minified, which the running workbench must not pick up mid-suite.
  if (!only || only === 'package') await runSuite('package', runPackageSuite);
}

// Interrupted (Ctrl-C, or the runner's timeout): close Chromium and its profile before leaving.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    void closeAllBrowsers().finally(() => process.exit(code));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
