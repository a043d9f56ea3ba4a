// Folders the workbench opens: a copy of the committed example logs, so the demo and the tests
// never depend on files outside the repository and never modify the committed originals.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths.mjs';

export const examplesDir = join(projectRoot, 'examples');
export const demoWorkspace = join(projectRoot, '.demo', 'workspace');

/**
 * Copies examples/ into `target`, refreshing the example files and keeping anything else there.
 * @param {string} target
 * @returns {string} target
 */
export function copyExamplesInto(target) {
  mkdirSync(target, { recursive: true });
  cpSync(examplesDir, target, { recursive: true, force: true });
  return target;
}

/** @returns {string} the demo workspace served by `npm start` */
export function prepareDemoWorkspace() {
  return copyExamplesInto(demoWorkspace);
}

/** @returns {string} a fresh temp workspace for one integration run */
export function prepareTestWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'so3lens-it-'));
  return copyExamplesInto(join(root, 'workspace'));
}
