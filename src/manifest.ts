// The parts of package.json that mirror code: commands, menus, settings, the custom editor and the
// activation events. `npm run manifest` writes them into package.json; a unit test checks they match.
// Pure, so the check runs on plain Node.

import {
  COMMAND_TITLES,
  CONFIG_SECTION,
  CommandId,
  DASHBOARD_VIEW_TYPE,
  HOVER_LANGUAGES,
  LOG_EXTENSIONS,
  NPY_EDITOR_VIEW_TYPE,
  NPZ_EDITOR_VIEW_TYPE,
} from './constants';
import { manifestConfiguration } from './settings';

const CATEGORY = 'SO3 Lens';
const logFileWhen = `resourceExtname =~ /^\\.(${LOG_EXTENSIONS.map((e) => e.slice(1)).join('|')})$/i`;

export interface ManifestFragment {
  activationEvents: string[];
  contributes: Record<string, unknown>;
}

export function manifestFragment(): ManifestFragment {
  const commands = Object.values(CommandId).map((command) => ({
    command,
    title: COMMAND_TITLES[command],
    category: CATEGORY,
  }));
  return {
    activationEvents: [
      `onWebviewPanel:${DASHBOARD_VIEW_TYPE}`,
      `onCustomEditor:${NPY_EDITOR_VIEW_TYPE}`,
      `onCustomEditor:${NPZ_EDITOR_VIEW_TYPE}`,
      ...HOVER_LANGUAGES.map((language) => `onLanguage:${language}`),
    ],
    contributes: {
      commands,
      menus: {
        'explorer/context': [
          {
            command: CommandId.analyzeLogFile,
            when: `!explorerResourceIsFolder && ${logFileWhen}`,
            group: 'so3Lens@1',
          },
          {
            command: CommandId.compareRuns,
            when: `!explorerResourceIsFolder && ${logFileWhen}`,
            group: 'so3Lens@2',
          },
        ],
        'editor/context': [
          { command: CommandId.analyzeLogFile, when: logFileWhen, group: 'so3Lens@1' },
          { command: CommandId.inspectMatrix, when: 'editorTextFocus', group: 'so3Lens@2' },
          { command: CommandId.toggleWatch, when: logFileWhen, group: 'so3Lens@3' },
        ],
        'editor/title/context': [
          { command: CommandId.analyzeLogFile, when: logFileWhen, group: 'so3Lens@1' },
        ],
        commandPalette: [
          { command: CommandId.nextFlaggedStep, when: 'so3Lens.hasFlags' },
          { command: CommandId.previousFlaggedStep, when: 'so3Lens.hasFlags' },
          { command: CommandId.exportReport, when: 'so3Lens.hasRuns' },
        ],
      },
      keybindings: [
        {
          command: CommandId.nextFlaggedStep,
          key: 'alt+f8',
          when: 'editorTextFocus && so3Lens.activeLogHasFlags',
        },
        {
          command: CommandId.previousFlaggedStep,
          key: 'shift+alt+f8',
          when: 'editorTextFocus && so3Lens.activeLogHasFlags',
        },
      ],
      customEditors: [
        {
          viewType: NPY_EDITOR_VIEW_TYPE,
          displayName: 'SO3 Lens: NumPy predictions',
          selector: [{ filenamePattern: '*.npy' }],
          priority: 'default',
        },
        {
          viewType: NPZ_EDITOR_VIEW_TYPE,
          displayName: 'SO3 Lens: NumPy predictions (npz)',
          selector: [{ filenamePattern: '*.npz' }],
          priority: 'option',
        },
      ],
      configuration: manifestConfiguration(CONFIG_SECTION),
    },
  };
}
