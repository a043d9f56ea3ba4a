// Colours and fonts from VS Code's theme variables. VS Code sets `--vscode-*` on <html> and a
// `vscode-light` / `vscode-dark` / `vscode-high-contrast` class on <body>; a theme switch changes
// both without reloading the webview, so the palette is re-read whenever the class changes.

export interface Palette {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  foreground: string;
  muted: string;
  background: string;
  grid: string;
  border: string;
  focus: string;
  /** Run / series colours, in order (VS Code's `--vscode-charts-*`). */
  series: string[];
  red: string;
  yellow: string;
  orange: string;
  fontFamily: string;
  fontSize: number;
}

function cssVariable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

function themeKind(body: HTMLElement): Palette['kind'] {
  if (body.classList.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (body.classList.contains('vscode-high-contrast')) return 'high-contrast';
  if (body.classList.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const bodyStyle = getComputedStyle(document.body);
  const kind = themeKind(document.body);
  const light = kind === 'light' || kind === 'high-contrast-light';
  const read = (name: string, fallback: string): string =>
    cssVariable(bodyStyle, name, cssVariable(style, name, fallback));
  const foreground = read('--vscode-editor-foreground', light ? '#3b3b3b' : '#cccccc');
  return {
    kind,
    foreground,
    muted: read('--vscode-descriptionForeground', light ? '#717171' : '#9d9d9d'),
    background: read('--vscode-editor-background', light ? '#ffffff' : '#1f1f1f'),
    grid: read('--vscode-editorWidget-border', light ? '#e5e5e5' : '#454545'),
    border: read('--vscode-panel-border', light ? '#e5e5e5' : '#2b2b2b'),
    focus: read('--vscode-focusBorder', '#0078d4'),
    series: [
      read('--vscode-charts-blue', light ? '#1a85ff' : '#3794ff'),
      read('--vscode-charts-orange', light ? '#d18616' : '#d18616'),
      read('--vscode-charts-green', light ? '#388a34' : '#89d185'),
      read('--vscode-charts-purple', light ? '#652d90' : '#b180d7'),
      read('--vscode-charts-yellow', light ? '#bf8803' : '#cca700'),
      read('--vscode-charts-red', light ? '#e51400' : '#f14c4c'),
    ],
    red: read('--vscode-charts-red', light ? '#e51400' : '#f14c4c'),
    yellow: read('--vscode-charts-yellow', light ? '#bf8803' : '#cca700'),
    orange: read('--vscode-charts-orange', '#d18616'),
    fontFamily: read('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.parseFloat(read('--vscode-font-size', '13')) || 13,
  };
}

/** `color` at the given opacity; works for the #rgb, #rrggbb and rgb()/rgba() forms themes use. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color.trim());
  if (hex) {
    let digits = hex[1] as string;
    if (digits.length === 3 || digits.length === 4) digits = [...digits].map((d) => d + d).join('');
    const r = Number.parseInt(digits.slice(0, 2), 16);
    const g = Number.parseInt(digits.slice(2, 4), 16);
    const b = Number.parseInt(digits.slice(4, 6), 16);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(color.trim());
  if (rgb) {
    const [r, g, b] = (rgb[1] as string).split(/[,\s/]+/).filter(Boolean);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}

/** Calls `onChange` after VS Code switches the theme (the body's class or the root's variables change). */
export function watchTheme(onChange: () => void): MutationObserver {
  // A theme switch changes the class and the variables in separate mutations: restyle once.
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      onChange();
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return observer;
}
