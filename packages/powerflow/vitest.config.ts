import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'powerflow', include: ['src/**/*.test.ts'] } });
