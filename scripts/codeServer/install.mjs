// Installs code-server into .cache/code-server, idempotently. Run directly
// (`node scripts/codeServer/install.mjs`) or import `ensureCodeServer()`.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION, codeServerEntry, codeServerHome, installStamp } from './paths.mjs';
import { seedRipgrepCache } from './ripgrepCache.mjs';
import { InstallError } from './installError.mjs';

// What code-server's native modules need to build: node-pty and kerberos are compiled with
// node-gyp, kerberos against the MIT Kerberos headers.
const buildTools = [
  { command: 'make', apt: 'make' },
  { command: 'g++', apt: 'g++' },
  { command: 'python3', apt: 'python3' },
  { command: 'krb5-config', apt: 'libkrb5-dev' },
];

export function isCodeServerInstalled() {
  if (!existsSync(installStamp) || !existsSync(codeServerEntry)) return false;
  return readFileSync(installStamp, 'utf8').trim() === CODE_SERVER_VERSION;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function checkBuildTools() {
  const missing = buildTools.filter((tool) => !hasCommand(tool.command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => tool.apt))].join(' ');
  throw new InstallError(
    `code-server needs ${missing.map((tool) => `\`${tool.command}\``).join(', ')} to build its native modules.`,
    `install them: \`sudo apt-get install ${packages}\` (Debian/Ubuntu package names).`,
  );
}

function runNpmInstall(log) {
  const env = {
    ...process.env,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`, which would otherwise wait for a "yes".
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', ['install', '--no-package-lock', '--loglevel=error'], {
      cwd: codeServerHome,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail = [];
    const keep = (chunk) => {
      tail.push(chunk.toString());
      if (tail.length > 200) tail.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) =>
      reject(new InstallError(`could not run npm: ${error.message}`, 'check that npm is on PATH.')),
    );
    child.on('close', (code) => {
      if (code === 0) return resolvePromise();
      log(tail.join('').split('\n').slice(-40).join('\n'));
      reject(
        new InstallError(
          `\`npm install code-server@${CODE_SERVER_VERSION}\` in ${codeServerHome} exited with ${code} (last output above).`,
          'check the network access to the npm registry and the build tools (make, g++, python3, libkrb5-dev), ' +
            `then rerun; to start over delete ${codeServerHome}.`,
        ),
      );
    });
  });
}

// Several engineers (or `npm start` next to `npm test`) may install at once; npm installs into
// the same folder must not overlap. mkdir is atomic, so the lock is a folder.
const lockDir = `${codeServerHome}.lock`;
const STALE_LOCK_MS = 10 * 60_000;

async function withInstallLock(log, body) {
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir, { recursive: false });
      break;
    } catch (error) {
      if (error?.code !== 'EEXIST') throw error;
      const age = Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
      if (age > STALE_LOCK_MS) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`code-server: another install is running (${lockDir}); waiting for it`);
      announced = true;
      await new Promise((wake) => setTimeout(wake, 2_000));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Installs code-server unless the wanted version is already there.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>} the path of code-server's Node entry point
 */
export async function ensureCodeServer({ log = (line) => console.log(line) } = {}) {
  if (isCodeServerInstalled()) return codeServerEntry;
  mkdirSync(dirname(codeServerHome), { recursive: true });
  return withInstallLock(log, async () => {
    // The install we waited for may have done the job.
    if (isCodeServerInstalled()) return codeServerEntry;
    return install(log);
  });
}

async function install(log) {
  checkBuildTools();
  const tarball = seedRipgrepCache();
  log(
    `code-server: installing ${CODE_SERVER_VERSION} into ${codeServerHome} (about a minute; ripgrep from ${tarball})`,
  );
  mkdirSync(codeServerHome, { recursive: true });
  const manifest = {
    private: true,
    description: 'so3-lens test harness',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
  };
  writeFileSync(`${codeServerHome}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  const started = Date.now();
  await runNpmInstall(log);
  if (!existsSync(codeServerEntry)) {
    throw new InstallError(
      `npm finished but ${codeServerEntry} is missing.`,
      `delete ${codeServerHome} and rerun; if it persists, the code-server package layout changed.`,
    );
  }
  writeFileSync(installStamp, `${CODE_SERVER_VERSION}\n`);
  log(`code-server: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerEntry;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const entry = await ensureCodeServer();
    console.log(`code-server ${CODE_SERVER_VERSION} is ready: ${entry}`);
  } catch (error) {
    console.error(`code-server install failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
