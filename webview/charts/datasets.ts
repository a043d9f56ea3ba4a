// Chart.js datasets for one chart spec: for each visible run and series group, a band (two
// datasets, the upper filled down to the lower), the raw median when smoothing, the median, the
// raw extreme, and the flag marks on a hidden 0..1 axis along the bottom of the plot.

import type { ChartDataset } from 'chart.js';
import type { FlagKind } from '../../src/shared/analysis';
import { bandLod, ema, lineLod, visibleRange, type Point } from '../lod';
import type { Quantile, RunStore } from '../store';
import type { Palette } from '../theme';
import { withAlpha } from '../theme';
import type { SeriesToggles } from '../viewState';
import type { ChartSpec, SeriesGroup } from './specs';

export type DatasetRole = 'band-lower' | 'band-upper' | 'raw' | 'median' | 'extreme' | 'mark';

/** What a dataset is, for tooltips, clicks and tests. */
export interface DatasetMeta {
  runId: string;
  role: DatasetRole;
  stat?: string;
  quantile?: Quantile;
  mark?: FlagKind;
}

export type So3Dataset = ChartDataset<'line', Point[]> & { so3: DatasetMeta };

export interface BuildContext {
  runs: Array<{ store: RunStore; colorIndex: number }>;
  toggles: SeriesToggles;
  smoothing: number;
  palette: Palette;
  range: { min: number; max: number } | undefined;
  /** Points per series kept by the level-of-detail step (before Chart.js' own decimation). */
  buckets: number;
  /** Smoothed medians, cached per run version and weight. */
  smoothed: (store: RunStore, stat: SeriesGroup['stat'], weight: number) => Float64Array;
}

const MARK_ROWS: Record<FlagKind, number> = {
  'near-singular': 0.72,
  'det-negative': 0.28,
  'kappa-high': 0.5,
  'gs-degenerate': 0.5,
  'non-finite': 0.5,
};

const DASHES = [[], [6, 3], [2, 2]];

function markColor(kind: FlagKind, palette: Palette): string {
  if (kind === 'det-negative') return palette.red;
  if (kind === 'kappa-high') return palette.orange;
  return palette.yellow;
}

function markColumn(kind: FlagKind): 'nearSingular' | 'detNegative' | 'kappaHigh' | 'nonFinite' | undefined {
  switch (kind) {
    case 'near-singular':
      return 'nearSingular';
    case 'det-negative':
      return 'detNegative';
    case 'kappa-high':
      return 'kappaHigh';
    case 'non-finite':
      return 'nonFinite';
    case 'gs-degenerate':
      return undefined;
  }
}

function lineDataset(
  data: Point[],
  meta: DatasetMeta,
  axis: string,
  color: string,
  width: number,
  dash: number[],
  label: string,
): So3Dataset {
  return {
    type: 'line',
    label,
    data,
    yAxisID: axis,
    borderColor: color,
    backgroundColor: color,
    borderWidth: width,
    borderDash: dash,
    pointRadius: 0,
    pointHoverRadius: 3,
    pointHitRadius: 4,
    spanGaps: false,
    fill: false,
    normalized: true,
    so3: meta,
  };
}

/** A log axis cannot place 0 or a negative value; Chart.js would stretch the axis to guess one. */
function forLogAxis(points: Point[]): Point[] {
  for (const point of points) if (!(point.y > 0)) point.y = NaN;
  return points;
}

export function buildDatasets(spec: ChartSpec, context: BuildContext, logScale: boolean): So3Dataset[] {
  const { palette, toggles } = context;
  const fit = logScale ? forLogAxis : (points: Point[]) => points;
  const compare = context.runs.length > 1;
  const datasets: So3Dataset[] = [];
  for (const { store, colorIndex } of context.runs) {
    const steps = store.steps;
    const order = store.order;
    const range = context.range;
    const [start, end] = visibleRange(steps, order, range?.min, range?.max);
    const runTag = compare ? `${store.label} · ` : '';
    spec.groups.forEach((group, groupIndex) => {
      const color = palette.series[(compare ? colorIndex : group.color) % palette.series.length] as string;
      const dash = compare ? (DASHES[groupIndex % DASHES.length] as number[]) : [];
      const base = { runId: store.id, stat: group.stat };
      if (toggles.band && group.band) {
        const [lowerQ, upperQ] = group.band;
        const band = bandLod(
          steps,
          store.stat(group.stat, lowerQ),
          store.stat(group.stat, upperQ),
          order,
          start,
          end,
          context.buckets,
        );
        const lower = lineDataset(
          fit(band.lower),
          { ...base, role: 'band-lower', quantile: lowerQ },
          group.axis,
          'transparent',
          0,
          [],
          `${runTag}${group.label} ${lowerQ}`,
        );
        const upper = lineDataset(
          fit(band.upper),
          { ...base, role: 'band-upper', quantile: upperQ },
          group.axis,
          'transparent',
          0,
          [],
          `${runTag}${group.label} ${upperQ}`,
        );
        upper.fill = '-1';
        upper.backgroundColor = withAlpha(color, compare ? 0.1 : 0.18);
        datasets.push(lower, upper);
      }
      const median = store.stat(group.stat, 'median');
      const smoothing = context.smoothing;
      if (smoothing > 0 && toggles.raw && toggles.median) {
        const raw = fit(lineLod(steps, median, order, start, end, context.buckets));
        datasets.push(
          lineDataset(
            raw,
            { ...base, role: 'raw', quantile: 'median' },
            group.axis,
            withAlpha(color, 0.3),
            1,
            dash,
            `${runTag}${group.label} median (raw)`,
          ),
        );
      }
      if (toggles.median) {
        const values = smoothing > 0 ? context.smoothed(store, group.stat, smoothing) : median;
        const points = fit(lineLod(steps, values, order, start, end, context.buckets));
        datasets.push(
          lineDataset(
            points,
            { ...base, role: 'median', quantile: 'median' },
            group.axis,
            color,
            2,
            dash,
            `${runTag}${group.label} median`,
          ),
        );
      }
      if (toggles.extremes && group.extreme) {
        const points = fit(
          lineLod(steps, store.stat(group.stat, group.extreme), order, start, end, context.buckets),
        );
        datasets.push(
          lineDataset(
            points,
            { ...base, role: 'extreme', quantile: group.extreme },
            group.axis,
            withAlpha(color, 0.8),
            1,
            [3, 3],
            `${runTag}${group.label} ${group.extreme}`,
          ),
        );
      }
    });
    if (toggles.marks) {
      for (const kind of spec.marks) {
        const column = markColumn(kind);
        if (!column) continue;
        const counts = store.column(column);
        const points: Point[] = [];
        for (let k = start; k < end; k++) {
          const i = order[k] as number;
          if ((counts[i] as number) > 0) points.push({ x: steps[i] as number, y: MARK_ROWS[kind] });
        }
        const color = markColor(kind, palette);
        const mark = lineDataset(
          points,
          { runId: store.id, role: 'mark', mark: kind },
          'marks',
          color,
          1,
          [],
          `${runTag}${kind}`,
        );
        mark.showLine = false;
        mark.pointRadius = 4;
        mark.pointHoverRadius = 6;
        mark.pointHitRadius = 6;
        mark.pointStyle = kind === 'det-negative' ? 'rectRot' : 'triangle';
        mark.pointBackgroundColor = color;
        mark.pointBorderColor = palette.background;
        datasets.push(mark);
      }
    }
  }
  return datasets;
}

/** A cache of EMA-smoothed medians, keyed by run, statistic, run version and weight. */
export function smoothedCache(): BuildContext['smoothed'] {
  const cache = new Map<string, { version: number; weight: number; values: Float64Array }>();
  return (store, stat, weight) => {
    const key = `${store.id}\u0000${stat}`;
    const hit = cache.get(key);
    if (hit && hit.version === store.version && hit.weight === weight) return hit.values;
    const values = ema(store.stat(stat, 'median'), store.order, weight);
    cache.set(key, { version: store.version, weight, values });
    return values;
  };
}
