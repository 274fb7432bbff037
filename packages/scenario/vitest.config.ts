import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'scenario', include: ['src/**/*.test.ts'] } });
