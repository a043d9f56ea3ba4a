// `npm start`: build, refresh the demo workspace from examples/ (plus the three `so3lens demo` runs in
// demo/, trained once when missing), install code-server if missing, and serve VS Code with this
// extension at http://127.0.0.1:$PORT (default 8080) until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from './codeServer/install.mjs';
import { projectRoot } from './codeServer/paths.mjs';
import { isPortFree } from './codeServer/portCheck.mjs';
import { startCodeServer, stopOnSignals } from './codeServer/server.mjs';
import { quietUserSettings } from './codeServer/settings.mjs';
import { prepareDemoWorkspace } from './codeServer/workspace.mjs';

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function readPort() {
  const raw = process.env.PORT ?? '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`PORT must be a port number (1-65535), got "${raw}".`);
  return port;
}

/** The three demo runs (`so3lens demo`, default seed and steps: a few seconds), unless already there. */
function addDemoRuns(folder) {
  const files = ['svd-in-loop.jsonl', 'svd-in-loop.npy', 'direct-9d.jsonl', 'gs-6d.jsonl'];
  if (files.every((name) => existsSync(join(folder, name)))) return;
  console.log('npm start: training the demo runs (so3lens demo) into the workspace ...');
  const demo = spawnSync(process.execPath, [join(projectRoot, 'dist', 'cli.js'), 'demo', '--out', folder], {
    stdio: 'inherit',
  });
  if (demo.status !== 0) fail('so3lens demo failed; see its output above.');
}

async function main() {
  const port = readPort();
  if (!(await isPortFree(port))) {
    fail(
      `port ${port} on 127.0.0.1 is already in use. Stop what uses it, or pick another: PORT=8081 npm start`,
    );
  }
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) fail('the build (node esbuild.mjs) failed; fix the errors above.');
  const workspace = prepareDemoWorkspace();
  addDemoRuns(join(workspace, 'demo'));
  try {
    await ensureCodeServer();
  } catch (error) {
    fail(`could not install code-server: ${error instanceof Error ? error.message : error}`);
  }

  let server;
  try {
    // The repository itself is linked in as an installed extension, so opening the plain URL loads
    // it; rebuilding (npm run watch) plus "Developer: Reload Window" picks up changes.
    server = await startCodeServer({
      port,
      folder: workspace,
      linkedExtensions: [projectRoot],
      userSettings: quietUserSettings,
    });
  } catch (error) {
    fail(`code-server did not start: ${error instanceof Error ? error.message : error}`);
  }
  let stopping = false;
  stopOnSignals(() => {
    stopping = true;
    return server.stop();
  });

  console.log('');
  console.log(`SO3 Lens is running in VS Code at ${server.origin}`);
  console.log(`  workspace: ${workspace} (a copy of examples/; open run.jsonl to start)`);
  console.log('  demo/ holds the three demo training runs (svd-in-loop, direct-9d, gs-6d)');
  console.log('  Press Ctrl-C to stop.');

  const { code, signal } = await server.exited;
  if (stopping) return; // the signal handler exits once the group is gone
  console.error(
    `npm start: code-server stopped by itself (code ${code}, signal ${signal}). Its last output:`,
  );
  console.error(server.output().trim().split('\n').slice(-20).join('\n'));
  await server.stop();
  process.exit(1);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
