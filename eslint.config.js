import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A relative import into another workspace's src/ (use its package name instead). */
const workspaceImports = {
  regex: '^(\\.\\./)+(address-book|bench|cli|e2e|embed|faces|scripts|sdk|server|web)/src(/|$)',
  message:
    'Import another workspace by its package name (add an `exports` entry to its package.json), not by a relative path into its src/.',
};

// typescript-eslint with the promise rules the brief asks for: a forgotten await in a
// route or job handler is a silent data-loss bug.
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'sdk/src/schema.d.ts', '**/*.js', '**/*.mjs', 'vitest.config.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  // One way through the code: a workspace uses another by its package name (`@kith/address-book`,
  // `@kith/faces`, `@kith/sdk`, `@kith/server/main`, `@kith/cli/signing-key`, `@kith/bench/fixtures`),
  // never by a relative path into its src/. The benchmarks are the exception: they measure the
  // server's internals (container, app, synthesis) in process.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['bench/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [workspaceImports] }] },
  },
  // One way through the server (docs/architecture.md "Layers and folder rules"): SQL lives in
  // *.repository.ts and server/src/db/ only. Everything else reaches the database through a
  // repository, which also re-exports the row types its mappers need. The composition root may import
  // db/ too: app/container.ts opens the database, and the app/wire-*.ts files it splits into (one per
  // domain) build the repositories from its `db` handle. db/db-errors.js is open to all (classifying a
  // driver error is not a query).
  // This block repeats the workspace pattern: a later `no-restricted-imports` replaces an earlier one.
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.repository.ts', 'server/src/db/**', 'server/src/app/container.ts', 'server/src/app/wire-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            workspaceImports,
            {
              regex: '^kysely(/|$)',
              message:
                'Only *.repository.ts and server/src/db/ use Kysely: add a method to the domain repository and call it from the service.',
            },
            {
              regex: '^(\\.\\./)+db/(?!db-errors\\.js$)',
              message:
                'Only *.repository.ts and server/src/db/ import db/: take the repository (wired in app/container.ts) and import row types from it.',
            },
          ],
        },
      ],
    },
  },
  // The rules of hooks (react.dev/reference/rules/rules-of-hooks): a hook called conditionally or in a
  // loop breaks React's state order silently; a missing effect dependency reads stale state.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
