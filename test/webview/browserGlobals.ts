// The few browser globals the tests' page functions touch. The test tier compiles without the DOM
// lib (it runs on Node), so page functions reach them through `globalThis` with these types.

export interface PageGlobals {
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  document: {
    documentElement: { style: { setProperty(name: string, value: string): void } };
    body: {
      classList: { add(...names: string[]): void; remove(...names: string[]): void };
      dataset: Record<string, string>;
      setAttribute(name: string, value: string): void;
    };
  };
}

export const nextFrames = (): Promise<void> =>
  new Promise<void>((resolve) => {
    const g = globalThis as unknown as PageGlobals;
    g.requestAnimationFrame(() => g.requestAnimationFrame(resolve));
  });
