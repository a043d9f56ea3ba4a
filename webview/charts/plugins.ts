// Two small Chart.js plugins: threshold lines drawn on top of the data (they are guides, not data,
// so they take no part in tooltips or hit tests), and an opaque background so that an exported PNG
// looks like the panel instead of a transparent image.

import type { Chart, ChartType, Plugin } from 'chart.js';

export interface GuideLine {
  scaleId: string;
  value: number;
  label: string;
  color: string;
}

export interface GuidesOptions {
  lines: GuideLine[];
  font: string;
}

export const guidesPlugin: Plugin<'line', GuidesOptions> = {
  id: 'so3Guides',
  defaults: { lines: [], font: '11px sans-serif' },
  afterDatasetsDraw(chart: Chart, _args, options: GuidesOptions) {
    const { ctx, chartArea } = chart;
    for (const line of options.lines) {
      const scale = chart.scales[line.scaleId];
      if (!scale || !Number.isFinite(line.value)) continue;
      const y = scale.getPixelForValue(line.value);
      if (!Number.isFinite(y) || y < chartArea.top || y > chartArea.bottom) continue;
      ctx.save();
      ctx.strokeStyle = line.color;
      ctx.fillStyle = line.color;
      ctx.lineWidth = 1;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.font = options.font;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(line.label, chartArea.right - 4, y - 2);
      ctx.restore();
    }
  },
};

export interface BackgroundOptions {
  color: string;
}

export const backgroundPlugin: Plugin<'line', BackgroundOptions> = {
  id: 'so3Background',
  defaults: { color: 'transparent' },
  beforeDraw(chart: Chart, _args, options: BackgroundOptions) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = options.color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

declare module 'chart.js' {
  // The type parameter must match Chart.js' declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    so3Guides?: Partial<GuidesOptions>;
    so3Background?: Partial<BackgroundOptions>;
  }
}
