import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // after the usual report, one line per group of skipped tests and why (testing/skip-summary.ts)
    reporters: ['default', './testing/skip-summary.ts'],
  },
});
