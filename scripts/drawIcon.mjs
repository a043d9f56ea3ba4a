// Draws media/icon.png (128x128, the extension's marketplace icon) from the SVG below with the
// system's Chromium: `node --import tsx scripts/drawIcon.mjs`. The PNG is committed; rerun after editing.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.ts';

const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1d3f6e"/>
      <stop offset="1" stop-color="#0c1626"/>
    </linearGradient>
    <radialGradient id="sphere" cx="0.38" cy="0.34" r="0.75">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.22"/>
      <stop offset="1" stop-color="#ffffff" stop-opacity="0.02"/>
    </radialGradient>
  </defs>
  <rect x="0" y="0" width="128" height="128" rx="26" fill="url(#bg)"/>
  <g transform="translate(58 58)">
    <circle r="38" fill="url(#sphere)" stroke="#d6e4f5" stroke-opacity="0.55" stroke-width="2"/>
    <g fill="none" stroke-width="4" stroke-linecap="round">
      <ellipse rx="38" ry="13" stroke="#3794ff"/>
      <ellipse rx="13" ry="38" stroke="#f0a030"/>
      <path d="M -26 -27 A 38 38 0 0 1 31 -22" stroke="#89d185" stroke-width="5"/>
      <path d="M 31 -22 l -11 -2 M 31 -22 l 1 -11" stroke="#89d185" stroke-width="5"/>
    </g>
    <circle r="5" fill="#ffffff"/>
  </g>
  <g stroke-linecap="round">
    <circle cx="58" cy="58" r="47" fill="none" stroke="#ffffff" stroke-width="5"/>
    <line x1="92" y1="92" x2="113" y2="113" stroke="#ffffff" stroke-width="11"/>
  </g>
</svg>`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(
    `<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
  );
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  writeFileSync(new URL('../media/icon.png', import.meta.url), png);
  console.log(`media/icon.png: ${png.length} bytes`);
} finally {
  await browser.close();
}
