import { defineConfig } from 'vitest/config';

// Three tiers: unit (pure functions), integration (the real app via app.inject on
// SQLite and PostgreSQL), e2e (real Chromium against a real server).
export default defineConfig({
  test: {
    projects: [
      {
        // Property tests run thousands of cases; on a shared 2-core machine under load 5 s is not enough.
        test: {
          name: 'unit',
          include: ['server/test/unit/**/*.test.ts', 'cli/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // The face engine with its real models (TensorFlow.js WASM in worker threads).
        test: { name: 'faces', include: ['faces/test/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 120_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['server/test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/tests/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
