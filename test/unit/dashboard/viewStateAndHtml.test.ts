import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeFileName } from '../../../src/dashboard/fileName';
import { dashboardCsp, dashboardHtml } from '../../../src/dashboard/html';
import { defaultViewState, restoreViewState } from '../../../webview/viewState';

test('restoreViewState takes the defaults for anything missing or malformed', () => {
  assert.deepEqual(restoreViewState(undefined), defaultViewState());
  assert.deepEqual(restoreViewState({ version: 2, smoothing: 0.5 }), defaultViewState());
  const state = restoreViewState({
    version: 1,
    zoom: { min: 5, max: 1 },
    smoothing: 3,
    decimation: 'bogus',
    toggles: { band: false, median: 'yes' },
    logScale: { kappa: false, gain: 1 },
    hiddenRuns: ['a', 3],
    runs: [{ id: 'x', file: '/x', label: 'x' }, { id: 1 }],
  });
  assert.equal(state.zoom, undefined);
  assert.equal(state.smoothing, 0);
  assert.equal(state.decimation, 'min-max');
  assert.equal(state.toggles.band, false);
  assert.equal(state.toggles.median, true);
  assert.deepEqual(state.logScale, { kappa: false });
  assert.deepEqual(state.hiddenRuns, ['a']);
  assert.deepEqual(state.runs, [{ id: 'x', file: '/x', label: 'x' }]);
});

test('a saved state round-trips', () => {
  const state = {
    ...defaultViewState(),
    zoom: { min: 1, max: 9 },
    smoothing: 0.6,
    decimation: 'lttb' as const,
  };
  assert.deepEqual(restoreViewState(JSON.parse(JSON.stringify(state))), state);
});

test('the page has a strict CSP: nonce-only scripts, no inline styles, nothing remote', () => {
  const csp = dashboardCsp('https://x.vscode-cdn.net', 'abc123');
  assert.equal(
    csp,
    "default-src 'none'; img-src https://x.vscode-cdn.net data:; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; script-src 'nonce-abc123'",
  );
  assert.doesNotMatch(csp, /unsafe/);
  const html = dashboardHtml({
    cspSource: 'https://x',
    nonce: 'n0',
    scriptUri: 'https://x/a.js?"<>',
    styleUri: 'https://x/a.css',
  });
  assert.match(html, /<script nonce="n0" src="https:\/\/x\/a\.js\?&quot;&lt;&gt;"><\/script>/);
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.doesNotMatch(html, /style=/);
});

test('an export name proposed by the webview becomes one safe path segment', () => {
  assert.equal(safeFileName('run-kappa.png', 'chart.png'), 'run-kappa.png');
  assert.equal(safeFileName('../../etc/passwd', 'x'), '_.._etc_passwd');
  assert.equal(safeFileName('a\u0000b<c>:d|e?.csv', 'x'), 'a_b_c_d_e_.csv');
  assert.equal(safeFileName('...', 'steps.csv'), 'steps.csv');
  assert.equal(safeFileName('x'.repeat(300), 'y').length, 120);
});
