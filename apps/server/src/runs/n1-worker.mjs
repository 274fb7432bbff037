// Worker-thread entry of an N-1 screening: loads the TypeScript sources through tsx (the
// workspace has no build step), then runs the job in n1-worker-job.ts.
import { register } from 'tsx/esm/api';

register();
await import('./n1-worker-job.ts');
