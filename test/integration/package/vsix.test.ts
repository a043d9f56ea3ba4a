import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { harnessEnvironment } from '../environment';

// `npm run package` as a user runs it, then the .vsix installed into code-server as
// `code --install-extension` would install it into desktop VS Code.
describe('the packaged extension', () => {
  const { projectRoot } = harnessEnvironment();
  const scratch = mkdtempSync(join(tmpdir(), 'so3lens-vsix-'));
  const vsix = join(scratch, 'so3-lens.vsix');
  const entries: string[] = [];

  before(function () {
    this.timeout(180_000);
    const result = spawnSync('npm', ['run', 'package', '--', '--out', vsix], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
    // The filter sees every entry's name; returning false skips decompressing it.
    unzipSync(new Uint8Array(readFileSync(vsix)), {
      filter: (file) => {
        entries.push(file.name);
        return false;
      },
    });
  });

  after(() => {
    rmSync(scratch, { recursive: true, force: true });
    // The package script leaves a minified build in dist/; later tiers rebuild as they need.
  });

  it('is bundled and small: no node_modules, no sources, no source maps, under 8 MB', () => {
    const size = statSync(vsix).size;
    assert.ok(size < 8 * 1024 * 1024, `${size} bytes`);
    for (const needed of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/analysisWorker.js',
      'extension/dist/webview.js',
      'extension/media/icon.png',
      'extension/media/dashboard.css',
      'extension/readme.md',
      'extension/changelog.md',
    ]) {
      assert.ok(
        entries.some((e) => e.toLowerCase() === needed.toLowerCase()),
        `${needed} missing from ${entries.join(', ')}`,
      );
    }
    assert.deepEqual(
      entries.filter((e) => /node_modules\/|\.ts$|\.map$|^extension\/(src|test|scripts)\//.test(e)),
      [],
    );
  });

  it('installs into VS Code (code-server --install-extension)', () => {
    const extensionsDir = join(scratch, 'extensions');
    const codeServer = join(
      process.env.SO3LENS_CODE_SERVER_HOME || join(projectRoot, '.cache', 'code-server'),
      'node_modules',
      'code-server',
      'out',
      'node',
      'entry.js',
    );
    assert.ok(existsSync(codeServer), `code-server entry ${codeServer}`);
    const result = spawnSync(
      process.execPath,
      [
        codeServer,
        '--extensions-dir',
        extensionsDir,
        '--user-data-dir',
        join(scratch, 'user'),
        '--install-extension',
        vsix,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(result.status, 0, `install failed:\n${result.stdout}\n${result.stderr}`);
    const installed = readdirSync(extensionsDir).filter((name) => name.startsWith('so3-lens.so3-lens-'));
    assert.equal(installed.length, 1, `installed: ${readdirSync(extensionsDir).join(', ')}`);
    const manifest = JSON.parse(readFileSync(join(extensionsDir, installed[0]!, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'so3-lens');
    assert.ok(existsSync(join(extensionsDir, installed[0]!, 'dist', 'extension.js')));
  });
});
