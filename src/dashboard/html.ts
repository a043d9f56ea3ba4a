// The dashboard page: one stylesheet, one script, a strict CSP with a nonce. Nothing from a log is
// ever put in this HTML; the data arrives by postMessage once the script says `ready`. The test
// harness serves this same page, so the tests run under the panel's real policy.

export interface DashboardPage {
  /** `webview.cspSource` (or the harness origin). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The Content-Security-Policy: no inline script or style, nothing remote, images only as data: (PNG export). */
export function dashboardCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function dashboardHtml(page: DashboardPage): string {
  const csp = dashboardCsp(page.cspSource, page.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(page.styleUri)}">
<title>SO3 Lens</title>
</head>
<body>
<script nonce="${attribute(page.nonce)}" src="${attribute(page.scriptUri)}"></script>
</body>
</html>
`;
}
