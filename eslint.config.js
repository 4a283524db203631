// Lint: typescript-eslint's recommended type-checked rules and React's hooks rules, with zero
// warnings allowed (`npm run lint`). Size limits keep every production module readable in one
// sitting; tests are exempt from them (a scenario reads best whole).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated from the OpenAPI document (npm run api:types): checked for staleness, not linted.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.cjs', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Plain JavaScript (this file, scripts/*.mjs) is outside the TypeScript project.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    rules: {
      // Fastify route handlers and hooks are async by contract, whether or not they await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Kysely's Dialect, Driver and Migrator interfaces take Kysely<any>, and a migration must not
    // depend on today's schema type (it describes the schema of its own day).
    files: ['src/server/db/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests read JSON answers (`res.json()`, typed any) and assert on them field by field.
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    // Migrations are a record of what ran: they are never edited, so never split to fit a limit.
    ignores: ['**/*.test.{ts,tsx}', 'src/server/db/migrations/**'],
    rules: {
      'max-lines': ['error', { max: 350, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // The console calls the API through the typed `call()` (src/web/shared/client.ts), whose addresses,
    // parameters, bodies and answers come from the served OpenAPI document; only src/web/shared may
    // use the untyped `api()` underneath it.
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/api'],
              importNames: ['api'],
              message: 'Call the API with the typed call() from src/web/shared/client.ts: its types come from the OpenAPI document.',
            },
          ],
        },
      ],
    },
  },
);
