// Worker-thread entry of the sweep pool: loads the TypeScript sources through tsx (the
// workspace has no build step), then runs thread-job.ts.
import { register } from 'tsx/esm/api';

register();
await import('./thread-job.ts');
