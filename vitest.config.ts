import { defineConfig } from 'vitest/config';

/** `npm test`: the portal's tests (unit, service and HTTP on both dialects, e2e) and the web app's unit tests. */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { PORTAL_PASSWORD_HASH_COST: 'test', LOG_LEVEL: 'silent' },
    projects: [
      {
        extends: true,
        test: {
          name: 'portal',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'sdk/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'web/**'],
        },
      },
      'web/vitest.config.ts',
    ],
  },
});
