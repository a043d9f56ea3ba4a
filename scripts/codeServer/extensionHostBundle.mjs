// Bundles the extension-host suite (test/integration/extensionHost/*.test.ts plus mocha) into one
// CommonJS file the extension host can load as `extensionTestsPath`. `vscode` stays external: the
// host provides it. The generated entry requires each test file inside `loadTests`, after
// index.ts has installed mocha's BDD globals.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, projectRoot } from './paths.mjs';

export const extensionHostSuiteDir = join(projectRoot, 'test', 'integration', 'extensionHost');
// One folder per run, so engineers running the tier at the same time never load each other's bundle.
export const extensionHostBundleDir = join(cacheRoot, 'integration', `run-${process.pid}`);

/** @returns {Promise<string>} the bundle's path (remove extensionHostBundleDir when done) */
export async function bundleExtensionHostSuite() {
  const extensionHostBundle = join(extensionHostBundleDir, 'index.js');
  const testFiles = readdirSync(extensionHostSuiteDir)
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  if (testFiles.length === 0) throw new Error(`no *.test.ts files in ${extensionHostSuiteDir}`);
  const requires = testFiles.map((name) => `    require('./${name}');`).join('\n');
  const entry = `import { runMocha } from './index';\nexport function run(): Promise<void> {\n  return runMocha(() => {\n${requires}\n  });\n}\n`;
  await esbuild.build({
    stdin: { contents: entry, resolveDir: extensionHostSuiteDir, sourcefile: 'suiteEntry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    outfile: extensionHostBundle,
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    // Mocha's parallel mode resolves worker files at run time; the suite runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return extensionHostBundle;
}
