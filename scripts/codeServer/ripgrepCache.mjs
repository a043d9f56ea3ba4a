// @vscode/ripgrep's postinstall downloads its binary from GitHub unless the release tarball is
// already in `<os.tmpdir()>/vscode-ripgrep-cache-<package version>/`. It then runs
// `tar xvf <tarball> -C bin` and expects `bin/rg`, so the tarball holds one file, `rg`, at its root.
// Seeding it with Debian's `rg` makes the install work offline.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { InstallError } from './installError.mjs';

// The versions pinned by the VS Code 1.100 build that code-server 4.100.3 ships.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';

function ripgrepTarget() {
  if (process.platform !== 'linux') {
    throw new InstallError(
      `the code-server harness seeds ripgrep for Linux only (this is ${process.platform}).`,
      'run the integration tests on Linux, or install code-server yourself into .cache/code-server.',
    );
  }
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  throw new InstallError(`no ripgrep target known for CPU ${process.arch}.`, 'use an x64 or arm64 machine.');
}

export function ripgrepTarballPath() {
  const cacheDir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  return join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${ripgrepTarget()}.tar.gz`);
}

function findSystemRipgrep() {
  const found = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  if (!path) {
    throw new InstallError(
      'ripgrep (`rg`) is not installed; code-server needs it and cannot download it here.',
      'install it: `sudo apt-get install ripgrep` (Debian/Ubuntu) or your system package manager.',
    );
  }
  return path;
}

/** Ensures the tarball exists; returns its path. */
export function seedRipgrepCache() {
  const tarball = ripgrepTarballPath();
  if (existsSync(tarball) && statSync(tarball).size > 0) return tarball;
  const rg = findSystemRipgrep();
  mkdirSync(dirname(tarball), { recursive: true });
  // -h stores the file a symlinked `rg` points to, not the link itself.
  const tar = spawnSync('tar', ['-czhf', tarball, '-C', dirname(rg), 'rg'], { encoding: 'utf8' });
  if (tar.status !== 0) {
    throw new InstallError(
      `could not write the ripgrep cache tarball ${tarball}: ${tar.stderr || tar.error?.message}`,
      'check that `tar` is installed and the temp folder is writable (TMPDIR).',
    );
  }
  return tarball;
}
