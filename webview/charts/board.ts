// The set of chart cards and what they share: the runs on display, one x range (zooming or panning
// one chart moves all of them), the toggles and settings. Implements the cards' host interface.

import type { RunStore } from '../store';
import type { Palette } from '../theme';
import type { ViewState } from '../viewState';
import { ChartCard, type CardHost } from './card';
import { smoothedCache, type BuildContext, type DatasetMeta } from './datasets';
import { CHART_SPECS, type ChartSpec } from './specs';

/** Points per series after level of detail: above Chart.js' decimation threshold (4 × width). */
const LOD_BUCKETS = 2000;

export interface BoardEvents {
  pointClicked(store: RunStore, meta: DatasetMeta, x: number): void;
  exportPng(card: ChartCard, dataUrl: string): void;
  stateChanged(): void;
  extraControls(spec: ChartSpec): HTMLElement | undefined;
}

export class ChartBoard implements CardHost {
  readonly cards: ChartCard[];
  private stores: RunStore[] = [];
  private syncing = false;
  private readonly smoothed = smoothedCache();

  constructor(
    container: HTMLElement,
    private readonly state: ViewState,
    private palette: Palette,
    private readonly events: BoardEvents,
  ) {
    this.cards = CHART_SPECS.map((spec) => new ChartCard(spec, this));
    container.replaceChildren(...this.cards.map((card) => card.element));
  }

  setRuns(stores: RunStore[]): void {
    this.stores = stores;
    // A saved zoom that misses every step of the new runs would show empty charts.
    const zoom = this.state.zoom;
    const extent = this.extent();
    if (zoom && (!extent || zoom.max < extent.min || zoom.min > extent.max)) {
      this.state.zoom = undefined;
      this.syncing = true;
      try {
        for (const card of this.cards) card.chart?.resetZoom('none');
      } finally {
        this.syncing = false;
      }
    }
    this.renderAll();
  }

  get runs(): RunStore[] {
    return this.stores;
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    this.renderAll();
  }

  /** Options and data: after a toggle, a setting, a theme or a new set of runs. */
  renderAll(): void {
    const zoom = this.state.zoom;
    for (const card of this.cards) card.render(this.palette);
    if (zoom) this.applyRange(zoom.min, zoom.max, undefined);
  }

  /** Data only: after an append or a zoom; options, scales and the zoom stay as they are. */
  refreshData(): void {
    for (const card of this.cards) card.refreshData();
  }

  visibleRuns(): RunStore[] {
    const hidden = new Set(this.state.hiddenRuns);
    return this.stores.filter((store) => !hidden.has(store.id));
  }

  // CardHost

  context(): BuildContext {
    const hidden = new Set(this.state.hiddenRuns);
    return {
      runs: this.stores
        .map((store, colorIndex) => ({ store, colorIndex }))
        .filter(({ store }) => !hidden.has(store.id)),
      toggles: this.state.toggles,
      smoothing: this.state.smoothing,
      palette: this.palette,
      range: this.state.zoom,
      buckets: LOD_BUCKETS,
      smoothed: this.smoothed,
    };
  }

  decimation(): ViewState['decimation'] {
    return this.state.decimation;
  }

  logScale(spec: ChartSpec): boolean {
    return this.state.logScale[spec.id] ?? spec.log?.default ?? false;
  }

  setLogScale(spec: ChartSpec, on: boolean): void {
    if (this.logScale(spec) === on) return;
    this.state.logScale[spec.id] = on;
    const card = this.cards.find((c) => c.spec === spec);
    card?.render(this.palette);
    this.events.stateChanged();
  }

  extent(): { min: number; max: number } | undefined {
    let min = Infinity;
    let max = -Infinity;
    for (const store of this.visibleRuns()) {
      const order = store.order;
      if (order.length === 0) continue;
      min = Math.min(min, store.steps[order[0] as number] as number);
      max = Math.max(max, store.steps[order[order.length - 1] as number] as number);
    }
    if (!Number.isFinite(min)) return undefined;
    return min === max ? { min: min - 0.5, max: max + 0.5 } : { min, max };
  }

  rangeChanged(source: ChartCard, done: boolean): void {
    if (this.syncing || !source.chart) return;
    const chart = source.chart;
    const zoomed = chart.isZoomedOrPanned();
    const { min, max } = chart.scales.x as { min: number; max: number };
    this.syncing = true;
    try {
      for (const card of this.cards) {
        if (card === source || !card.chart) continue;
        if (zoomed) card.chart.zoomScale('x', { min, max }, 'none');
        else card.chart.resetZoom('none');
      }
    } finally {
      this.syncing = false;
    }
    if (!done) return;
    this.state.zoom = zoomed ? { min, max } : undefined;
    this.refreshData();
    this.events.stateChanged();
  }

  pointClicked(_card: ChartCard, meta: DatasetMeta, x: number): void {
    const store = this.stores.find((s) => s.id === meta.runId);
    if (store) this.events.pointClicked(store, meta, x);
  }

  exportPng(card: ChartCard): void {
    if (card.chart) this.events.exportPng(card, card.chart.toBase64Image('image/png', 1));
  }

  keyZoom(factor: number | 'reset'): void {
    if (factor === 'reset') {
      this.resetZoom();
      return;
    }
    const extent = this.extent();
    if (!extent) return;
    const current = this.state.zoom ?? extent;
    const center = (current.min + current.max) / 2;
    const half = (current.max - current.min) / 2 / factor;
    const min = Math.max(extent.min, center - half);
    const max = Math.min(extent.max, center + half);
    if (max - min >= extent.max - extent.min) this.resetZoom();
    else this.setRange(min, max);
  }

  extraControls(spec: ChartSpec): HTMLElement | undefined {
    return this.events.extraControls(spec);
  }

  // Zoom shared by every chart

  setRange(min: number, max: number): void {
    this.state.zoom = { min, max };
    this.applyRange(min, max, undefined);
    this.refreshData();
    this.events.stateChanged();
  }

  resetZoom(): void {
    this.syncing = true;
    try {
      for (const card of this.cards) card.chart?.resetZoom('none');
    } finally {
      this.syncing = false;
    }
    this.state.zoom = undefined;
    this.refreshData();
    this.events.stateChanged();
  }

  private applyRange(min: number, max: number, except: ChartCard | undefined): void {
    this.syncing = true;
    try {
      for (const card of this.cards) if (card !== except) card.chart?.zoomScale('x', { min, max }, 'none');
    } finally {
      this.syncing = false;
    }
  }
}
