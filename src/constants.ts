// Every identifier the manifest and the code share, defined once. A unit test checks package.json
// against these tables, so a command or setting cannot exist on one side only.

export const EXTENSION_ID = 'so3-lens.so3-lens';
export const CONFIG_SECTION = 'so3Lens';
export const DASHBOARD_VIEW_TYPE = 'so3Lens.dashboard';
export const NPY_EDITOR_VIEW_TYPE = 'so3Lens.npyEditor';
/** `.npz` is a zip archive other tools also open, so its editor is offered, not the default. */
export const NPZ_EDITOR_VIEW_TYPE = 'so3Lens.npzEditor';
export const DIAGNOSTIC_SOURCE = 'so3-lens';
export const OUTPUT_CHANNEL_NAME = 'SO3 Lens';

export const CommandId = {
  analyzeLogFile: 'so3Lens.analyzeLogFile',
  openDashboard: 'so3Lens.openDashboard',
  inspectMatrix: 'so3Lens.inspectMatrix',
  compareRuns: 'so3Lens.compareRuns',
  exportReport: 'so3Lens.exportReport',
  nextFlaggedStep: 'so3Lens.nextFlaggedStep',
  previousFlaggedStep: 'so3Lens.previousFlaggedStep',
  toggleWatch: 'so3Lens.toggleWatch',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Titles as the palette shows them, after the `SO3 Lens` category. */
export const COMMAND_TITLES: Record<CommandId, string> = {
  [CommandId.analyzeLogFile]: 'Analyze Log File',
  [CommandId.openDashboard]: 'Open Dashboard',
  [CommandId.inspectMatrix]: 'Inspect Matrix',
  [CommandId.compareRuns]: 'Compare Runs',
  [CommandId.exportReport]: 'Export Report',
  [CommandId.nextFlaggedStep]: 'Go to Next Flagged Step',
  [CommandId.previousFlaggedStep]: 'Go to Previous Flagged Step',
  [CommandId.toggleWatch]: 'Watch Log (Toggle)',
};

/** File name endings the extension reads as logs (explorer and editor context menus). */
export const LOG_EXTENSIONS = [
  '.jsonl',
  '.ndjson',
  '.json',
  '.csv',
  '.tsv',
  '.npy',
  '.npz',
  '.log',
  '.txt',
] as const;

/** Languages the hover provider serves by default; `so3Lens.hover.languages` adds more. */
export const HOVER_LANGUAGES = ['plaintext', 'log', 'json', 'jsonl', 'csv', 'python', 'markdown'] as const;
