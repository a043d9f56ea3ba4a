// The controls shared by every chart: smoothing, decimation, series toggles, zoom, CSV export.
// Built from @vscode-elements components so they look and behave like VS Code's own.

import { h } from '../dom';
import type { Decimation, SeriesToggles, ViewState } from '../viewState';

export interface ToolbarEvents {
  smoothingChanged(weight: number): void;
  decimationChanged(algorithm: Decimation): void;
  togglesChanged(): void;
  zoom(factor: number | 'reset'): void;
  exportCsv(): void;
}

type Checkbox = HTMLElement & { checked: boolean };
type Select = HTMLElement & { value: string };

const TOGGLES: Array<{ key: keyof SeriesToggles; label: string; title: string }> = [
  { key: 'median', label: 'Median', title: 'The median of each step' },
  { key: 'band', label: 'Band', title: 'The spread of each step (median to p95, or min to max)' },
  { key: 'extremes', label: 'Extremes', title: 'The raw max (or min) of each step, never smoothed' },
  { key: 'raw', label: 'Raw median', title: 'The unsmoothed median under the smoothed one' },
  { key: 'thresholds', label: 'Thresholds', title: 'The κ and near-singular threshold lines' },
  { key: 'marks', label: 'Flag marks', title: 'Near-singular, det < 0 and κ-high steps along the x axis' },
];

export function buildToolbar(state: ViewState, events: ToolbarEvents): HTMLElement {
  const smoothingValue = h('output', {
    className: 'smoothing-value',
    text: state.smoothing.toFixed(2),
    attrs: { for: 'smoothing' },
  });
  const smoothing = h('input', {
    attrs: {
      id: 'smoothing',
      type: 'range',
      min: 0,
      max: 0.99,
      step: 0.01,
      value: state.smoothing,
      'aria-describedby': 'smoothing-help',
    },
  });
  smoothing.addEventListener('input', () => {
    const weight = Number(smoothing.value);
    smoothingValue.textContent = weight.toFixed(2);
    events.smoothingChanged(weight);
  });

  const decimation = h(
    'vscode-single-select',
    { attrs: { id: 'decimation', 'aria-label': 'Decimation algorithm' } },
    [
      h('vscode-option', {
        text: 'Min-max',
        attrs: { value: 'min-max', selected: state.decimation === 'min-max' },
      }),
      h('vscode-option', { text: 'LTTB', attrs: { value: 'lttb', selected: state.decimation === 'lttb' } }),
    ],
  ) as Select;
  decimation.addEventListener('change', () => {
    const value = decimation.value === 'lttb' ? 'lttb' : 'min-max';
    events.decimationChanged(value);
  });

  const toggles = TOGGLES.map(({ key, label, title }) => {
    const box = h('vscode-checkbox', {
      text: label,
      attrs: { checked: state.toggles[key], 'data-toggle': key, title },
    }) as Checkbox;
    box.addEventListener('change', () => {
      state.toggles[key] = box.checked;
      events.togglesChanged();
    });
    return box;
  });

  const button = (
    text: string,
    action: string,
    title: string,
    onClick: () => void,
    secondary = true,
  ): HTMLElement => {
    const element = h('vscode-button', { text, attrs: { secondary, 'data-action': action, title } });
    element.addEventListener('click', onClick);
    return element;
  };

  return h('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Chart controls' } }, [
    h('div', { className: 'tool-group' }, [
      h('label', { className: 'tool-label', text: 'Smoothing', attrs: { for: 'smoothing' } }),
      smoothing,
      smoothingValue,
      h('span', {
        className: 'visually-hidden',
        text: 'Exponential moving average of the medians; extremes stay raw.',
        attrs: { id: 'smoothing-help' },
      }),
    ]),
    h('div', { className: 'tool-group' }, [
      h('label', { className: 'tool-label', text: 'Decimation', attrs: { for: 'decimation' } }),
      decimation,
    ]),
    h('div', { className: 'tool-group toggles', attrs: { role: 'group', 'aria-label': 'Series' } }, toggles),
    h('div', { className: 'tool-group' }, [
      button('Zoom in', 'zoom-in', 'Zoom in on every chart (+ on a focused chart)', () => events.zoom(1.5)),
      button('Zoom out', 'zoom-out', 'Zoom out (− on a focused chart)', () => events.zoom(1 / 1.5)),
      button('Reset zoom', 'zoom-reset', 'Show every step (0 on a focused chart)', () =>
        events.zoom('reset'),
      ),
      button('Export CSV', 'export-csv', 'Save the per-step statistics as CSV', () => events.exportCsv()),
    ]),
    h('p', {
      className: 'hint',
      text: 'Drag to zoom · Shift+drag to pan · Ctrl+wheel to zoom · click a point to open its step',
    }),
  ]);
}

export interface StabilizerEvents {
  apply(taylorK: number, clampEps: number): void;
}

/** The Taylor K / clamp ε controls of the stabilized-SVD card. */
export function buildStabilizerControls(events: StabilizerEvents): {
  element: HTMLElement;
  set(k: number, eps: number): void;
  status(text: string): void;
} {
  type Field = HTMLElement & { value: string };
  const k = h('vscode-textfield', {
    attrs: { id: 'taylor-k', type: 'number', min: 0, max: 64, step: 1, 'aria-label': 'Taylor K' },
  }) as Field;
  const eps = h('vscode-textfield', {
    attrs: { id: 'clamp-eps', type: 'text', inputmode: 'decimal', 'aria-label': 'Clamp ε' },
  }) as Field;
  const status = h('span', { className: 'stabilizer-status', attrs: { role: 'status' } });
  const apply = h('vscode-button', {
    text: 'Apply',
    attrs: { 'data-action': 'apply-stabilizer', title: 'Re-analyze with this Taylor K and clamp ε' },
  });
  const submit = (): void => {
    const taylorK = Number.parseInt(k.value, 10);
    const clampEps = Number.parseFloat(eps.value);
    if (!Number.isInteger(taylorK) || taylorK < 0 || taylorK > 64) {
      status.textContent = 'Taylor K must be a whole number from 0 to 64.';
      return;
    }
    if (!Number.isFinite(clampEps) || clampEps <= 0) {
      status.textContent = 'Clamp ε must be a positive number.';
      return;
    }
    status.textContent = 'Re-analyzing…';
    events.apply(taylorK, clampEps);
  };
  apply.addEventListener('click', submit);
  for (const field of [k, eps]) {
    field.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') submit();
    });
  }
  const element = h(
    'div',
    { className: 'stabilizer', attrs: { role: 'group', 'aria-label': 'Stabilizer settings' } },
    [
      h('label', { className: 'tool-label', text: 'Taylor K', attrs: { for: 'taylor-k' } }),
      k,
      h('label', { className: 'tool-label', text: 'Clamp ε', attrs: { for: 'clamp-eps' } }),
      eps,
      apply,
      status,
    ],
  );
  return {
    element,
    set(taylorK, clampEps) {
      k.value = String(taylorK);
      eps.value = String(clampEps);
    },
    status(text) {
      status.textContent = text;
    },
  };
}
