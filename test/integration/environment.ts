// What scripts/testIntegration.mjs tells the suites about the running harness, through the
// environment (the extension host inherits code-server's environment, so both tiers read the same).
import { join } from 'node:path';

export interface HarnessEnvironment {
  /** http://127.0.0.1:PORT of the running code-server */
  origin: string;
  /** the folder the workbench opens: a fresh copy of examples/ */
  workspace: string;
  /** the repository root, loaded as the extension under development */
  projectRoot: string;
  /** where suites write their JSON results */
  resultsDir: string;
  /** test-results/integration: screenshots */
  screenshotsDir: string;
  /** the bundled extension-host suite (exports run()) */
  extensionHostEntry: string;
}

export const environmentKeys = {
  origin: 'SO3LENS_IT_ORIGIN',
  workspace: 'SO3LENS_IT_WORKSPACE',
  projectRoot: 'SO3LENS_IT_PROJECT_ROOT',
  resultsDir: 'SO3LENS_IT_RESULTS_DIR',
  screenshotsDir: 'SO3LENS_IT_SCREENSHOTS_DIR',
  extensionHostEntry: 'SO3LENS_IT_EXTENSION_HOST_ENTRY',
} as const satisfies Record<keyof HarnessEnvironment, string>;

function required(key: keyof HarnessEnvironment): string {
  const value = process.env[environmentKeys[key]];
  if (!value) {
    throw new Error(
      `${environmentKeys[key]} is not set: integration suites run through \`npm run test:integration\`, ` +
        'which starts code-server and sets it.',
    );
  }
  return value;
}

export function harnessEnvironment(): HarnessEnvironment {
  const projectRoot = required('projectRoot');
  return {
    origin: required('origin'),
    workspace: required('workspace'),
    projectRoot,
    resultsDir: required('resultsDir'),
    screenshotsDir:
      process.env[environmentKeys.screenshotsDir] || join(projectRoot, 'test-results', 'integration'),
    extensionHostEntry: required('extensionHostEntry'),
  };
}
