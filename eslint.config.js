import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'url',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'scripts/**',
      '*.config.ts',
      '*.config.js',
      '**/node_modules/**',
      '**/dist/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'core is pure: do IO in packages/backend and pass data in.' },
            {
              group: [
                '@portguard/backend',
                '@portguard/backend/*',
                'kysely',
                'highs',
                'better-sqlite3',
                'pg',
              ],
              message: 'core must not depend on adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/backend/src/**/*.ts'],
    ignores: ['packages/backend/src/db/**', 'packages/backend/src/solver/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kysely', 'better-sqlite3', 'pg'],
              message: 'Only src/db talks to the database: add a repository method there.',
            },
            { group: ['highs'], message: 'Only src/solver talks to HiGHS: use the MilpSolver port.' },
            { group: ['@portguard/core/src/*'], message: 'Import from @portguard/core, not its files.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/backend/src/solver/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kysely', 'better-sqlite3', 'pg'],
              message: 'The solver adapter does not touch the database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/backend/src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['highs'], message: 'Only src/solver talks to HiGHS.' }] },
      ],
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@portguard/backend', '@portguard/backend/*', '**/backend/src/**'],
              message: 'The web talks to the backend over HTTP only.',
            },
            { group: nodeBuiltins, message: 'The web runs in the browser.' },
          ],
        },
      ],
    },
  },
);
