import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeBytes } from '../../../src/analysis/engine';
import { toRunAppend, toRunSeries } from '../../../src/dashboard/series';
import { DashboardSession, savedRuns } from '../../../src/dashboard/session';
import type { ToWebviewMessage } from '../../../src/shared/protocol';

const path = join(__dirname, '..', '..', 'fixtures', 'run.jsonl');
const bytes = readFileSync(path);
const cut = bytes.toString('utf8').split('\n').slice(0, 10).join('\n').length + 1;
const partial = analyzeBytes(bytes.subarray(0, cut), path, { workers: 1, live: true });
const full = analyzeBytes(bytes, path, { workers: 1, live: true }, partial);

function session() {
  const posted: ToWebviewMessage[] = [];
  return { posted, session: new DashboardSession((m) => posted.push(m)) };
}

test('nothing is posted before ready; ready gets the current runs as one snapshot', () => {
  const { posted, session: s } = session();
  const run = toRunSeries(partial, { id: 'a' });
  s.show([run]);
  s.stepDetail({ runId: 'a', step: 0, records: [] });
  assert.equal(posted.length, 0);
  s.webviewReady();
  assert.deepEqual(
    posted.map((m) => m.type),
    ['snapshot', 'stepDetail'],
  );
  assert.deepEqual(posted[0], { type: 'snapshot', runs: [run] });
});

test('a hidden panel replays the appended state when it is ready again', () => {
  const { posted, session: s } = session();
  s.show([toRunSeries(partial, { id: 'a' })]);
  s.webviewReady();
  s.webviewHidden();
  assert.equal(s.append('a', toRunAppend(full, partial.steps.length - 1)), true);
  assert.deepEqual(
    posted.map((m) => m.type),
    ['snapshot'],
    'nothing posted to a hidden webview',
  );
  s.webviewReady();
  const replay = posted[1];
  assert.ok(replay && replay.type === 'snapshot');
  const runs = replay.runs;
  assert.deepEqual(Array.from(runs[0]?.step ?? []), Array.from(toRunSeries(full).step));
});

test('append, replaceRun and exports post while ready; unknown runs are refused', () => {
  const { posted, session: s } = session();
  s.webviewReady();
  s.show([toRunSeries(partial, { id: 'a' })]);
  assert.equal(s.append('nope', toRunAppend(full, 0)), false);
  s.append('a', toRunAppend(full, partial.steps.length - 1));
  s.replaceRun(toRunSeries(full, { id: 'b' }));
  s.exported('x.png', '/tmp/x.png');
  assert.deepEqual(
    posted.map((m) => m.type),
    ['snapshot', 'snapshot', 'append', 'replaceRun', 'exported'],
  );
  assert.deepEqual(
    s.current.map((r) => r.id),
    ['a', 'b'],
  );
  s.replaceRun(toRunSeries(partial, { id: 'a' }));
  assert.equal(s.run('a')?.step.length, partial.steps.length, 'replaced in place');
  assert.deepEqual(
    s.current.map((r) => r.id),
    ['a', 'b'],
  );
});

test('savedRuns reads the run list of a saved panel state and drops anything malformed', () => {
  assert.deepEqual(savedRuns(undefined), []);
  assert.deepEqual(savedRuns({ runs: 'x' }), []);
  assert.deepEqual(
    savedRuns({
      zoom: { min: 1, max: 2 },
      runs: [{ id: 'file:///a', file: '/a', label: 'a' }, { id: 3 }, null],
    }),
    [{ id: 'file:///a', file: '/a', label: 'a' }],
  );
});
