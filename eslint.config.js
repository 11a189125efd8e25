// Lint rules that make a runtime-boundary violation a build error, not a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layeringConfig } from './eslint/layering.js';

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
    // Type-aware rules: a promise nobody awaits or catches loses its error; a switch over a union
    // must name every member, so adding a member is a compile-time list of places to visit.
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `void p` is not an answer either: a fire-and-forget promise gets a `.catch` that reports
      // (in the renderer, `notify.run(p)` from hooks/use-notify.ts shows the failure).
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  // What each src folder may import: eslint/layering.js (an allow-list; a new folder may import nothing).
  ...layeringConfig,
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/main/**/*.ts', 'tests/**/*.{ts,cjs}', 'bin/**/*.mjs', 'scripts/**/*.mjs', 'bench/**/*.ts', 'eslint/**/*.js', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Test stand-ins that load the built CommonJS bundles as Electron would (tests/bundle).
    files: ['tests/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
