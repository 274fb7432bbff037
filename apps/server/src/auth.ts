// The write token check shared by REST (an onRequest hook) and the WebSocket (start/branch).
// Compares SHA-256 digests in constant time, so neither the token's length nor its prefix
// leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export type TokenCheck = (presented: string | undefined) => boolean;

export function tokenChecker(token: string | undefined): TokenCheck {
  if (token === undefined) return () => true;
  const expected = digest(token);
  return (presented) => presented !== undefined && timingSafeEqual(digest(presented), expected);
}

/** The bearer token of a request: the Authorization header, or ?token= (browsers' WebSockets). */
export function presentedToken(req: FastifyRequest, allowQuery: boolean): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1];
  }
  if (allowQuery) {
    const q = (req.query as Record<string, unknown> | undefined)?.token;
    if (typeof q === 'string') return q;
  }
  return undefined;
}

export function installWriteGuard(app: FastifyInstance, check: TokenCheck): void {
  app.addHook('onRequest', async (req) => {
    if (!WRITE_METHODS.has(req.method)) return;
    if (!check(presentedToken(req, false)))
      throw new ApiError(
        'FINEST_UNAUTHORIZED',
        'this server requires "Authorization: Bearer <token>" for writes',
      );
  });
}
