// Errors as the user sees them: one line naming what failed and why (with the issue paths of a
// rejected request), as a toast.
import { ApiRequestError } from '../api/rest.ts';
import { toast } from './app-store.ts';

export function describeError(e: unknown): string {
  if (e instanceof ApiRequestError)
    return e.issues.length > 0
      ? `${e.message}: ${e.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`
      : e.message;
  return e instanceof Error ? e.message : String(e);
}

export function reportError(what: string, e: unknown): void {
  toast(`${what}: ${describeError(e)}`, 'error');
}
