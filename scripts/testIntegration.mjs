// `npm run test:integration`: build, install code-server if missing, start it on a fresh port, run
// the extension-host suite and the UI suite against it (test/integration/run.ts), always stop the
// server, print the results and a final "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer } from './codeServer/install.mjs';
import { bundleExtensionHostSuite, extensionHostBundleDir } from './codeServer/extensionHostBundle.mjs';
import { projectRoot } from './codeServer/paths.mjs';
import { freePort } from './codeServer/freePort.mjs';
import { startCodeServer, stopOnSignals } from './codeServer/server.mjs';
import { testUserSettings } from './codeServer/settings.mjs';
import { prepareTestWorkspace } from './codeServer/workspace.mjs';

const RUN_TIMEOUT_MS = 10 * 60_000;
const chromiumPath = process.env.SO3LENS_CHROMIUM ?? '/usr/bin/chromium';
const screenshotsDir = join(projectRoot, 'test-results', 'integration');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function fail(message) {
  console.error(`\ntest:integration: ${message}`);
  console.error('0 passed, 1 failed');
  process.exit(1);
}

function build() {
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) fail('the build (node esbuild.mjs) failed; fix the errors above.');
}

/** @type {import('node:child_process').ChildProcess | undefined} */
let suitesProcess;

// SIGTERM first: playwright closes its Chromium on SIGTERM, SIGKILL would orphan it.
function stopSuites() {
  const child = suitesProcess;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

function runSuites(env) {
  return new Promise((resolveRun) => {
    const args = ['--import', 'tsx', 'test/integration/run.ts', ...process.argv.slice(2)];
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: 'inherit' });
    suitesProcess = child;
    const timer = setTimeout(() => {
      console.error(
        `test:integration: the suites ran longer than ${RUN_TIMEOUT_MS / 60_000} min; stopping them.`,
      );
      void stopSuites();
    }, RUN_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveRun(code ?? (signal ? 1 : 0));
    });
  });
}

function readResults(resultsDir) {
  if (!existsSync(resultsDir)) return [];
  return readdirSync(resultsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')));
}

function report(results, runnerExitCode) {
  let passed = 0;
  let failed = 0;
  for (const result of results) {
    passed += result.passed.length;
    failed += result.failed.length;
    for (const failure of result.failed)
      console.error(`\nFAILED [${result.suite}] ${failure.title}\n${failure.error}`);
    if (result.crashed) {
      failed += 1;
      console.error(`\nCRASHED [${result.suite}] ${result.crashed}`);
    }
  }
  const suites = new Set(results.map((result) => result.suite));
  for (const suite of ['extensionHost', 'ui', 'package']) {
    if (!suites.has(suite) && process.argv.length <= 2) {
      failed += 1;
      console.error(
        `\nMISSING [${suite}] the suite produced no results (runner exit code ${runnerExitCode})`,
      );
    }
  }
  if (runnerExitCode !== 0 && failed === 0) {
    failed += 1;
    console.error(`\nthe suite runner exited with code ${runnerExitCode}`);
  }
  console.log(`\nintegration tier took ${elapsed()}; screenshots in ${screenshotsDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}

async function main() {
  if (!existsSync(chromiumPath)) {
    fail(
      `Chromium is not installed at ${chromiumPath}.\n  What to do: \`sudo apt-get install chromium\` (Debian), ` +
        'or set SO3LENS_CHROMIUM to a Chromium binary.',
    );
  }
  build();
  try {
    await ensureCodeServer();
  } catch (error) {
    fail(`could not install code-server: ${error instanceof Error ? error.message : error}`);
  }
  const extensionHostEntry = await bundleExtensionHostSuite();
  const workspace = prepareTestWorkspace();
  const resultsDir = mkdtempSync(join(tmpdir(), 'so3lens-it-results-'));
  // 'exit' also runs after fail() and after the signal handler, so no path leaves these behind.
  process.on('exit', () => {
    for (const dir of [join(workspace, '..'), resultsDir, extensionHostBundleDir]) {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  rmSync(screenshotsDir, { recursive: true, force: true });
  mkdirSync(screenshotsDir, { recursive: true });

  // Chosen before the start so the extension host, too, sees the whole harness environment.
  const port = await freePort();
  const harnessEnv = {
    SO3LENS_IT_ORIGIN: `http://127.0.0.1:${port}`,
    SO3LENS_IT_WORKSPACE: workspace,
    SO3LENS_IT_PROJECT_ROOT: projectRoot,
    SO3LENS_IT_RESULTS_DIR: resultsDir,
    SO3LENS_IT_SCREENSHOTS_DIR: screenshotsDir,
    SO3LENS_IT_EXTENSION_HOST_ENTRY: extensionHostEntry,
  };
  let server;
  try {
    server = await startCodeServer({
      port,
      folder: workspace,
      env: harnessEnv,
      userSettings: testUserSettings,
    });
  } catch (error) {
    fail(`code-server did not start: ${error instanceof Error ? error.message : error}`);
  }
  let interrupted = false;
  stopOnSignals(async () => {
    interrupted = true;
    console.error('\ntest:integration: interrupted; stopping the suites and code-server.');
    await stopSuites();
    await server.stop();
  });
  console.log(`test:integration: code-server listening at ${server.origin} after ${elapsed()}`);
  let results;
  let exitCode;
  try {
    exitCode = await runSuites({ ...process.env, ...harnessEnv });
    if (interrupted) return; // the signal handler stops the server and exits
    results = readResults(resultsDir);
  } finally {
    await server.stop();
  }
  process.exit(report(results, exitCode) ? 0 : 1);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
