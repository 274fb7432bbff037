import { defineProject } from 'vitest/config';

// Server tests open SQLite files and real sockets: give them time on a shared 2-core machine.
export default defineProject({
  test: { name: 'server', include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
});
