// What the panel remembers across hide/show and window reloads (through `vscode.setState`): the
// zoom, the toggles, the selected runs and the settings. The run list lets the host's serializer
// re-analyze the same files after a reload; the data itself is never stored here.

import type { SavedPanelState, SavedRunRef } from '../src/shared/protocol';

export type Decimation = 'lttb' | 'min-max';

export interface SeriesToggles {
  median: boolean;
  band: boolean;
  extremes: boolean;
  thresholds: boolean;
  marks: boolean;
  /** The unsmoothed median, drawn faintly under the smoothed one. */
  raw: boolean;
}

export type SortKey = 'run' | 'step' | 'index' | 'line' | 'kind' | 'message';

export interface ViewState extends SavedPanelState {
  version: 1;
  zoom: { min: number; max: number } | undefined;
  logScale: Record<string, boolean>;
  toggles: SeriesToggles;
  hiddenRuns: string[];
  /** EMA weight in [0, 0.99]; 0 is off. */
  smoothing: number;
  decimation: Decimation;
  sort: { key: SortKey; descending: boolean };
  /** The runs on display, for the serializer: id, file and label of each. */
  runs: SavedRunRef[];
}

export function defaultViewState(): ViewState {
  return {
    version: 1,
    zoom: undefined,
    logScale: {},
    toggles: { median: true, band: true, extremes: true, thresholds: true, marks: true, raw: true },
    hiddenRuns: [],
    smoothing: 0,
    decimation: 'min-max',
    sort: { key: 'step', descending: false },
    runs: [],
  };
}

/** A stored state from an older or foreign build is merged field by field onto the defaults. */
export function restoreViewState(stored: unknown): ViewState {
  const state = defaultViewState();
  if (typeof stored !== 'object' || stored === null) return state;
  const s = stored as Partial<ViewState>;
  if (s.version !== 1) return state;
  if (s.zoom && Number.isFinite(s.zoom.min) && Number.isFinite(s.zoom.max) && s.zoom.min < s.zoom.max) {
    state.zoom = { min: s.zoom.min, max: s.zoom.max };
  }
  if (s.logScale && typeof s.logScale === 'object') {
    for (const [key, value] of Object.entries(s.logScale))
      if (typeof value === 'boolean') state.logScale[key] = value;
  }
  if (s.toggles && typeof s.toggles === 'object') {
    for (const key of Object.keys(state.toggles) as Array<keyof SeriesToggles>) {
      const value = s.toggles[key];
      if (typeof value === 'boolean') state.toggles[key] = value;
    }
  }
  if (Array.isArray(s.hiddenRuns)) state.hiddenRuns = s.hiddenRuns.filter((id) => typeof id === 'string');
  if (typeof s.smoothing === 'number' && s.smoothing >= 0 && s.smoothing < 1) state.smoothing = s.smoothing;
  if (s.decimation === 'lttb' || s.decimation === 'min-max') state.decimation = s.decimation;
  if (s.sort && typeof s.sort.key === 'string')
    state.sort = { key: s.sort.key, descending: !!s.sort.descending };
  if (Array.isArray(s.runs)) {
    state.runs = s.runs.filter(
      (r) => r && typeof r.id === 'string' && typeof r.file === 'string' && typeof r.label === 'string',
    );
  }
  return state;
}
