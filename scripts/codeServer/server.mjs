// Starts code-server in its own process group with a private config, user-data and extensions
// folder, and stops the whole group (server, extension hosts, pty hosts) again.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry } from './paths.mjs';
import { freePort } from './freePort.mjs';

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/**
 * @typedef {object} CodeServer
 * @property {number} port
 * @property {string} origin        e.g. http://127.0.0.1:41234
 * @property {string} home          the temp folder holding config, user data and extensions
 * @property {string} extensionsDir
 * @property {() => string} output  everything the server printed so far
 * @property {() => Promise<void>} stop
 * @property {Promise<{ code: number | null, signal: string | null }>} exited  settles when the server process ends
 */

/**
 * @param {object} [options]
 * @param {number} [options.port]      default: a fresh free port
 * @param {string} [options.folder]    the folder the workbench opens when the URL names none
 * @param {Record<string, string>} [options.env]  extra environment, seen by the extension host too
 * @param {string[]} [options.extraArgs]
 * @param {Record<string, unknown>} [options.userSettings]  the user's settings.json
 * @param {string[]} [options.linkedExtensions]  extension folders to install by symlink (live code)
 * @param {(line: string) => void} [options.onOutput]
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer({
  port,
  folder,
  env = {},
  extraArgs = [],
  userSettings = {},
  linkedExtensions = [],
  onOutput,
} = {}) {
  const listenPort = port ?? (await freePort());
  const home = mkdtempSync(join(tmpdir(), 'so3lens-code-server-'));
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  // The server and its extension hosts leave IPC sockets in TMPDIR; inside home they go with it.
  const serverTmp = join(home, 'tmp');
  mkdirSync(serverTmp);
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(userSettings, null, 2)}\n`);
  for (const extension of linkedExtensions) linkExtension(extensionsDir, extension);
  const configPath = join(home, 'config.yaml');
  writeFileSync(configPath, `bind-addr: 127.0.0.1:${listenPort}\nauth: none\ncert: false\n`);

  const args = [
    codeServerEntry,
    '--config',
    configPath,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  // detached: the server leads a new process group, so one kill reaches every child it forks.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: serverTmp, ...env },
  });
  let output = '';
  const collect = (chunk) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (onOutput) for (const line of text.split('\n')) if (line.trim()) onOutput(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit({ code, signal })),
  );
  let running = true;
  void exited.then(() => (running = false));

  const killGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), signal);
    } catch {
      // The group is already gone.
    }
  };
  // A synchronous last resort: 'exit' handlers cannot wait, but they can still send SIGKILL.
  const killOnExit = () => killGroup('SIGKILL');
  process.on('exit', killOnExit);

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
      if (running) await exited;
      clearTimeout(timer);
      // Stragglers (an extension host that ignored SIGTERM) must not outlive the server.
      killGroup('SIGKILL');
      process.off('exit', killOnExit);
      rmSync(home, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };

  const origin = `http://127.0.0.1:${listenPort}`;
  try {
    await waitUntilHealthy(origin, exited);
  } catch (error) {
    const log = output.trim().split('\n').slice(-30).join('\n');
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}\ncode-server output:\n${log}`, {
      cause: error,
    });
  }
  return { port: listenPort, origin, home, extensionsDir, output: () => output, stop, exited };
}

/**
 * VS Code scans `<extensions-dir>/<publisher>.<name>-<version>/` at startup; a symlink to the
 * repository makes it a regular installed extension that runs the freshly built dist/.
 */
function linkExtension(extensionsDir, extensionPath) {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const folderName = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  symlinkSync(extensionPath, join(extensionsDir, folderName), 'dir');
}

async function waitUntilHealthy(origin, exited) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exitInfo;
  void exited.then((info) => (exitInfo = info));
  while (Date.now() < deadline) {
    if (exitInfo) {
      throw new Error(
        `code-server exited before listening (code ${exitInfo.code}, signal ${exitInfo.signal})`,
      );
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  throw new Error(`code-server did not answer at ${origin} within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

/**
 * Stops the server on Ctrl-C / SIGTERM / SIGHUP, then exits with the conventional code.
 * @param {() => Promise<void>} stop
 */
export function stopOnSignals(stop) {
  const handle = (signal, code) => {
    process.once(signal, () => {
      void stop().finally(() => process.exit(code));
    });
  };
  handle('SIGINT', 130);
  handle('SIGTERM', 143);
  handle('SIGHUP', 129);
}
