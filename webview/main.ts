// The dashboard's browser entry: builds the page, says `ready`, then renders what the host sends.
// Every message from the host is handled in one switch that ends in assertNever.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import {
  assertNever,
  type FromWebviewMessage,
  type StepDetail,
  type ToWebviewMessage,
} from '../src/shared/protocol';
import { connectHost } from './api';
import { ChartBoard } from './charts/board';
import type { DatasetMeta } from './charts/datasets';
import { stepsCsv } from './csv';
import { h } from './dom';
import { installInspector } from './inspect';
import { RunStore } from './store';
import { readPalette, watchTheme } from './theme';
import { DetailPanel } from './views/detail';
import { FlagTable, type FlagRow } from './views/flagsTable';
import { renderHeader } from './views/header';
import { buildStabilizerControls, buildToolbar } from './views/toolbar';
import { restoreViewState, type ViewState } from './viewState';

const host = connectHost<ViewState>();
const state = restoreViewState(host.getState());
let stores: RunStore[] = [];

function post(message: FromWebviewMessage): void {
  host.postMessage(message);
}

function saveState(): void {
  state.runs = stores.map((s) => ({ id: s.id, file: s.file, label: s.label }));
  host.setState(state);
}

function safeName(text: string): string {
  const base = text.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return base.length > 0 ? base.slice(0, 80) : 'run';
}

const usesDetail = (store: RunStore): boolean => store.format === 'npy' || store.format === 'npz';

const status = h('p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
const header = h('header', { className: 'run-header', attrs: { 'aria-label': 'Run summary' } });
const chartsContainer = h('div', { className: 'charts' });
const detail = new DetailPanel();

const stabilizer = buildStabilizerControls({
  apply(taylorK, clampEps) {
    post({ type: 'setStabilizer', taylorK, clampEps });
  },
});

const board = new ChartBoard(chartsContainer, state, readPalette(), {
  pointClicked(store: RunStore, meta: DatasetMeta, x: number) {
    const index = store.nearestIndex(x);
    if (index < 0) return;
    const step = store.steps[index] as number;
    if (usesDetail(store)) {
      requestDetail(store, step);
      return;
    }
    const flag =
      meta.role === 'mark' ? store.flags.find((f) => f.step === step && f.kind === meta.mark) : undefined;
    post({
      type: 'reveal',
      runId: store.id,
      step,
      line: flag?.line ?? (store.column('line')[index] as number),
      offset: flag?.offset ?? (store.offsets[index] as number),
    });
  },
  exportPng(card, dataUrl) {
    const runs = board.visibleRuns();
    const prefix = runs.length === 1 ? safeName((runs[0] as RunStore).label) : 'compare';
    post({ type: 'exportPng', name: `${prefix}-${card.spec.id}.png`, dataUrl });
  },
  stateChanged: saveState,
  extraControls: (spec) => (spec.stabilizerControls ? stabilizer.element : undefined),
});

const flagTable = new FlagTable(state, {
  activate(row: FlagRow) {
    if (usesDetail(row.store)) {
      requestDetail(row.store, row.flag.step);
      return;
    }
    post({
      type: 'reveal',
      runId: row.store.id,
      step: row.flag.step,
      line: row.flag.line ?? 0,
      offset: row.flag.offset ?? 0,
    });
  },
  sortChanged: saveState,
});

function requestDetail(store: RunStore, step: number): void {
  detail.pending(store.label, step);
  post({ type: 'requestStepDetail', runId: store.id, step });
}

const toolbar = buildToolbar(state, {
  smoothingChanged(weight) {
    state.smoothing = weight;
    board.refreshData();
    saveState();
  },
  decimationChanged(algorithm) {
    state.decimation = algorithm;
    board.renderAll();
    saveState();
  },
  togglesChanged() {
    board.renderAll();
    saveState();
  },
  zoom(factor) {
    board.keyZoom(factor);
  },
  exportCsv() {
    const runs = board.visibleRuns();
    if (runs.length === 0) return;
    const name =
      runs.length === 1 ? `${safeName((runs[0] as RunStore).label)}-steps.csv` : 'compare-steps.csv';
    post({ type: 'exportCsv', name, csv: stepsCsv(runs) });
  },
});

document.body.append(
  h('div', { className: 'app' }, [
    header,
    toolbar,
    status,
    h('main', { className: 'board', attrs: { 'aria-label': 'Charts' } }, [
      chartsContainer,
      detail.element,
      flagTable.element,
    ]),
  ]),
);

/** Header always; the table and the stabilizer fields only when asked (a live append keeps focus and typing). */
function renderSummary(parts: { table: boolean; settings: boolean } = { table: true, settings: true }): void {
  const hidden = new Set(state.hiddenRuns);
  renderHeader(header, stores, hidden, {
    toggleRun(runId, visible) {
      state.hiddenRuns = visible
        ? state.hiddenRuns.filter((id) => id !== runId)
        : [...state.hiddenRuns, runId];
      board.renderAll();
      flagTable.render(board.visibleRuns());
      saveState();
    },
  });
  if (parts.table) flagTable.render(board.visibleRuns());
  const first = stores[0];
  if (first && parts.settings) stabilizer.set(first.thresholds.taylorK, first.thresholds.clampEps);
  document.body.classList.toggle('is-compare', stores.length > 1);
  document.body.classList.toggle('has-runs', stores.length > 0);
}

function showDetail(message: StepDetail): void {
  const store = stores.find((s) => s.id === message.runId);
  detail.show(store?.label ?? message.runId, message);
}

/** Appends that arrive within one frame are drawn together: one level-of-detail pass, one header. */
let liveRefresh: { table: boolean } | undefined;
function scheduleLiveRefresh(flagsChanged: boolean): void {
  if (liveRefresh) {
    liveRefresh.table ||= flagsChanged;
    return;
  }
  liveRefresh = { table: flagsChanged };
  requestAnimationFrame(() => {
    const table = liveRefresh?.table ?? false;
    liveRefresh = undefined;
    board.refreshData();
    renderSummary({ table, settings: false });
  });
}

function handle(message: ToWebviewMessage): void {
  switch (message.type) {
    case 'snapshot': {
      const known = new Set(message.runs.map((r) => r.id));
      state.hiddenRuns = state.hiddenRuns.filter((id) => known.has(id));
      stores = message.runs.map((run) => new RunStore(run));
      detail.hide();
      board.setRuns(stores);
      renderSummary();
      saveState();
      break;
    }
    case 'append': {
      const store = stores.find((s) => s.id === message.runId);
      if (!store) break;
      const flagsBefore = store.flagsTotal;
      store.append(message.data);
      scheduleLiveRefresh(store.flagsTotal !== flagsBefore);
      break;
    }
    case 'replaceRun': {
      const next = new RunStore(message.run);
      const index = stores.findIndex((s) => s.id === next.id);
      stores = index < 0 ? [...stores, next] : stores.map((s, i) => (i === index ? next : s));
      board.setRuns(stores);
      renderSummary();
      stabilizer.status('');
      saveState();
      break;
    }
    case 'stepDetail':
      showDetail(message.detail);
      break;
    case 'exported':
      status.textContent = message.path ? `Saved ${message.name} to ${message.path}` : '';
      break;
    default:
      assertNever(message);
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => {
  try {
    handle(event.data);
  } catch (error) {
    post({ type: 'error', message: `dashboard: ${error instanceof Error ? error.message : String(error)}` });
  }
});

// Anything that escapes a handler reaches the extension's output channel, where a user can report it.
window.addEventListener('error', (event) => post({ type: 'error', message: `dashboard: ${event.message}` }));
window.addEventListener('unhandledrejection', (event) =>
  post({ type: 'error', message: `dashboard: ${String(event.reason)}` }),
);

watchTheme(() => board.setPalette(readPalette()));
installInspector(board);
renderSummary();
post({ type: 'ready' });
