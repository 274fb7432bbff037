// The test projects of the monorepo. Vitest 4 has no workspace file of its own: this list is
// imported by vitest.config.ts (`test.projects`), so adding a package here is what enrols it.
export const projects = [
  'packages/scenario',
  'packages/sweep',
  'packages/grid',
  'packages/powerflow',
  'apps/cli',
  'scripts',
  'testing', // the test prerequisites (needs.ts) and the skip-summary reporter
  'packages/protocol',
  'apps/server',
  'apps/web', // unit tests ("web"); the browser tests are "web-e2e" below
  'apps/web/vitest.e2e.config.ts',
];
export default projects;
