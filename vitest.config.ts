import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// The web tier's stand-in upload API (web/test/upload-api.global-setup.ts) listens here; the browser
// tests' Vite server proxies /api to it. Derived from the pid so two runs on one machine do not collide.
process.env.KITH_WEB_TEST_API_PORT ??= String(20_000 + (process.pid % 20_000));

// Tiers: unit (pure functions), faces (the engine and its models), web (the web app's state modules in
// real Chromium), integration (the real app via app.inject on SQLite and PostgreSQL), e2e (real Chromium
// against a real server).
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
        // The web app's state modules (upload queue, router, exchange status) in real Chromium: real
        // IndexedDB and XMLHttpRequest, the upload API a real HTTP server on loopback.
        test: {
          name: 'web',
          include: ['web/test/**/*.test.ts'],
          globalSetup: ['web/test/upload-api.global-setup.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: '/usr/bin/chromium',
                args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
        server: { proxy: { '/api': `http://127.0.0.1:${process.env.KITH_WEB_TEST_API_PORT}` } },
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
