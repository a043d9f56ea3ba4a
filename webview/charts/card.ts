// One chart card: its DOM (title, description, tools, legend, canvas) and its Chart.js instance.
// The board owns the shared state (runs, zoom, toggles); a card only builds and updates its chart.

import type { Chart as ChartType, ChartOptions, TooltipItem } from 'chart.js';
import { h } from '../dom';
import { formatNumber, formatStep } from '../format';
import type { RunStore } from '../store';
import type { Palette } from '../theme';
import { withAlpha } from '../theme';
import type { Decimation } from '../viewState';
import { buildDatasets, type BuildContext, type DatasetMeta, type So3Dataset } from './datasets';
import { registerCharts } from './registry';
import type { ChartSpec } from './specs';

export interface CardHost {
  context(): BuildContext;
  decimation(): Decimation;
  logScale(spec: ChartSpec): boolean;
  setLogScale(spec: ChartSpec, on: boolean): void;
  extent(): { min: number; max: number } | undefined;
  /** A user zoom or pan moved this chart's x range (continuously while dragging). */
  rangeChanged(card: ChartCard, done: boolean): void;
  pointClicked(card: ChartCard, meta: DatasetMeta, x: number): void;
  exportPng(card: ChartCard): void;
  keyZoom(factor: number | 'reset'): void;
  /** Extra card content (the stabilizer controls), placed under the header. */
  extraControls(spec: ChartSpec): HTMLElement | undefined;
}

type Dataset = So3Dataset;

export class ChartCard {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  chart: ChartType<'line', Dataset['data']> | undefined;
  private readonly empty: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly logBox: HTMLElement | undefined;

  constructor(
    readonly spec: ChartSpec,
    private readonly host: CardHost,
  ) {
    const titleId = `title-${spec.id}`;
    const descId = `desc-${spec.id}`;
    const tools = h('div', { className: 'card-tools' });
    if (spec.log) {
      this.logBox = h('vscode-checkbox', {
        text: 'Log scale',
        attrs: { 'data-action': 'log' },
      });
      this.logBox.addEventListener('change', () => {
        host.setLogScale(spec, (this.logBox as HTMLElement & { checked: boolean }).checked);
      });
      tools.append(this.logBox);
    }
    const png = h('vscode-button', {
      text: 'Export PNG',
      attrs: { secondary: true, 'data-action': 'png', title: `Save “${spec.title}” as a PNG image` },
    });
    png.addEventListener('click', () => host.exportPng(this));
    tools.append(png);
    this.canvas = h('canvas', {
      attrs: {
        role: 'img',
        tabindex: 0,
        'aria-labelledby': titleId,
        'aria-describedby': descId,
        'data-chart': spec.id,
      },
    });
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
    this.empty = h('p', { className: 'card-empty', attrs: { hidden: true } });
    this.legend = h('div', { className: 'card-legend' });
    const extra = host.extraControls(spec);
    this.element = h(
      'section',
      { className: 'card', attrs: { id: `card-${spec.id}`, 'aria-labelledby': titleId } },
      [
        h('header', { className: 'card-head' }, [
          h('div', { className: 'card-titles' }, [
            h('h2', { text: spec.title, attrs: { id: titleId } }),
            h('p', { className: 'card-desc', text: spec.description, attrs: { id: descId } }),
          ]),
          tools,
        ]),
        ...(extra ? [extra] : []),
        this.legend,
        h('div', { className: 'chart-box' }, [this.canvas]),
        this.empty,
      ],
    );
  }

  /** Builds the chart on first call, then updates data and options in place (zoom is kept). */
  render(palette: Palette): void {
    const context = this.host.context();
    const available = context.runs.some(({ store }) => this.spec.groups.some((g) => store.hasValues(g.stat)));
    this.empty.hidden = available || context.runs.length === 0;
    this.empty.textContent = available ? '' : this.emptyReason(context.runs.map((r) => r.store));
    this.element.classList.toggle('is-empty', !available);
    if (this.logBox)
      (this.logBox as HTMLElement & { checked: boolean }).checked = this.host.logScale(this.spec);
    this.renderLegend(context.runs.length > 1);
    const datasets = buildDatasets(this.spec, context, this.host.logScale(this.spec));
    const options = this.options(palette);
    if (!this.chart) {
      const Chart = registerCharts();
      this.chart = new Chart(this.canvas, { type: 'line', data: { datasets }, options }) as ChartType<
        'line',
        Dataset['data']
      >;
      return;
    }
    const chart = this.chart;
    const x = chart.options.scales?.x as { min?: number; max?: number } | undefined;
    const kept = { min: x?.min, max: x?.max };
    chart.data.datasets = datasets;
    // Keep the zoom the plugin wrote into the x scale while replacing everything else.
    const nextX = options.scales?.x as { min?: number; max?: number };
    if (kept.min !== undefined) nextX.min = kept.min;
    if (kept.max !== undefined) nextX.max = kept.max;
    chart.options.scales = options.scales;
    chart.options.plugins = options.plugins;
    chart.update('none');
  }

  /** Only the data, for a zoom or an append: same options, new level-of-detail points. */
  refreshData(): void {
    if (!this.chart) return;
    this.chart.data.datasets = buildDatasets(this.spec, this.host.context(), this.host.logScale(this.spec));
    const extent = this.host.extent();
    const x = this.chart.options.scales?.x as { suggestedMin?: number; suggestedMax?: number } | undefined;
    if (x && extent) {
      x.suggestedMin = extent.min;
      x.suggestedMax = extent.max;
    }
    const zoom = this.chart.options.plugins?.zoom;
    if (zoom?.limits?.x && extent) {
      zoom.limits.x.min = extent.min;
      zoom.limits.x.max = extent.max;
    }
    this.chart.update('none');
  }

  private emptyReason(stores: RunStore[]): string {
    if (
      stores.length > 0 &&
      stores.every((s) => s.representation === '6d') &&
      this.spec.groups.every((g) => !g.stat.startsWith('gs'))
    ) {
      return 'Not applicable to a 6D log: its predictions are orthogonalized by Gram-Schmidt, not by the SVD.';
    }
    return 'No finite values in the shown runs.';
  }

  private renderLegend(compare: boolean): void {
    const items: HTMLElement[] = [];
    this.spec.groups.forEach((group, index) => {
      const swatch = h('span', {
        className: compare ? `swatch dash-${index % 3}` : `swatch run-color-${group.color}`,
      });
      const parts = [
        group.band
          ? `${group.label} median, band ${group.band[0]}–${group.band[1]}`
          : `${group.label} median`,
      ];
      if (group.extreme) parts.push(`dashed ${group.extreme}`);
      if (group.axis === 'y2') parts.push('right axis');
      items.push(h('span', { className: 'legend-item' }, [swatch, parts.join(', ')]));
    });
    for (const kind of this.spec.marks) {
      items.push(
        h('span', { className: 'legend-item' }, [
          h('span', { className: `mark mark-${kind}` }),
          `${kind} step`,
        ]),
      );
    }
    this.legend.replaceChildren(...items);
  }

  private options(palette: Palette): ChartOptions<'line'> {
    const extent = this.host.extent();
    const log = this.host.logScale(this.spec);
    const font = { family: palette.fontFamily, size: Math.max(10, palette.fontSize - 2) };
    const grid = { color: withAlpha(palette.grid, 0.55), tickColor: withAlpha(palette.grid, 0.55) };
    const ticks = { color: palette.muted, font };
    const title = (text: string) => ({ display: true, text, color: palette.muted, font });
    const y: Record<string, unknown> = {
      type: log ? 'logarithmic' : 'linear',
      grid,
      border: { color: palette.grid },
      ticks: {
        ...ticks,
        maxTicksLimit: 6,
        callback: (value: number | string) => formatNumber(Number(value), 3),
      },
      title: title(this.spec.yTitle),
    };
    const scales: Record<string, unknown> = {
      x: {
        type: 'linear',
        bounds: 'data',
        suggestedMin: extent?.min,
        suggestedMax: extent?.max,
        grid,
        border: { color: palette.grid },
        ticks: {
          ...ticks,
          maxTicksLimit: 8,
          callback: (value: number | string) => formatStep(Number(value)),
        },
        title: title('training step'),
      },
      y,
    };
    if (this.spec.marks.length > 0) {
      // Flag marks get their own strip along the x axis (stacked with y), so they never cover the
      // data. Chart.js stacks axes bottom-up in definition order: the strip is defined first.
      y.stack = 'rows';
      y.stackWeight = 7;
      const { x, ...rest } = scales;
      for (const key of Object.keys(scales)) delete scales[key];
      scales.x = x;
      scales.marks = {
        type: 'linear',
        axis: 'y',
        position: 'left',
        stack: 'rows',
        stackWeight: 1,
        offset: true,
        min: 0,
        max: 1,
        grid: { display: false, drawTicks: false },
        border: { display: false },
        ticks: { display: false },
        title: { display: false },
      };
      Object.assign(scales, rest);
    }
    if (this.spec.y2Title) {
      scales.y2 = {
        type: 'linear',
        position: 'right',
        grid: { drawOnChartArea: false, color: grid.color },
        border: { color: palette.grid },
        ticks: {
          ...ticks,
          maxTicksLimit: 6,
          callback: (value: number | string) => formatNumber(Number(value), 3),
        },
        title: title(this.spec.y2Title),
      };
    }
    const thresholds = this.host.context().toggles.thresholds ? this.thresholdLines(palette) : [];
    const host = this.host;
    return {
      parsing: false,
      normalized: true,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      events: ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: scales as ChartOptions<'line'>['scales'],
      onClick: (event, _elements, chart) => {
        const native = event.native;
        if (!native) return;
        // A flag mark under the pointer wins (it reveals that flag's own line); otherwise the step nearest in x.
        const under = chart.getElementsAtEventForMode(native, 'point', { intersect: true }, true);
        const distance = (i: (typeof under)[number]) =>
          Math.hypot(i.element.x - (event.x ?? 0), i.element.y - (event.y ?? 0));
        const mark = under
          .filter((i) => (chart.data.datasets[i.datasetIndex] as Dataset | undefined)?.so3.role === 'mark')
          .sort((a, b) => distance(a) - distance(b))[0];
        const item =
          mark ??
          chart.getElementsAtEventForMode(native, 'nearest', { axis: 'x', intersect: false }, true)[0];
        if (!item) return;
        const dataset = chart.data.datasets[item.datasetIndex] as Dataset | undefined;
        const point = dataset?.data[item.index];
        if (dataset && point) host.pointClicked(this, dataset.so3, point.x);
      },
      plugins: {
        decimation: { enabled: true, algorithm: host.decimation() },
        tooltip: {
          enabled: true,
          displayColors: false,
          backgroundColor: withAlpha(palette.background, 0.96),
          titleColor: palette.foreground,
          bodyColor: palette.foreground,
          borderColor: palette.grid,
          borderWidth: 1,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          padding: 8,
          filter: (_item, index) => index === 0,
          callbacks: {
            title: (items) => this.tooltipTitle(items),
            label: (item) => this.tooltipLines(item),
          },
        },
        zoom: {
          limits: { x: { min: extent?.min ?? 'original', max: extent?.max ?? 'original' } },
          pan: {
            enabled: true,
            mode: 'x',
            modifierKey: 'shift',
            onPan: () => host.rangeChanged(this, false),
            onPanComplete: () => host.rangeChanged(this, true),
          },
          zoom: {
            mode: 'x',
            wheel: { enabled: true, modifierKey: 'ctrl', speed: 0.15 },
            drag: {
              enabled: true,
              backgroundColor: withAlpha(palette.focus, 0.15),
              borderColor: palette.focus,
              borderWidth: 1,
            },
            pinch: { enabled: false },
            onZoom: ({ trigger }) => {
              if (trigger !== 'api') host.rangeChanged(this, false);
            },
            onZoomComplete: () => host.rangeChanged(this, true),
          },
        },
        so3Guides: { lines: thresholds, font: `${font.size}px ${font.family}` },
        so3Background: { color: palette.background },
      },
    };
  }

  private thresholdLines(palette: Palette) {
    const runs = this.host.context().runs;
    const first = runs[0]?.store;
    if (!first) return [];
    return this.spec.thresholds(first.thresholds).map((line) => ({
      scaleId: line.axis,
      value: line.value,
      label: line.label,
      color: palette.red,
    }));
  }

  private itemStep(item: TooltipItem<'line'>): { store: RunStore; index: number } | undefined {
    const dataset = item.dataset as Dataset;
    const runs = this.host.context().runs;
    const run = runs.find((r) => r.store.id === dataset.so3.runId) ?? runs[0];
    if (!run) return undefined;
    const point = dataset.data[item.dataIndex];
    if (!point) return undefined;
    return { store: run.store, index: run.store.nearestIndex(point.x) };
  }

  private tooltipTitle(items: TooltipItem<'line'>[]): string {
    const first = items[0];
    const hit = first ? this.itemStep(first) : undefined;
    if (!hit) return '';
    const step = hit.store.steps[hit.index] as number;
    return `step ${formatStep(step)}`;
  }

  private tooltipLines(item: TooltipItem<'line'>): string[] {
    const hit = this.itemStep(item);
    if (!hit) return [];
    const x = hit.store.steps[hit.index] as number;
    const runs = this.host.context().runs;
    const lines: string[] = [];
    for (const { store } of runs) {
      const index = store.nearestIndex(x);
      if (index < 0) continue;
      if (runs.length > 1) lines.push(`${store.label} (step ${formatStep(store.steps[index] as number)})`);
      for (const group of this.spec.groups) {
        const quantiles = ['median', ...(group.band ?? []), ...(group.extreme ? [group.extreme] : [])];
        const unique = [...new Set(quantiles)] as Array<'min' | 'median' | 'p95' | 'max'>;
        const parts = unique.map((q) => `${q} ${formatNumber(store.stat(group.stat, q)[index] as number)}`);
        lines.push(`${group.label}: ${parts.join(' · ')}`);
      }
      const counts: string[] = [`${store.column('count')[index]} matrices`];
      const near = store.column('nearSingular')[index] as number;
      const det = store.column('detNegative')[index] as number;
      const high = store.column('kappaHigh')[index] as number;
      const nonFinite = store.column('nonFinite')[index] as number;
      if (near) counts.push(`${near} near-singular`);
      if (det) counts.push(`${det} det<0`);
      if (high) counts.push(`${high} κ-high`);
      if (nonFinite) counts.push(`${nonFinite} non-finite`);
      const line = store.column('line')[index] as number;
      if (line > 0) counts.push(`line ${line}`);
      lines.push(counts.join(' · '));
    }
    return lines;
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === '+' || event.key === '=') this.host.keyZoom(1.5);
    else if (event.key === '-') this.host.keyZoom(1 / 1.5);
    else if (event.key === '0' || event.key === 'Escape') this.host.keyZoom('reset');
    else return;
    event.preventDefault();
  }
}
