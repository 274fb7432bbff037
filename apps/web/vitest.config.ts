// Unit tests of the web app's pure modules (projection, layers, colour scale, frame buffers…).
// The browser tests are their own project, vitest.e2e.config.ts ("web-e2e").
import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'web', include: ['src/**/*.test.ts'] } });
