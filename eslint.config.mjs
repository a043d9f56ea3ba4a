// ESLint flat config. The `no-restricted-imports` block is the architecture's guard rail:
// core numerics, parsers and the shared protocol stay pure (no `vscode`, no Node built-ins,
// no adapter folders), so they run unchanged in the CLI, in workers, in tests and in the webview.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const adapterFolders = ['**/providers/**', '**/commands/**', '**/dashboard/**', '**/analysis/**', '**/extension'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.demo/**', 'test-results/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/parsers/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'core, parsers and shared must not depend on the VS Code API.' }],
          patterns: [
            { group: ['node:*'], message: 'core, parsers and shared are pure: no Node built-ins.' },
            {
              group: ['fs', 'path', 'os', 'worker_threads', 'child_process', 'crypto', 'stream', 'zlib', 'util'],
              message: 'core, parsers and shared are pure: no Node built-ins.',
            },
            { group: adapterFolders, message: 'pure modules must not import adapter folders.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/extension.ts', 'src/providers/**/*.ts', 'src/commands/**/*.ts', 'src/dashboard/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'the webview has no VS Code API; talk to the host through the protocol.' }],
          patterns: [
            { group: ['node:*'], message: 'the webview runs in a browser.' },
            {
              group: ['**/src/core/**', '**/src/parsers/**', '**/src/analysis/**', '**/src/providers/**', '**/src/commands/**', '**/src/dashboard/**'],
              message: 'the webview may import only src/shared.',
            },
          ],
        },
      ],
    },
  },
);
