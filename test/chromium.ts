// The one description of how every browser tier starts Chromium: Debian's binary (playwright-core
// never downloads a browser; SO3LENS_CHROMIUM points elsewhere) with the flags this closed network
// needs (no background traffic, no component updates, no QUIC), headless and unsandboxed (root).
export const chromiumPath = process.env.SO3LENS_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
