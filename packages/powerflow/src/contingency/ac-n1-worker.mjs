// Worker-thread entry of the AC N-1 pool: loads the TypeScript sources through tsx (the
// workspace has no build step), then runs the job in ac-n1-job.ts.
import { register } from 'tsx/esm/api';

register();
await import('./ac-n1-job.ts');
