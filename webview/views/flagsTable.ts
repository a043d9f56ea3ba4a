// The flagged-steps table: the non-visual view of the charts. Sortable by any column (buttons in
// the headers, aria-sort), one tab stop with arrow-key navigation between rows (roving tabindex),
// click or Enter reveals the matrix's line in the log editor.

import type { FlagRecord } from '../../src/shared/analysis';
import { h } from '../dom';
import { formatCount, formatStep } from '../format';
import type { RunStore } from '../store';
import type { SortKey, ViewState } from '../viewState';

/** More rows than this are not put in the DOM; the note says how many there are. */
const MAX_ROWS = 5000;

export interface FlagRow {
  store: RunStore;
  flag: FlagRecord;
}

export interface FlagTableEvents {
  activate(row: FlagRow): void;
  sortChanged(): void;
}

const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: 'run', label: 'Run' },
  { key: 'step', label: 'Step', numeric: true },
  { key: 'index', label: 'Matrix', numeric: true },
  { key: 'line', label: 'Line', numeric: true },
  { key: 'kind', label: 'Flag' },
  { key: 'message', label: 'Message' },
];

function compare(a: FlagRow, b: FlagRow, key: SortKey): number {
  switch (key) {
    case 'run':
      return a.store.label.localeCompare(b.store.label);
    case 'step':
      return a.flag.step - b.flag.step || a.flag.index - b.flag.index;
    case 'index':
      return a.flag.index - b.flag.index;
    case 'line':
      return (a.flag.line ?? a.flag.offset ?? 0) - (b.flag.line ?? b.flag.offset ?? 0);
    case 'kind':
      return a.flag.kind.localeCompare(b.flag.kind);
    case 'message':
      return a.flag.message.localeCompare(b.flag.message);
  }
}

export class FlagTable {
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly note: HTMLElement;
  private rows: FlagRow[] = [];
  private focused = 0;

  constructor(
    private readonly state: ViewState,
    private readonly events: FlagTableEvents,
  ) {
    this.table = h('table', {
      className: 'flags',
      attrs: { 'aria-labelledby': 'flags-title', 'aria-describedby': 'flags-note' },
    });
    this.note = h('p', { className: 'flags-note', attrs: { id: 'flags-note' } });
    this.table.addEventListener('keydown', (event) => this.onKey(event));
    this.element = h(
      'section',
      { className: 'card flags-card', attrs: { id: 'flags', 'aria-labelledby': 'flags-title' } },
      [
        h('header', { className: 'card-head' }, [
          h('div', { className: 'card-titles' }, [
            h('h2', { text: 'Flagged matrices', attrs: { id: 'flags-title' } }),
            h('p', {
              className: 'card-desc',
              text: 'Click a row or press Enter to reveal it in the log. Arrow keys move between rows; the column headers sort.',
            }),
          ]),
        ]),
        this.note,
        h('div', { className: 'table-scroll' }, [this.table]),
      ],
    );
  }

  render(stores: RunStore[]): void {
    const compareMode = stores.length > 1;
    this.rows = stores.flatMap((store) => store.flags.map((flag) => ({ store, flag })));
    const { key, descending } = this.state.sort;
    const sortKey = !compareMode && key === 'run' ? 'step' : key;
    this.rows.sort((a, b) => (descending ? -1 : 1) * compare(a, b, sortKey) || compare(a, b, 'step'));
    const total = stores.reduce((n, s) => n + s.flagsTotal, 0);
    const shown = Math.min(this.rows.length, MAX_ROWS);
    this.note.textContent =
      total === 0
        ? 'No flagged matrices.'
        : shown < total
          ? `Showing ${formatCount(shown)} of ${formatCount(total)} flagged matrices (the rest are counted but not listed).`
          : `${formatCount(total)} flagged ${total === 1 ? 'matrix' : 'matrices'}.`;
    const columns = COLUMNS.filter((c) => compareMode || c.key !== 'run');
    const headRow = h('tr');
    for (const column of columns) {
      const active = column.key === sortKey;
      const sortButton = h('button', {
        className: 'sort',
        text: column.label,
        attrs: { type: 'button', 'data-sort': column.key, title: `Sort by ${column.label.toLowerCase()}` },
      });
      sortButton.append(
        h('span', {
          className: 'sort-arrow',
          text: active ? (descending ? ' ▼' : ' ▲') : '',
          attrs: { 'aria-hidden': 'true' },
        }),
      );
      sortButton.addEventListener('click', () => {
        this.state.sort = { key: column.key, descending: active ? !descending : false };
        this.render(stores);
        this.events.sortChanged();
      });
      headRow.append(
        h(
          'th',
          {
            className: column.numeric ? 'num' : '',
            attrs: { scope: 'col', 'aria-sort': active ? (descending ? 'descending' : 'ascending') : 'none' },
          },
          [sortButton],
        ),
      );
    }
    const body = h('tbody');
    this.focused = Math.min(this.focused, Math.max(0, shown - 1));
    for (let r = 0; r < shown; r++) {
      const row = this.rows[r] as FlagRow;
      const where =
        row.flag.line !== undefined && row.flag.line > 0
          ? String(row.flag.line)
          : row.flag.offset !== undefined
            ? `@${row.flag.offset}`
            : '–';
      const cells: Record<SortKey, string> = {
        run: row.store.label,
        step: formatStep(row.flag.step),
        index: String(row.flag.index),
        line: where,
        kind: row.flag.kind,
        message: row.flag.message,
      };
      const tr = h('tr', {
        className: `flag-row kind-${row.flag.kind}`,
        attrs: { tabindex: r === this.focused ? 0 : -1, 'data-row': r, 'aria-rowindex': r + 2 },
      });
      for (const column of columns) {
        const td = h('td', { className: column.numeric ? 'num' : '', text: cells[column.key] });
        if (column.key === 'kind')
          td.prepend(
            h('span', { className: `mark mark-${row.flag.kind}`, attrs: { 'aria-hidden': 'true' } }),
          );
        tr.append(td);
      }
      tr.addEventListener('click', () => {
        this.focusRow(r);
        this.events.activate(row);
      });
      body.append(tr);
    }
    this.table.replaceChildren(h('thead', {}, [headRow]), body);
    this.table.setAttribute('aria-rowcount', String(shown + 1));
  }

  private focusRow(index: number): void {
    const rows = this.table.tBodies[0]?.rows;
    if (!rows || rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, index));
    rows[this.focused]?.setAttribute('tabindex', '-1');
    this.focused = next;
    const row = rows[next] as HTMLTableRowElement;
    row.setAttribute('tabindex', '0');
    row.focus();
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('flag-row')) return;
    const page = 10;
    switch (event.key) {
      case 'ArrowDown':
        this.focusRow(this.focused + 1);
        break;
      case 'ArrowUp':
        this.focusRow(this.focused - 1);
        break;
      case 'PageDown':
        this.focusRow(this.focused + page);
        break;
      case 'PageUp':
        this.focusRow(this.focused - page);
        break;
      case 'Home':
        this.focusRow(0);
        break;
      case 'End':
        this.focusRow(Number.MAX_SAFE_INTEGER);
        break;
      case 'Enter':
      case ' ': {
        const row = this.rows[this.focused];
        if (row) this.events.activate(row);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }
}
