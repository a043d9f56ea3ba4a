// The webview test harness: builds the dashboard bundle, serves it from 127.0.0.1 in the panel's
// own HTML (same CSP, same nonce rule), and opens it in Debian's Chromium through playwright-core.
// The page gets a VS Code API shim whose messages reach the test; the test delivers host messages.

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dashboardHtml } from '../../src/dashboard/html';
import type { FromWebviewMessage, ToWebviewMessage } from '../../src/shared/protocol';
import { nextFrames, type PageGlobals } from './browserGlobals';
import { THEMES, type ThemeName } from './themes';
import { chromiumArgs, chromiumPath } from '../chromium';

const ROOT = join(__dirname, '..', '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Tests run against dist/webview.js as `node esbuild.mjs` builds it (browser target). A bundle
 * older than its sources is rebuilt here with the same options; a fresh one (also a production
 * build) is used as it is.
 */
export async function buildWebview(): Promise<void> {
  const bundle = join(ROOT, 'dist', 'webview.js');
  const sources = Math.max(newestSource(join(ROOT, 'webview')), newestSource(join(ROOT, 'src', 'shared')));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  await esbuild.build({
    entryPoints: { webview: join(ROOT, 'webview/main.ts') },
    outdir: join(ROOT, 'dist'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

const FILES: Record<string, { path: string; type: string }> = {
  '/dist/webview.js': { path: 'dist/webview.js', type: 'text/javascript' },
  '/media/dashboard.css': { path: 'media/dashboard.css', type: 'text/css' },
  '/harness/shim.js': { path: 'test/webview/shim.js', type: 'text/javascript' },
};

export interface HarnessServer {
  origin: string;
  close(): Promise<void>;
}

/** A server for exactly the page and its assets; every page load gets a fresh nonce. */
export async function startServer(): Promise<HarnessServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://${request.headers.host}`;
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      const html = dashboardHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/dist/webview.js`,
        styleUri: `${origin}/media/dashboard.css`,
      }).replace('<script ', `<script nonce="${nonce}" src="${origin}/harness/shim.js"></script>\n<script `);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
      return;
    }
    const file = FILES[url.pathname];
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    if (!file) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
    response.end(readFileSync(join(ROOT, file.path)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
}

export interface Dashboard {
  page: Page;
  /** Every message the webview posted, in order. */
  posted: FromWebviewMessage[];
  /** The last `setState` value. */
  state(): unknown;
  violations: CspViolation[];
  errors: string[];
  deliver(message: ToWebviewMessage): Promise<void>;
  /** Resolves with the first posted message of this type after `since` messages. */
  nextPosted<T extends FromWebviewMessage['type']>(
    type: T,
    since?: number,
  ): Promise<Extract<FromWebviewMessage, { type: T }>>;
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  /** What `getState()` returns at start (a restored panel). */
  initialState?: unknown;
}

export async function openDashboard(
  browser: Browser,
  origin: string,
  options: OpenOptions = {},
): Promise<Dashboard> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 1000 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const posted: FromWebviewMessage[] = [];
  const violations: CspViolation[] = [];
  const errors: string[] = [];
  let state: unknown = options.initialState;
  const waiters: Array<() => void> = [];
  await page.exposeFunction('__toHost', (message: FromWebviewMessage) => {
    posted.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  await page.exposeFunction('__stateToHost', (next: unknown) => {
    state = next;
  });
  await page.exposeFunction('__cspViolation', (violation: CspViolation) => {
    violations.push(violation);
  });
  page.on('pageerror', (error) => errors.push(String(error.stack ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const theme = THEMES[options.theme ?? 'dark'];
  await page.addInitScript(
    ({ initialState, variables }) => {
      const w = globalThis as unknown as { __so3InitialState: unknown; __so3ThemeVariables: unknown };
      w.__so3InitialState = initialState;
      w.__so3ThemeVariables = variables;
    },
    { initialState: options.initialState, variables: theme.variables },
  );
  await page.goto(`${origin}/`);
  await page.evaluate((bodyClass) => {
    const { document } = globalThis as unknown as PageGlobals;
    document.body.classList.add(bodyClass);
    document.body.dataset.vscodeThemeKind = bodyClass;
  }, theme.bodyClass);

  const nextPosted = <T extends FromWebviewMessage['type']>(type: T, since = 0) =>
    new Promise<Extract<FromWebviewMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${type}' message was posted`)), 10_000);
      const check = () => {
        const found = posted.slice(since).find((m) => m.type === type);
        if (found) {
          clearTimeout(timer);
          resolve(found as Extract<FromWebviewMessage, { type: T }>);
        } else waiters.push(check);
      };
      check();
    });

  await nextPosted('ready');
  return {
    page,
    posted,
    state: () => state,
    violations,
    errors,
    async deliver(message) {
      await page.evaluate(
        (m) => (globalThis as unknown as { __deliver(m: unknown): void }).__deliver(m),
        message as unknown,
      );
      // Two frames: the message handler has run and Chart.js has drawn.
      await page.evaluate(nextFrames);
    },
    nextPosted,
    async setTheme(name) {
      const next = THEMES[name];
      await page.evaluate(
        ({ bodyClass, variables }) => {
          const { document } = globalThis as unknown as PageGlobals;
          for (const [key, value] of Object.entries(variables))
            document.documentElement.style.setProperty(key, value);
          document.body.classList.remove(
            'vscode-dark',
            'vscode-light',
            'vscode-high-contrast',
            'vscode-high-contrast-light',
          );
          document.body.classList.add(bodyClass);
          document.body.dataset.vscodeThemeKind = bodyClass;
        },
        { bodyClass: next.bodyClass, variables: next.variables },
      );
      await page.evaluate(nextFrames);
    },
    async close() {
      await context.close();
    },
  };
}
