// The run summary at the top: file, format, representation, counts, headline numbers and the
// engine's reading of them. With several runs: one row per run, each with a show/hide checkbox.

import { h } from '../dom';
import { formatCount, formatNumber, formatStep } from '../format';
import type { RunStore } from '../store';
import { headline } from './headline';

export interface HeaderEvents {
  toggleRun(runId: string, visible: boolean): void;
}

function metaChips(store: RunStore): HTMLElement {
  const chips: Array<[string, string]> = [
    ['format', store.format],
    ['representation', store.representation.toUpperCase()],
    ['steps', formatCount(store.length)],
    ['matrices', formatCount(store.matrices)],
    ['invalid', formatCount(store.invalid)],
  ];
  const list = h('dl', { className: 'meta' });
  for (const [name, value] of chips) {
    list.append(
      h('div', { className: `meta-item${name === 'invalid' && store.invalid > 0 ? ' is-warn' : ''}` }, [
        h('dt', { text: name }),
        h('dd', { text: value, attrs: { 'data-meta': name } }),
      ]),
    );
  }
  if (store.live)
    list.append(
      h('div', { className: 'meta-item live' }, [h('dt', { text: 'live' }), h('dd', { text: 'watching' })]),
    );
  return list;
}

function tiles(store: RunStore): HTMLElement {
  const grid = h('div', { className: 'tiles', attrs: { role: 'list' } });
  for (const tile of headline(store)) {
    const value = tile.kind === 'count' ? formatCount(tile.value) : formatNumber(tile.value, 4);
    const children = [
      h('span', { className: 'tile-value', text: value }),
      h('span', { className: 'tile-label', text: tile.label }),
    ];
    if (tile.step !== undefined)
      children.push(h('span', { className: 'tile-note', text: `at step ${formatStep(tile.step)}` }));
    grid.append(
      h(
        'div',
        { className: `tile${tile.warn ? ' is-warn' : ''}`, attrs: { role: 'listitem', title: tile.title } },
        children,
      ),
    );
  }
  return grid;
}

export function renderHeader(
  container: HTMLElement,
  stores: RunStore[],
  hidden: Set<string>,
  events: HeaderEvents,
): void {
  if (stores.length === 0) {
    container.replaceChildren(
      h('div', { className: 'empty-state' }, [
        h('h1', { text: 'SO3 Lens' }),
        h('p', { text: 'Waiting for an analysis. Run “SO3 Lens: Analyze Log File” on a training log.' }),
      ]),
    );
    return;
  }
  if (stores.length === 1) {
    const store = stores[0] as RunStore;
    container.replaceChildren(
      h('div', { className: 'run-title' }, [
        h('h1', { text: store.label, attrs: { 'data-run-label': store.id } }),
        h('span', { className: 'run-file', text: store.file, attrs: { title: store.file } }),
      ]),
      metaChips(store),
      tiles(store),
      // Open where there is room for it; in a narrow side panel the charts come first.
      h('details', { className: 'reading-details', attrs: { open: window.innerWidth >= 800 } }, [
        h('summary', { text: 'Reading of the numbers' }),
        h('p', { className: 'reading', text: store.reading }),
      ]),
    );
    return;
  }
  const rows = stores.map((store, index) => {
    const box = h('vscode-checkbox', {
      text: store.label,
      attrs: {
        checked: !hidden.has(store.id),
        'data-run-toggle': store.id,
        title: `Show or hide ${store.label} in the charts`,
      },
    });
    box.addEventListener('change', () =>
      events.toggleRun(store.id, (box as HTMLElement & { checked: boolean }).checked),
    );
    return h('li', { className: 'compare-run' }, [
      h('div', { className: 'compare-name' }, [
        h('span', { className: `swatch run-color-${index % 6}` }),
        box,
      ]),
      h('span', { className: 'run-file', text: store.file, attrs: { title: store.file } }),
      metaChips(store),
      tiles(store),
      h('details', { className: 'reading-details' }, [
        h('summary', { text: 'Reading of the numbers' }),
        h('p', { className: 'reading', text: store.reading }),
      ]),
    ]);
  });
  container.replaceChildren(
    h('div', { className: 'run-title' }, [h('h1', { text: `Comparing ${stores.length} runs` })]),
    h('ul', { className: 'compare-list', attrs: { 'aria-label': 'Runs' } }, rows),
  );
}
