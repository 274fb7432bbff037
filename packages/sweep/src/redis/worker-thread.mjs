// Worker-thread entry of a Redis worker: loads the TypeScript sources through tsx (the
// workspace has no build step), then runs worker-thread-job.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker-thread-job.ts');
