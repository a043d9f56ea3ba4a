// Copies the README's screenshots out of the last test run (`npm test` writes them to
// test-results/): `npm run screenshots` after a UI change, then commit docs/images/.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const pictures = {
  'test-results/webview/overview-dark.png': 'docs/images/dashboard-dark.png',
  'test-results/webview/compare-runs.png': 'docs/images/compare-runs.png',
  'test-results/integration/dashboard-run-jsonl.png': 'docs/images/vscode-dashboard.png',
  'test-results/integration/hover-printed-log.png': 'docs/images/vscode-hover.png',
  'test-results/integration/problems-panel.png': 'docs/images/vscode-problems.png',
  'test-results/integration/inspect-matrix.png': 'docs/images/vscode-inspect.png',
};

mkdirSync('docs/images', { recursive: true });
let missing = 0;
for (const [from, to] of Object.entries(pictures)) {
  if (!existsSync(from)) {
    console.error(`missing ${from}: run npm test first`);
    missing++;
    continue;
  }
  copyFileSync(from, to);
  console.log(`${from} -> ${to}`);
}
process.exit(missing > 0 ? 1 : 0);
