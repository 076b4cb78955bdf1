/**
 * The test projects; vitest.config.ts passes this list to `test.projects`.
 * unit: pure code. integration: routers and services against PostgreSQL + Redis
 * (DATABASE_URL / REDIS_URL) or, when unset, PGlite + in-process Redis roles.
 * e2e: the built app in Debian Chromium.
 */
import type { TestProjectInlineConfiguration } from 'vitest/config';

export const projects: TestProjectInlineConfiguration[] = [
  {
    test: {
      name: 'unit',
      include: ['packages/shared/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
      environment: 'node',
      // Statistical tests simulate millions of rounds; the machine may be shared.
      testTimeout: 120_000,
    },
  },
  {
    test: {
      name: 'integration',
      include: ['packages/{api,db,client}/src/**/*.test.ts', 'apps/server/{src,test}/**/*.test.ts'],
      exclude: ['**/*.e2e.test.ts'],
      globalSetup: ['packages/api/src/test/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      pool: 'forks',
    },
  },
  {
    test: {
      name: 'e2e',
      include: ['apps/server/test/**/*.e2e.test.ts'],
      globalSetup: ['packages/api/src/test/global-setup.ts', 'apps/server/test/e2e-setup.ts'],
      testTimeout: 120_000,
      hookTimeout: 300_000,
    },
  },
];
