// Dashboard time to first frame in headless Chromium: a run of 10k, 100k and 1M steps is built
// inside the page (sending 1M steps of 44 Float64 columns through the DevTools protocol would
// measure the protocol, not the dashboard), then posted to the webview as the host would. The
// clock runs from postMessage (structured clone included) to the first animation frame after the
// seven charts are drawn. Best of a few runs, each in a fresh page.
import type { Browser } from 'playwright-core';
import { STEP_STATISTICS } from '../src/shared/analysis';
import { buildWebview, launchChromium, openDashboard, startServer } from '../test/webview/harness';

const SIZES = [10_000, 100_000, 1_000_000];

async function firstFrame(browser: Browser, origin: string, steps: number): Promise<number> {
  const dashboard = await openDashboard(browser, origin, { theme: 'dark', width: 1400, height: 1000 });
  try {
    // A string, not a function: the page must not see the TypeScript loader's helpers.
    return (await dashboard.page.evaluate(`((n) => {
      const stats = ${JSON.stringify(STEP_STATISTICS)};
      let seed = 12345;
      const noise = () => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return seed / 4294967296;
      };
      const step = new Float64Array(n);
      const line = new Uint32Array(n);
      const offset = new Float64Array(n);
      const count = new Uint32Array(n).fill(32);
      const nearSingular = new Uint32Array(n);
      const detNegative = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        step[i] = i * 10;
        line[i] = i + 1;
        offset[i] = i * 3000;
        if (noise() < 0.002) nearSingular[i] = 1;
        if (noise() < 0.002) detNegative[i] = 1;
      }
      const quantiles = {};
      for (const name of stats) {
        const min = new Float64Array(n);
        const median = new Float64Array(n);
        const p95 = new Float64Array(n);
        const max = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const level = 1 + 4 * Math.exp(-(5 * i) / n);
          const m = level * (1 + 0.1 * noise());
          median[i] = m;
          min[i] = m * (0.6 + 0.3 * noise());
          p95[i] = m * (1.3 + 0.5 * noise());
          max[i] = m * (1.6 + (noise() < 0.001 ? 50 : 1) * noise());
        }
        quantiles[name] = { min, median, p95, max };
      }
      const run = {
        id: 'bench',
        label: \`bench-\${n}.jsonl\`,
        file: \`/tmp/bench-\${n}.jsonl\`,
        format: 'jsonl',
        representation: '9d',
        matrices: n * 32,
        invalid: 0,
        step,
        count,
        line,
        offset,
        nearSingular,
        detNegative,
        kappaHigh: new Uint32Array(n),
        nonFinite: new Uint32Array(n),
        stats: quantiles,
        flags: [],
        flagsTotal: 0,
        issuesTotal: 0,
        reading: 'bench',
        live: false,
        thresholds: { nearSingular: 0.05, kappa: 10, taylorK: 9, clampEps: 0.01, sixD: 'columns' },
      };
      return new Promise((resolve) => {
        const g = globalThis;
        // Registered after the dashboard's own listener, so it runs once the charts were built.
        g.addEventListener(
          'message',
          () => g.requestAnimationFrame(() => resolve(g.performance.now() - start)),
          { once: true },
        );
        const start = g.performance.now();
        g.postMessage({ type: 'snapshot', runs: [run] }, '*');
      });
    })(${steps})`)) as number;
  } finally {
    if (dashboard.errors.length > 0) console.log(`  page errors: ${dashboard.errors.join('; ')}`);
    await dashboard.close();
  }
}

export async function webviewSection(sizes = SIZES, repeats = 2): Promise<void> {
  console.log('\nwebview: time to first frame (headless Chromium, 7 charts, one run)');
  await buildWebview();
  const server = await startServer();
  const browser = await launchChromium();
  try {
    for (const steps of sizes) {
      const times: number[] = [];
      for (let r = 0; r < (steps >= 1_000_000 ? 1 : repeats); r++)
        times.push(await firstFrame(browser, server.origin, steps));
      const best = Math.min(...times);
      console.log(`  ${steps.toLocaleString('en-US').padStart(9)} steps: ${best.toFixed(0).padStart(6)} ms`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
