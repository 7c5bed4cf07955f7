import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'coverage', 'sdk/dist', 'bench/tmp-*/**', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain scripts run on Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // One-way layers: only repositories and db/ speak SQL; routes never do.
    files: ['src/server/**/*.routes.ts', 'src/server/**/*.service.ts', 'src/domain/**/*.ts', 'web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'kysely', message: 'Only repositories and src/server/db import kysely.' }] },
      ],
    },
  },
  {
    files: ['src/server/**/*.service.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'Only repositories and src/server/db import kysely.' },
            { name: 'fastify', message: 'Services and domain code never depend on HTTP.' },
          ],
        },
      ],
    },
  },
);
