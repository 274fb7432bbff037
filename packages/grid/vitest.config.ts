import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'grid', include: ['src/**/*.test.ts'] } });
