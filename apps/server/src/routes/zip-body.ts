// The body parser for CGMES zip uploads (application/zip; Windows browsers send
// application/x-zip-compressed): the bytes as a Buffer, at most maxBytes of them. A declared
// Content-Length past the limit is refused before anything is read, a body that turns out
// longer is refused as soon as it passes the limit, so a large upload is never held in memory.
// Inflating is the importer's (with its own limits, checked from the zip directory).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';

export const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];

const tooLarge = (maxBytes: number): ApiError =>
  new ApiError(
    'FINEST_BODY_TOO_LARGE',
    `the CGMES upload is larger than ${maxBytes} bytes (FINEST_CGMES_UPLOAD_MB)`,
  );

/** Registers the parser in the calling plugin's scope only. */
export function acceptZipBodies(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(
    ZIP_TYPES,
    (
      req: FastifyRequest,
      payload: NodeJS.ReadableStream,
      done: (err: Error | null, body?: Buffer) => void,
    ) => {
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        done(tooLarge(maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      const settle = (err: Error | null, body?: Buffer): void => {
        if (settled) return;
        settled = true;
        payload.removeListener('data', onData);
        done(err, body);
      };
      const onData = (chunk: Buffer): void => {
        received += chunk.length;
        if (received > maxBytes) {
          chunks.length = 0;
          // keep draining (and dropping) so the connection can carry the 413
          payload.resume();
          settle(tooLarge(maxBytes));
          return;
        }
        chunks.push(chunk);
      };
      payload.on('data', onData);
      payload.on('end', () => settle(null, Buffer.concat(chunks, received)));
      payload.on('error', (err: Error) =>
        settle(new ApiError('FINEST_BAD_REQUEST', `the upload was interrupted (${err.message})`)),
      );
    },
  );
}
