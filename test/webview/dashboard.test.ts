// The dashboard in headless Chromium, fed the engine's real output for the project's fixtures.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { analyzeBytes } from '../../src/analysis/engine';
import { toRunAppend, toRunSeries } from '../../src/dashboard/series';
import type { RunSeries } from '../../src/shared/protocol';
import {
  buildWebview,
  launchChromium,
  openDashboard,
  startServer,
  type Dashboard,
  type HarnessServer,
} from './harness';
import { type PageGlobals } from './browserGlobals';
import { convergingRun, convergingRunJsonl, fixtureRun } from './runs';
import { THEMES } from './themes';

interface ChartSummary {
  id: string;
  instance: number;
  background: string;
  xMin: number;
  xMax: number;
  zoomed: boolean;
  yType: string;
  datasets: Array<{
    label: string;
    role: string;
    runId: string;
    stat?: string;
    color: string;
    points: number;
    drawn: number;
  }>;
}

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'webview');
const FIXTURES = join(__dirname, '..', 'fixtures');
const HOSTILE = '<img src=x onerror=alert(1)>';

let server: HarnessServer;
let browser: Browser;
let dashboard: Dashboard | undefined;

function charts(d: Dashboard): Promise<ChartSummary[]> {
  return d.page.evaluate(() =>
    (globalThis as unknown as { so3LensInspect: { charts(): ChartSummary[] } }).so3LensInspect.charts(),
  );
}

function chart(list: ChartSummary[], id: string): ChartSummary {
  const found = list.find((c) => c.id === id);
  assert.ok(found, `chart ${id}`);
  return found;
}

async function pointPosition(d: Dashboard, chartId: string, x: number, y: number, scaleId = 'y') {
  await d.page.locator(`canvas[data-chart="${chartId}"]`).scrollIntoViewIfNeeded();
  return d.page.evaluate(
    ([c, px, py, s]) =>
      (
        globalThis as unknown as {
          so3LensInspect: {
            pointPosition(c: string, x: number, y: number, s: string): { x: number; y: number };
          };
        }
      ).so3LensInspect.pointPosition(c, px, py, s),
    [chartId, x, y, scaleId] as const,
  );
}

async function open(options: Parameters<typeof openDashboard>[2] = {}): Promise<Dashboard> {
  dashboard = await openDashboard(browser, server.origin, options);
  return dashboard;
}

function stepsWith(counts: Uint32Array): number {
  return counts.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
}

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await buildWebview();
  server = await startServer();
  browser = await launchChromium();
});

afterEach(async () => {
  if (!dashboard) return;
  const d = dashboard;
  dashboard = undefined;
  // Every test runs under the panel's CSP; none may trip it, and the page may not throw.
  assert.deepEqual(d.violations, [], 'CSP violations');
  assert.deepEqual(d.errors, [], 'page errors');
  await d.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard webview', () => {
  const run = fixtureRun('run.jsonl');

  test('draws every chart with one point per step and the expected series', async () => {
    const d = await open({ theme: 'dark' });
    await d.deliver({ type: 'snapshot', runs: [run] });
    const list = await charts(d);
    assert.deepEqual(
      list.map((c) => c.id),
      ['kappa', 'singular', 's3Rel', 'gain', 'gramSchmidt', 'inference', 'stabilizer'],
    );
    assert.equal(run.step.length, 24);
    const roles = (c: ChartSummary) => c.datasets.map((s) => `${s.role}:${s.stat}`);
    assert.deepEqual(roles(chart(list, 'kappa')), [
      'band-lower:kappa',
      'band-upper:kappa',
      'median:kappa',
      'extreme:kappa',
      'mark:kappa-high',
    ]);
    assert.deepEqual(roles(chart(list, 'singular')), [
      'band-lower:s1',
      'band-upper:s1',
      'median:s1',
      'band-lower:s2',
      'band-upper:s2',
      'median:s2',
      'band-lower:s3',
      'band-upper:s3',
      'median:s3',
      'mark:near-singular',
      'mark:det-negative',
    ]);
    assert.deepEqual(roles(chart(list, 'gramSchmidt')), [
      'band-lower:gsRho',
      'band-upper:gsRho',
      'median:gsRho',
      'extreme:gsRho',
      'median:gsKappa',
      'extreme:gsKappa',
    ]);
    assert.deepEqual(roles(chart(list, 'inference')), [
      'band-lower:svdGsAngleDeg',
      'band-upper:svdGsAngleDeg',
      'median:svdGsAngleDeg',
      'extreme:svdGsAngleDeg',
      'median:distSO3',
      'extreme:distSO3',
    ]);
    for (const c of list) {
      for (const s of c.datasets) {
        if (s.role === 'mark') continue;
        assert.equal(s.points, 24, `${c.id} ${s.label}: one point per step`);
        assert.equal(s.drawn, 24, `${c.id} ${s.label}: every point drawn (below the decimation threshold)`);
      }
    }
    const marks = (id: string, kind: string) =>
      chart(list, id).datasets.find((s) => s.role === 'mark' && s.stat === kind)?.points;
    assert.equal(marks('s3Rel', 'near-singular'), stepsWith(run.nearSingular));
    assert.equal(marks('s3Rel', 'det-negative'), stepsWith(run.detNegative));
    assert.equal(marks('kappa', 'kappa-high'), stepsWith(run.kappaHigh));
    assert.ok(
      stepsWith(run.nearSingular) > 0 && stepsWith(run.detNegative) > 0,
      'the fixture has flagged steps',
    );
    // The header: file, format, representation and the counts NumPy's expected.json gives.
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'))['run.jsonl'];
    const meta = await d.page.$$eval('[data-meta]', (items) =>
      Object.fromEntries(items.map((i) => [i.getAttribute('data-meta'), i.textContent])),
    );
    assert.deepEqual(meta, {
      format: 'jsonl',
      representation: '9D',
      steps: String(expected.steps_valid),
      matrices: String(expected.matrices_valid),
      invalid: String(expected.invalid_matrices.length),
    });
    assert.equal(await d.page.textContent('h1'), 'run.jsonl');
    assert.equal(await d.page.textContent('.reading'), run.reading);
    await d.page.screenshot({ path: join(SCREENSHOTS, 'overview-dark.png'), fullPage: true });
  });

  test('clicking a flagged point posts a reveal with its step and line', async () => {
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [run] });
    const flag = run.flags.find((f) => f.kind === 'det-negative' && f.step > 0);
    assert.ok(flag && flag.line !== undefined);
    const chartRow = 0.28;
    const at = await pointPosition(d, 's3Rel', flag.step, chartRow, 'marks');
    const since = d.posted.length;
    await d.page.mouse.click(at.x, at.y);
    const reveal = await d.nextPosted('reveal', since);
    assert.deepEqual(reveal, {
      type: 'reveal',
      runId: run.id,
      step: flag.step,
      line: flag.line,
      offset: flag.offset ?? 0,
    });
    // The step's line in the log is where the fixture's record for that step is.
    const lines = readFileSync(join(FIXTURES, 'run.jsonl'), 'utf8').split('\n');
    assert.match(lines[(flag.line as number) - 1] as string, new RegExp(`"step": ${flag.step}\\b`));
  });

  test('clicking a line point reveals the nearest step', async () => {
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [run] });
    const index = 7;
    const step = run.step[index] as number;
    const at = await pointPosition(d, 'kappa', step, run.stats.kappa.median[index] as number);
    const since = d.posted.length;
    await d.page.mouse.click(at.x, at.y);
    const reveal = await d.nextPosted('reveal', since);
    assert.equal(reveal.step, step);
    assert.equal(reveal.line, run.line[index]);
  });

  test('the flagged table reveals by click and by keyboard, and sorts', async () => {
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [run] });
    const rows = d.page.locator('tr.flag-row');
    assert.equal(await rows.count(), run.flags.length);
    let since = d.posted.length;
    await rows.nth(3).click();
    const first = run.flags.slice().sort((a, b) => a.step - b.step || a.index - b.index)[3];
    assert.ok(first);
    assert.deepEqual(await d.nextPosted('reveal', since), {
      type: 'reveal',
      runId: run.id,
      step: first.step,
      line: first.line,
      offset: first.offset ?? 0,
    });
    await d.page.keyboard.press('ArrowDown');
    since = d.posted.length;
    await d.page.keyboard.press('Enter');
    const second = run.flags.slice().sort((a, b) => a.step - b.step || a.index - b.index)[4];
    assert.equal((await d.nextPosted('reveal', since)).step, second?.step);
    await d.page.click('button.sort[data-sort="step"]');
    assert.equal(await d.page.getAttribute('th:has(button[data-sort="step"])', 'aria-sort'), 'descending');
    const maxStep = Math.max(...run.flags.map((f) => f.step));
    assert.equal(await rows.nth(0).locator('td').nth(0).textContent(), String(maxStep));
    assert.deepEqual((d.state() as { sort: unknown }).sort, { key: 'step', descending: true });
  });

  test('drag-zoom on one chart zooms every chart, reset restores the full range', async () => {
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [run] });
    const from = await pointPosition(d, 'kappa', 500, 1);
    const to = await pointPosition(d, 'kappa', 1500, 1);
    await d.page.mouse.move(from.x, from.y - 40);
    await d.page.mouse.down();
    await d.page.mouse.move((from.x + to.x) / 2, from.y - 40, { steps: 4 });
    await d.page.mouse.move(to.x, from.y - 40, { steps: 4 });
    await d.page.mouse.up();
    await d.page.waitForFunction(() => {
      const list = (
        globalThis as unknown as { so3LensInspect: { charts(): ChartSummary[] } }
      ).so3LensInspect.charts();
      return list.every((c) => c.zoomed);
    });
    const zoomed = await charts(d);
    const kappa = chart(zoomed, 'kappa');
    assert.ok(
      Math.abs(kappa.xMin - 500) < 30 && Math.abs(kappa.xMax - 1500) < 30,
      `${kappa.xMin}..${kappa.xMax}`,
    );
    for (const c of zoomed) {
      assert.equal(c.xMin, kappa.xMin, `${c.id} shares the x range`);
      assert.equal(c.xMax, kappa.xMax, `${c.id} shares the x range`);
    }
    assert.deepEqual((d.state() as { zoom: unknown }).zoom, { min: kappa.xMin, max: kappa.xMax });
    await d.page.click('vscode-button[data-action="zoom-reset"]');
    await d.page.evaluate(
      () => new Promise<void>((r) => (globalThis as unknown as PageGlobals).requestAnimationFrame(r)),
    );
    for (const c of await charts(d)) {
      assert.equal(c.zoomed, false, c.id);
      assert.equal(c.xMin, 0);
      assert.equal(c.xMax, 2300);
    }
    assert.equal((d.state() as { zoom: unknown }).zoom, undefined);
  });

  test('hovering shows the step numbers; ctrl+wheel zooms and shift+drag pans every chart', async () => {
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [run] });
    const index = 7;
    const at = await pointPosition(
      d,
      'kappa',
      run.step[index] as number,
      run.stats.kappa.median[index] as number,
    );
    await d.page.mouse.move(at.x, at.y);
    const tooltip = await d.page.evaluate(() => {
      const g = globalThis as unknown as {
        so3LensInspect: { tooltip(id: string): { title: string[]; body: string[] } | undefined };
      };
      return g.so3LensInspect.tooltip('kappa');
    });
    assert.ok(tooltip, 'a tooltip is shown');
    assert.deepEqual(tooltip.title, [`step ${run.step[index]}`]);
    const kappa = run.stats.kappa;
    const expectedLine = `κ: median ${Number((kappa.median[index] as number).toPrecision(4))} · p95 ${Number((kappa.p95[index] as number).toPrecision(4))} · max ${Number((kappa.max[index] as number).toPrecision(4))}`;
    assert.equal(tooltip.body[0], expectedLine);
    assert.match(tooltip.body[1] ?? '', new RegExp(`^${run.count[index]} matrices`));

    await d.page.keyboard.down('Control');
    await d.page.mouse.wheel(0, -300);
    await d.page.keyboard.up('Control');
    await d.page.waitForFunction(() => {
      const g = globalThis as unknown as { so3LensInspect: { charts(): ChartSummary[] } };
      return g.so3LensInspect.charts().every((c) => c.zoomed);
    });
    const wheeled = await charts(d);
    const range = { min: chart(wheeled, 'kappa').xMin, max: chart(wheeled, 'kappa').xMax };
    assert.ok(range.max - range.min < 2300, 'zoomed in');
    for (const c of wheeled) assert.deepEqual({ min: c.xMin, max: c.xMax }, range, c.id);

    const from = await pointPosition(d, 'gain', (range.min + range.max) / 2, 1);
    await d.page.keyboard.down('Shift');
    await d.page.mouse.move(from.x, from.y);
    await d.page.mouse.down();
    for (let dx = 10; dx <= 120; dx += 10) await d.page.mouse.move(from.x + dx, from.y);
    await d.page.mouse.up();
    await d.page.keyboard.up('Shift');
    await d.page.waitForFunction((before) => {
      const g = globalThis as unknown as { so3LensInspect: { charts(): ChartSummary[] } };
      return g.so3LensInspect.charts().every((c) => c.xMin < before);
    }, range.min);
    const panned = await charts(d);
    const gain = chart(panned, 'gain');
    assert.ok(Math.abs(gain.xMax - gain.xMin - (range.max - range.min)) < 1e-6, 'panning keeps the width');
    for (const c of panned)
      assert.deepEqual({ min: c.xMin, max: c.xMax }, { min: gain.xMin, max: gain.xMax }, c.id);
  });

  test('compare runs: two runs overlaid, legend by file name', async () => {
    const other = convergingRun();
    assert.equal(other.step.length, 24);
    assert.equal(other.step[23], 2300);
    const d = await open({ theme: 'dark' });
    await d.deliver({ type: 'snapshot', runs: [run, other] });
    const list = await charts(d);
    for (const c of list) {
      const ids = new Set(c.datasets.map((s) => s.runId));
      assert.deepEqual([...ids].sort(), [run.id, other.id].sort(), `${c.id} overlays both runs`);
    }
    const kappa = chart(list, 'kappa');
    const medians = kappa.datasets.filter((s) => s.role === 'median');
    assert.deepEqual(
      medians.map((s) => s.label),
      ['run.jsonl · κ median', 'direct-9d.jsonl · κ median'],
    );
    assert.notEqual(medians[0]?.color, medians[1]?.color, 'one colour per run');
    for (const s of medians) assert.equal(s.points, 24);
    const names = await d.page.$$eval('.compare-run vscode-checkbox', (items) =>
      items.map((i) => i.textContent),
    );
    assert.deepEqual(names, ['run.jsonl', 'direct-9d.jsonl']);
    assert.equal(await d.page.locator('tr.flag-row').count(), run.flags.length + other.flags.length);
    await d.page.screenshot({ path: join(SCREENSHOTS, 'compare-runs.png'), fullPage: true });
    // Hiding a run removes its series and keeps the selection in the view state.
    await d.page.locator('.compare-run vscode-checkbox').nth(1).click();
    const hidden = await charts(d);
    assert.ok(hidden.every((c) => c.datasets.length > 0 && c.datasets.every((s) => s.runId === run.id)));
    assert.deepEqual((d.state() as { hiddenRuns: string[] }).hiddenRuns, [other.id]);
    assert.equal(await d.page.locator('tr.flag-row').count(), run.flags.length);
  });

  test('live append extends the charts in place and keeps the zoom', async () => {
    const path = join(FIXTURES, 'run.jsonl');
    const bytes = readFileSync(path);
    const text = bytes.toString('utf8');
    const cut = text.split('\n').slice(0, 14).join('\n').length + 1;
    const partial = analyzeBytes(bytes.subarray(0, cut), path, { workers: 1, live: true });
    const full = analyzeBytes(bytes, path, { workers: 1, live: true }, partial);
    const id = 'file:///live/run.jsonl';
    const start = toRunSeries(partial, { id, live: true });
    assert.ok(start.step.length < full.steps.length);
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [start] });
    const before = await charts(d);
    await d.page.click('canvas[data-chart="kappa"]');
    await d.page.keyboard.press('+');
    const zoomed = await charts(d);
    const range = { min: chart(zoomed, 'kappa').xMin, max: chart(zoomed, 'kappa').xMax };
    assert.ok(chart(zoomed, 'kappa').zoomed);
    await d.deliver({ type: 'append', runId: id, data: toRunAppend(full, start.step.length - 1) });
    const grown = await charts(d);
    for (const c of grown) {
      const previous = chart(before, c.id);
      assert.equal(c.instance, previous.instance, `${c.id}: updated, not re-created`);
      assert.equal(c.zoomed, true, `${c.id} keeps the zoom`);
      assert.equal(c.xMin, range.min, c.id);
      assert.equal(c.xMax, range.max, c.id);
    }
    const median = chart(grown, 'kappa').datasets.find((s) => s.role === 'median');
    // The charts hold every step now, the visible ones plus one neighbour each side.
    assert.ok(median && median.points > 0);
    assert.equal(await d.page.textContent('[data-meta="steps"]'), String(full.steps.length));
    await d.page.click('vscode-button[data-action="zoom-reset"]');
    const all = chart(await charts(d), 'kappa');
    assert.equal(all.datasets.find((s) => s.role === 'median')?.points, full.steps.length);
    assert.equal(all.xMax, full.steps.step[full.steps.length - 1]);
  });

  test('a long run is reduced to a bounded number of points that keeps the extremes; zooming refines it', async () => {
    const steps = 20_000;
    const file = '/virtual/long.jsonl';
    const result = analyzeBytes(new TextEncoder().encode(convergingRunJsonl(3, steps, 1)), file, {
      workers: 1,
    });
    const long = toRunSeries(result, { id: 'file:///virtual/long.jsonl' });
    assert.equal(long.step.length, steps);
    const d = await open({ width: 1200 });
    await d.deliver({ type: 'snapshot', runs: [long] });
    const kappa = chart(await charts(d), 'kappa');
    const max = kappa.datasets.find((s) => s.role === 'extreme');
    assert.ok(max && max.points <= 4000 && max.points > 1000, `level of detail: ${max?.points} points`);
    assert.ok(max.drawn < max.points, `Chart.js decimation draws ${max.drawn} of ${max.points}`);
    const peak = await d.page.evaluate(() => {
      const g = globalThis as unknown as { so3LensInspect: { maxOf(chart: string, role: string): number } };
      return g.so3LensInspect.maxOf('kappa', 'extreme');
    });
    assert.equal(
      peak,
      Math.max(...Array.from(long.stats.kappa.max).filter(Number.isFinite)),
      'the largest κ survives both reductions',
    );
    // LTTB keeps about one sample per pixel where min-max keeps up to four.
    await d.page.click('#decimation');
    await d.page.locator('#decimation li', { hasText: 'LTTB' }).click();
    const lttb = chart(await charts(d), 'kappa').datasets.find((s) => s.role === 'extreme');
    assert.ok(lttb && lttb.points === max.points && lttb.drawn < max.drawn, `LTTB draws ${lttb?.drawn}`);
    assert.equal((d.state() as { decimation: string }).decimation, 'lttb');
    // Zoomed to 1% of the run, every step in view is a point again.
    await d.page.evaluate(() => {
      const g = globalThis as unknown as { so3LensInspect: { setRange(min: number, max: number): void } };
      g.so3LensInspect.setRange(100_000, 120_000);
    });
    const zoomed = chart(await charts(d), 'kappa').datasets.find((s) => s.role === 'median');
    assert.equal(zoomed?.points, 201 + 2, 'the 201 steps in view plus one neighbour each side');
    // Chart.js resizes its canvases through CSSOM: a narrower window trips no CSP rule.
    await d.page.setViewportSize({ width: 700, height: 900 });
    await d.page.waitForTimeout(100);
  });

  test('strings from the log are shown as text, never as HTML', async () => {
    const hostile: RunSeries = {
      ...run,
      id: `file:///tmp/${HOSTILE}`,
      label: HOSTILE,
      file: `/tmp/${HOSTILE}`,
      reading: `reading ${HOSTILE}`,
      flags: run.flags.map((f) => ({ ...f, message: `${HOSTILE} ${f.message}` })),
    };
    const d = await open();
    let dialogs = 0;
    d.page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await d.deliver({ type: 'snapshot', runs: [hostile, { ...run, id: 'second', label: `${HOSTILE}.npz` }] });
    await d.deliver({ type: 'snapshot', runs: [hostile] });
    assert.equal(await d.page.textContent('h1'), HOSTILE);
    assert.equal(await d.page.textContent('.run-file'), `/tmp/${HOSTILE}`);
    assert.equal(await d.page.textContent('.reading'), `reading ${HOSTILE}`);
    assert.equal(await d.page.locator('tr.flag-row td').last().textContent(), hostile.flags.at(-1)?.message);
    assert.equal(await d.page.locator('img').count(), 0, 'no element was parsed from the strings');
    await d.deliver({
      type: 'stepDetail',
      detail: { runId: hostile.id, step: 0, records: [{ key: HOSTILE, [HOSTILE]: 1 }] },
    });
    assert.equal(await d.page.locator('img').count(), 0);
    assert.equal(dialogs, 0);
  });

  test('before the first snapshot only a waiting note shows; an empty snapshot goes back to it', async () => {
    const d = await open();
    assert.equal(await d.page.isVisible('.board'), false);
    assert.match((await d.page.textContent('.empty-state')) ?? '', /Waiting for an analysis/);
    await d.deliver({ type: 'snapshot', runs: [run] });
    assert.equal(await d.page.isVisible('.board'), true);
    await d.deliver({ type: 'snapshot', runs: [] });
    assert.equal(await d.page.isVisible('.board'), false);
    assert.equal(await d.page.isVisible('.empty-state'), true);
  });

  test('the CSP listener sees a violation (so zero violations elsewhere means something)', async () => {
    const d = await open();
    await d.page.evaluate(() =>
      (globalThis as unknown as PageGlobals).document.body.setAttribute('style', 'color: red'),
    );
    await d.page.evaluate(
      () => new Promise<void>((r) => (globalThis as unknown as PageGlobals).setTimeout(r, 50)),
    );
    assert.equal(d.violations.length, 1);
    assert.match(d.violations[0]?.directive ?? '', /^style-src/);
    assert.match(d.errors.join('\n'), /violates the following Content Security Policy directive/);
    d.violations.length = 0;
    d.errors.length = 0;
  });

  test('light and dark themes: colours follow the --vscode-* variables, also after a switch', async () => {
    const d = await open({ theme: 'light' });
    await d.deliver({ type: 'snapshot', runs: [run] });
    const light = chart(await charts(d), 'kappa');
    assert.equal(light.background, THEMES.light.variables['--vscode-editor-background']);
    assert.equal(
      light.datasets.find((s) => s.role === 'median')?.color,
      THEMES.light.variables['--vscode-charts-blue'],
    );
    await d.page.screenshot({ path: join(SCREENSHOTS, 'overview-light.png'), fullPage: true });
    await d.setTheme('dark');
    const dark = chart(await charts(d), 'kappa');
    assert.equal(dark.background, THEMES.dark.variables['--vscode-editor-background']);
    assert.equal(
      dark.datasets.find((s) => s.role === 'median')?.color,
      THEMES.dark.variables['--vscode-charts-blue'],
    );
    assert.equal(dark.instance, light.instance, 'a theme switch restyles the chart in place');
    await d.setTheme('high-contrast');
    const contrast = chart(await charts(d), 'kappa');
    assert.equal(contrast.background, THEMES['high-contrast'].variables['--vscode-editor-background']);
    const border = await d.page.$eval('.card', (card) => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } };
      return g.getComputedStyle(card).borderTopColor;
    });
    assert.equal(border, 'rgb(111, 195, 223)', 'cards take the contrast border');
    await d.page.screenshot({ path: join(SCREENSHOTS, 'overview-high-contrast.png'), fullPage: true });
  });

  test('npy runs show the step detail the host returns', async () => {
    const npy = fixtureRun('pred_9d_f32.npy');
    assert.equal(npy.format, 'npy');
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [npy] });
    const since = d.posted.length;
    await d.page.locator('tr.flag-row').first().click();
    const request = await d.nextPosted('requestStepDetail', since);
    assert.deepEqual(request, { type: 'requestStepDetail', runId: npy.id, step: npy.flags[0]?.step });
    await d.deliver({
      type: 'stepDetail',
      detail: { runId: npy.id, step: request.step, records: [{ s: [1, 0.5, 0.25], kappa: 2.5 }] },
    });
    assert.equal(await d.page.isVisible('#detail'), true);
    assert.match(
      (await d.page.textContent('#detail-title')) ?? '',
      /pred_9d_f32\.npy — step \d+ \(1 matrices\)/,
    );
    assert.equal(await d.page.textContent('.detail-record dd'), '[1, 0.5, 0.25]');
    // A chart point of a binary log asks for its step's detail too (there is no line to reveal).
    const index = 5;
    const at = await pointPosition(
      d,
      'kappa',
      npy.step[index] as number,
      npy.stats.kappa.median[index] as number,
    );
    const before = d.posted.length;
    await d.page.mouse.click(at.x, at.y);
    assert.deepEqual(await d.nextPosted('requestStepDetail', before), {
      type: 'requestStepDetail',
      runId: npy.id,
      step: npy.step[index],
    });
    assert.ok(d.posted.slice(before).every((m) => m.type !== 'reveal'));
  });

  test('6D logs: the SVD charts say why they are empty, Gram-Schmidt is drawn', async () => {
    const sixD = fixtureRun('pred_6d.npy');
    assert.equal(sixD.representation, '6d');
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [sixD] });
    assert.match((await d.page.textContent('#card-kappa .card-empty')) ?? '', /Not applicable to a 6D log/);
    assert.equal(await d.page.isVisible('#card-gramSchmidt .card-empty'), false);
    const gs = chart(await charts(d), 'gramSchmidt');
    assert.equal(
      gs.datasets.find((s) => s.role === 'median' && s.stat === 'gsRho')?.points,
      sixD.step.length,
    );
  });

  test('controls: stabilizer settings, log scale, smoothing keeps raw extremes, exports', async () => {
    const d = await open();
    await d.deliver({ type: 'snapshot', runs: [run] });
    await d.page.fill('#taylor-k input', '5');
    await d.page.fill('#clamp-eps input', '0.001');
    let since = d.posted.length;
    await d.page.click('vscode-button[data-action="apply-stabilizer"]');
    assert.deepEqual(await d.nextPosted('setStabilizer', since), {
      type: 'setStabilizer',
      taylorK: 5,
      clampEps: 0.001,
    });

    assert.equal(chart(await charts(d), 'kappa').yType, 'logarithmic');
    await d.page.click('#card-kappa vscode-checkbox[data-action="log"]');
    assert.equal(chart(await charts(d), 'kappa').yType, 'linear');
    assert.equal((d.state() as { logScale: Record<string, boolean> }).logScale.kappa, false);

    const plain = chart(await charts(d), 'kappa').datasets;
    await d.page.locator('#smoothing').fill('0.8');
    const smooth = chart(await charts(d), 'kappa').datasets;
    assert.deepEqual(
      smooth.map((s) => s.role),
      ['band-lower', 'band-upper', 'raw', 'median', 'extreme', 'mark'],
    );
    assert.equal(
      plain.find((s) => s.role === 'extreme')?.points,
      smooth.find((s) => s.role === 'extreme')?.points,
    );
    assert.equal((d.state() as { smoothing: number }).smoothing, 0.8);

    since = d.posted.length;
    await d.page.click('#card-kappa vscode-button[data-action="png"]');
    const png = await d.nextPosted('exportPng', since);
    assert.equal(png.name, 'run-kappa.png');
    assert.match(png.dataUrl, /^data:image\/png;base64,/);
    await d.page.click('vscode-button[data-action="export-csv"]');
    const csv = await d.nextPosted('exportCsv', since);
    const rows = csv.csv.trim().split('\n');
    assert.equal(rows.length, 1 + run.step.length);
    assert.match(rows[0] as string, /^file,step,count,line,offset,/);
    assert.ok(rows[1]?.startsWith(`${run.file},0,8,1,`));
  });

  test('a reopened panel restores zoom, toggles and settings from getState', async () => {
    const first = await open();
    await first.deliver({ type: 'snapshot', runs: [run] });
    await first.page.click('canvas[data-chart="gain"]');
    await first.page.keyboard.press('+');
    await first.page.click('vscode-checkbox[data-toggle="band"]');
    const saved = first.state() as {
      zoom: { min: number; max: number };
      runs: unknown[];
      toggles: { band: boolean };
    };
    assert.equal(saved.toggles.band, false);
    assert.deepEqual(saved.runs, [{ id: run.id, file: run.file, label: run.label }]);
    dashboard = undefined;
    assert.deepEqual(first.violations, []);
    await first.close();

    const second = await open({ initialState: saved });
    // A zoom that misses every step of what is shown now is dropped rather than showing nothing.
    const elsewhere = await open({ initialState: { ...saved, zoom: { min: 1e9, max: 2e9 } } });
    await elsewhere.deliver({ type: 'snapshot', runs: [run] });
    assert.ok((await charts(elsewhere)).every((c) => !c.zoomed && c.xMin === 0 && c.xMax === 2300));
    assert.deepEqual(elsewhere.violations, []);
    assert.deepEqual(elsewhere.errors, []);
    await elsewhere.close();
    dashboard = second;
    await second.deliver({ type: 'snapshot', runs: [run] });
    for (const c of await charts(second)) {
      assert.ok(
        Math.abs(c.xMin - saved.zoom.min) < 1e-9 && Math.abs(c.xMax - saved.zoom.max) < 1e-9,
        `${c.id}: ${c.xMin}..${c.xMax}`,
      );
      assert.ok(
        c.datasets.every((s) => !s.role.startsWith('band')),
        `${c.id}: band stays off`,
      );
    }
  });
});
