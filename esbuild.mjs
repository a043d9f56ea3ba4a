// One build script, one esbuild context per target. `--watch` rebuilds on change,
// `--production` minifies and drops source maps (what `npm run package` ships).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * mathjs (about 2 MB) is needed only by Inspect Matrix and hovers over an expression
 * (src/parsers/matrixExpression.ts, a deferred require). In the node bundles it is left out and
 * loaded on first use from its own file, dist/mathjs.js: `so3lens analyze`, the analysis workers and
 * the extension's activation then do not parse it at all.
 */
const mathjsOnDemand = {
  name: 'mathjs-on-demand',
  setup(build) {
    build.onResolve({ filter: /^mathjs$/ }, () => ({ path: './mathjs.js', external: true }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', analysisWorker: 'src/analysis/worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [mathjsOnDemand],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [mathjsOnDemand],
  },
  {
    ...common,
    stdin: {
      contents: "module.exports = require('mathjs');",
      resolveDir: import.meta.dirname,
      sourcefile: 'mathjs.cjs',
    },
    outfile: 'dist/mathjs.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  try {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}
