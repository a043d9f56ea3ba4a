// Where the code-server harness keeps its files. Everything lives in the project's gitignored
// `.cache/`, so the project's own dependencies never include code-server (it needs Node-native
// builds and a ripgrep binary that `npm ci` of the extension should not pay for).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// code-server 4.100.3 bundles VS Code 1.100.3; later releases require Node 22.
export const CODE_SERVER_VERSION = '4.100.3';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const cacheRoot = join(projectRoot, '.cache');
// SO3LENS_CODE_SERVER_HOME lets several clones share one install (or a test use a scratch one).
export const codeServerHome = resolve(process.env.SO3LENS_CODE_SERVER_HOME || join(cacheRoot, 'code-server'));
export const codeServerPackageDir = join(codeServerHome, 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerPackageDir, 'out', 'node', 'entry.js');
// Written only after a complete, successful install: a half-finished postinstall leaves
// code-server's package.json behind, so the package version alone is not proof.
export const installStamp = join(codeServerHome, 'installed-version');
