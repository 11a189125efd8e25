import { defineConfig } from 'vitest/config';

// Every process the tests start (the CLI, the dev server) makes cheap password hashes; the
// production cost is kept by tests/integration/password-cost.test.ts and the bundle test.
const env = { ALUR_PASSWORD_COST: 'test' };
// The projects that load built files build them first, once per run (tests/build-once.ts).
const globalSetup = ['tests/build-once.ts'];

export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker, which ran every file one after the
    // other: the e2e files (one at a time, below) now overlap with the rest of the suite.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', env } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The built bundles (out/electron, out/renderer), loaded as the app loads them.
        test: {
          name: 'bundle',
          include: ['tests/bundle/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser and one dev server at a time: the build machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
