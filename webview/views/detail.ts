// The per-matrix detail of one step, for logs without lines to reveal (.npy, .npz): the host sends
// the step's `inspect` records; each becomes a small definition list. Values are text only.

import type { StepDetail } from '../../src/shared/protocol';
import { h } from '../dom';
import { formatNumber, formatStep } from '../format';

function valueText(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value, 6);
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || v === null)) {
    return `[${value.map((v) => (typeof v === 'number' ? formatNumber(v, 5) : 'null')).join(', ')}]`;
  }
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' ? Number(formatNumber(v, 6)) || v : v,
  );
}

export class DetailPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly title: HTMLElement;

  constructor() {
    this.title = h('h2', { attrs: { id: 'detail-title' } });
    const close = h('vscode-button', {
      text: 'Close',
      attrs: { secondary: true, 'data-action': 'close-detail' },
    });
    close.addEventListener('click', () => this.hide());
    this.body = h('div', { className: 'detail-body' });
    this.element = h(
      'section',
      {
        className: 'card detail',
        attrs: { id: 'detail', hidden: true, 'aria-labelledby': 'detail-title', 'aria-live': 'polite' },
      },
      [
        h('header', { className: 'card-head' }, [
          h('div', { className: 'card-titles' }, [this.title]),
          h('div', { className: 'card-tools' }, [close]),
        ]),
        this.body,
      ],
    );
  }

  pending(label: string, step: number): void {
    this.title.textContent = `${label} — step ${formatStep(step)}`;
    this.body.replaceChildren(h('p', { className: 'card-desc', text: 'Loading the matrices of this step…' }));
    this.element.hidden = false;
  }

  show(label: string, detail: StepDetail): void {
    this.title.textContent = `${label} — step ${formatStep(detail.step)} (${detail.records.length} matrices)`;
    const items = detail.records.map((record, index) => {
      const list = h('dl', { className: 'detail-record' });
      if (record && typeof record === 'object') {
        for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
          list.append(h('div', {}, [h('dt', { text: key }), h('dd', { text: valueText(value) })]));
        }
      } else {
        list.append(h('div', {}, [h('dt', { text: 'value' }), h('dd', { text: valueText(record) })]));
      }
      return h('li', {}, [h('h3', { text: `matrix ${index}` }), list]);
    });
    this.body.replaceChildren(h('ol', { className: 'detail-list' }, items));
    this.element.hidden = false;
    this.element.scrollIntoView({ block: 'nearest' });
  }

  hide(): void {
    this.element.hidden = true;
  }
}
