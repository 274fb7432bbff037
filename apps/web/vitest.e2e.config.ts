// Browser tests ("web-e2e"): Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
// headless, against the server serving the built app. One file at a time: two cores are shared.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web-e2e',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
