// DOM construction for the dashboard. Text goes through `textContent` only: every string that can
// come from a log (file names, step labels, keys, messages) is data, never markup.

type Attributes = Record<string, string | number | boolean | undefined>;

export interface ElementSpec {
  className?: string;
  text?: string;
  attrs?: Attributes;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  spec?: ElementSpec,
  children?: Array<Node | string>,
): HTMLElementTagNameMap[K];
export function h(tag: string, spec?: ElementSpec, children?: Array<Node | string>): HTMLElement;
export function h(tag: string, spec: ElementSpec = {}, children: Array<Node | string> = []): HTMLElement {
  const element = document.createElement(tag);
  if (spec.className) element.className = spec.className;
  if (spec.text !== undefined) element.textContent = spec.text;
  if (spec.attrs) setAttributes(element, spec.attrs);
  for (const child of children)
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

export function setAttributes(element: Element, attrs: Attributes): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style') throw new Error('inline styles break the CSP; use a class');
    if (value === undefined || value === false) element.removeAttribute(name);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}
