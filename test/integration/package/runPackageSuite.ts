// Runs test/integration/package/*.test.ts with mocha in this (Node) process: the .vsix as a user
// builds and installs it. Needs code-server installed, not running.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { harnessEnvironment } from '../environment';
import type { SuiteResult } from '../results';

export async function runPackageSuite(): Promise<SuiteResult> {
  const dir = join(harnessEnvironment().projectRoot, 'test', 'integration', 'package');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000 });
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .sort())
    mocha.addFile(join(dir, name));
  await mocha.loadFilesAsync();
  const result: SuiteResult = { suite: 'package', passed: [], failed: [] };
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
  return result;
}
