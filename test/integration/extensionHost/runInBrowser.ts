// Runs the bundled extension-host suite: opens the workbench with `extensionDevelopmentPath` and
// `extensionTestsPath` in its payload, so VS Code loads the extension, calls the bundle's run() in
// the remote extension host and reports the exit code through `codeAutomationExit`.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from '../browser';
import type { HarnessEnvironment } from '../environment';
import { outputMarkers, resultFileName, type SuiteResult } from '../results';
import { workbenchUrl } from '../workbenchUrl';

const SUITE_TIMEOUT_MS = 180_000;

export async function runExtensionHostSuite(env: HarnessEnvironment): Promise<SuiteResult> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The workbench sends its whole log here, the extension host's console (mocha's spec reporter)
    // included. The suite's own lines go to the terminal, everything goes to a log file.
    const logPath = join(env.screenshotsDir, 'extension-host.log');
    let inSuiteOutput = false;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      // A lost log line must not fail the run (a parallel run may have just cleared the folder).
      appendFile(logPath, `[${type}] ${text}\n`).catch(() => undefined);
      if (text.includes(outputMarkers.begin)) inSuiteOutput = true;
      else if (text.includes(outputMarkers.end)) inSuiteOutput = false;
      else if (inSuiteOutput) console.log(text);
    });
    const url = workbenchUrl(env.origin, {
      folder: env.workspace,
      extensionDevelopmentPath: env.projectRoot,
      extensionTestsPath: env.extensionHostEntry,
    });
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`the extension host did not finish the suite within ${SUITE_TIMEOUT_MS / 1000} s`),
          ),
        SUITE_TIMEOUT_MS,
      );
    });
    const code = await Promise.race([exitCode, timeout]).finally(() => clearTimeout(timer));
    const result = await readResult(env);
    if (code !== 0 && result.failed.length === 0) {
      result.crashed = `the extension host exited with code ${code} before any test failed (see the log above)`;
    }
    return result;
  } finally {
    await browser.close();
  }
}

async function readResult(env: HarnessEnvironment): Promise<SuiteResult> {
  const path = join(env.resultsDir, resultFileName('extensionHost'));
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SuiteResult;
  } catch {
    return {
      suite: 'extensionHost',
      passed: [],
      failed: [],
      crashed: `the suite wrote no results to ${path}`,
    };
  }
}
