// Chart.js registered piece by piece so that esbuild drops the controllers, scales and plugins the
// dashboard does not use.

import {
  Chart,
  Decimation,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { backgroundPlugin, guidesPlugin } from './plugins';

let registered = false;

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(
      LineController,
      LineElement,
      PointElement,
      LinearScale,
      LogarithmicScale,
      Filler,
      Tooltip,
      Decimation,
      zoomPlugin,
      guidesPlugin,
      backgroundPlugin,
    );
    // Animations off: they cost frames on large runs and move content under the pointer.
    Chart.defaults.animation = false;
    Chart.defaults.animations = {} as typeof Chart.defaults.animations;
    Chart.defaults.transitions = {} as typeof Chart.defaults.transitions;
    registered = true;
  }
  return Chart;
}
