import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'sweep', include: ['src/**/*.test.ts'] } });
