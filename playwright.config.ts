import { defineConfig } from '@playwright/test';

/**
 * End-to-end suites (`npx playwright test`, or `npm run test:e2e`). The web project (the studio against a real
 * `scrapifie serve`, the desktop renderer over a relayed IPC link) is the last step of `npm test`, with one retry
 * (a retried pass is reported as flaky). The desktop project needs an Electron binary, which cannot be downloaded on
 * every machine (it skips, loudly, where there is none). See e2e/README.md.
 */
export default defineConfig({
  testDir: './e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  projects: [
    { name: 'desktop', testMatch: /desktop\.spec\.ts$/ },
    // The web studio against a real `scrapifie serve` (needs `npm run build` first), in the system's Chromium.
    {
      name: 'web',
      testMatch: /web\.spec\.ts$/,
      timeout: 300_000,
      use: {
        browserName: 'chromium',
        viewport: { width: 1600, height: 1000 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
  ],
});
