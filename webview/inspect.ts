// The charts' state on `window.so3LensInspect`, for the webview tests and for debugging a panel
// from the webview developer tools. It only reads, except `setRange`, which does what the zoom
// buttons do.

import type { ChartBoard } from './charts/board';
import type { So3Dataset } from './charts/datasets';

export interface ChartSummary {
  id: string;
  /** Chart.js' instance id: unchanged as long as the chart was updated, not re-created. */
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

export function installInspector(board: ChartBoard): void {
  const inspector = {
    charts(): ChartSummary[] {
      return board.cards.map((card) => {
        const chart = card.chart;
        const x = chart?.scales.x;
        return {
          id: card.spec.id,
          instance: Number(chart?.id ?? -1),
          background: String(chart?.options.plugins?.so3Background?.color ?? ''),
          xMin: x?.min ?? NaN,
          xMax: x?.max ?? NaN,
          zoomed: chart?.isZoomedOrPanned() ?? false,
          yType: String(chart?.scales.y?.type ?? ''),
          datasets: (chart?.data.datasets ?? []).map((d, i) => {
            const dataset = d as So3Dataset;
            return {
              label: dataset.label ?? '',
              role: dataset.so3.role,
              runId: dataset.so3.runId,
              stat: dataset.so3.stat ?? dataset.so3.mark,
              color: String(dataset.borderColor),
              points: ((dataset as { _data?: unknown[] })._data ?? dataset.data).length,
              drawn: chart?.getDatasetMeta(i).data.length ?? 0,
            };
          }),
        };
      });
    },
    /** The largest y among a chart's datasets of one role, as handed to Chart.js (before decimation). */
    maxOf(chartId: string, role: string): number {
      const chart = board.cards.find((c) => c.spec.id === chartId)?.chart;
      let max = -Infinity;
      for (const d of chart?.data.datasets ?? []) {
        const dataset = d as So3Dataset;
        if (dataset.so3.role !== role) continue;
        const points = (dataset as { _data?: So3Dataset['data'] })._data ?? dataset.data;
        for (const p of points) if (p.y > max) max = p.y;
      }
      return max;
    },
    /** The tooltip a chart shows now (Chart.js draws it on the canvas), or undefined. */
    tooltip(chartId: string): { title: string[]; body: string[] } | undefined {
      const tooltip = board.cards.find((c) => c.spec.id === chartId)?.chart?.tooltip;
      if (!tooltip || tooltip.opacity === 0 || tooltip.dataPoints?.length === 0) return undefined;
      return { title: tooltip.title ?? [], body: (tooltip.body ?? []).flatMap((b) => b.lines) };
    },
    /** The shared zoom, as the toolbar's buttons set it. */
    setRange(min: number, max: number): void {
      board.setRange(min, max);
    },
    /** Page coordinates of a data point, so a test can click it like a user. */
    pointPosition(
      chartId: string,
      x: number,
      y: number,
      scaleId = 'y',
    ): { x: number; y: number } | undefined {
      const chart = board.cards.find((c) => c.spec.id === chartId)?.chart;
      if (!chart) return undefined;
      const rect = chart.canvas.getBoundingClientRect();
      const scale = chart.scales[scaleId];
      if (!scale || !chart.scales.x) return undefined;
      return { x: rect.left + chart.scales.x.getPixelForValue(x), y: rect.top + scale.getPixelForValue(y) };
    },
  };
  (window as unknown as { so3LensInspect: typeof inspector }).so3LensInspect = inspector;
}
