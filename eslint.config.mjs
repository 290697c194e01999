import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const editorAndIo = [
  { name: 'vscode', message: 'shared/ is the pure core: no editor API.' },
  { name: 'fs', message: 'shared/ is the pure core: no Node IO.' },
  { name: 'node:fs', message: 'shared/ is the pure core: no Node IO.' },
  { name: 'fs/promises', message: 'shared/ is the pure core: no Node IO.' },
  { name: 'node:fs/promises', message: 'shared/ is the pure core: no Node IO.' },
  { name: 'child_process', message: 'shared/ is the pure core: no Node IO.' },
  { name: 'node:child_process', message: 'shared/ is the pure core: no Node IO.' },
  { name: 'net', message: 'shared/ is the pure core: no Node IO.' },
  { name: 'node:net', message: 'shared/ is the pure core: no Node IO.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'out-vscode/**', 'dist/**', 'test/fixtures/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: editorAndIo,
        patterns: [
          { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'shared/ is the pure core: no LSP.' },
          { group: ['**/server/**', '**/client/**'], message: 'shared/ must not import the editor layers.' },
        ],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The server runs outside VS Code.' }],
        patterns: [{ group: ['**/shared/src/*/**', '!**/shared/src/index'], message: 'Import the core through shared/src/index only.' }],
      }],
    },
  },
);
