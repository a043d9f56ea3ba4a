// User settings for the harness's code-server: no network lookups for updates or telemetry, and no
// welcome page stealing the first editor.
export const quietUserSettings = {
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  // The demo workspace sits inside this repository; do not offer to open the parent repository.
  'git.openRepositoryInParentFolders': 'never',
};

// The UI tests also want a still screen: no chat side bar, no auto-opened panels.
export const testUserSettings = {
  ...quietUserSettings,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'files.hotExit': 'off',
};
