// The per-suite result file both tiers write, so the runner can count without parsing reporter text.
export interface TestFailure {
  title: string;
  error: string;
}

export interface SuiteResult {
  suite: string;
  passed: string[];
  failed: TestFailure[];
  /** set when the suite could not run at all (browser, server, bundle trouble) */
  crashed?: string;
}

export const resultFileName = (suite: string): string => `${suite}.json`;

/** The extension host's lines between these markers are the suite's own output; the rest is the workbench's log. */
export const outputMarkers = {
  begin: '[so3lens-it] suite output begins',
  end: '[so3lens-it] suite output ends',
} as const;
