// Lint rules that make a runtime-boundary violation a build error, not a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This folder must not use Node APIs.' }));
const noElectron = [
  { name: 'electron', message: 'Only src/main/electron may import electron.' },
  { name: 'electron-updater', message: 'Only src/main/electron may import electron-updater.' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'tests/e2e/artifacts', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="only"]', message: 'No focused tests.' },
        { selector: 'CallExpression[callee.property.name="skip"][callee.object.name=/^(it|test|describe)$/]', message: 'No skipped tests.' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, ...noElectron, { name: 'react', message: 'src/shared is UI-free.' }],
          patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'src/shared imports only src/shared.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/main/backend/**/*.ts', 'src/main/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron,
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'The backend knows nothing of Electron or the UI.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, ...noElectron],
          patterns: [{ group: ['**/main/**'], message: 'The renderer talks to the backend only through the contract.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/electron/**/*.ts', 'tests/**/*.{ts,cjs}', 'bin/**/*.mjs', 'scripts/**/*.mjs', 'bench/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Test stand-ins that load the built CommonJS bundles as Electron would (tests/bundle).
    files: ['tests/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
