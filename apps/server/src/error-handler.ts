// Turns every failure into the catalogue's shape { statusCode, code, error, message, issues? }.
// Validation failures list the path of every bad field ("body.events.0.at"); errors we did not
// expect are logged in full and answered with FINEST_INTERNAL only, so no stack trace, SQL or
// server path ever reaches a client.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CgmesError, GridError, MatpowerParseError, NetworkValidationError } from '@finest/grid';
import { ScenarioValidationError } from '@finest/scenario';
import type { ApiError as ApiErrorBody, ApiIssue } from '@finest/protocol';
import { ApiError, ERRORS, type ErrorCode } from './errors.ts';
import { storageFailure } from './store/storage-error.ts';

/** Fastify's own client errors, by their code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'FINEST_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'FINEST_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'FINEST_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'FINEST_BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'FINEST_BAD_JSON',
};

/** characters of a message kept: a parse error may quote a bad token of any length */
const MESSAGE_CHARS = 1000;

export function errorBody(code: ErrorCode, message: string, issues?: ApiIssue[]): ApiErrorBody {
  const statusCode = ERRORS[code];
  return {
    statusCode,
    code,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message: message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS)}…` : message,
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

function send(reply: FastifyReply, body: ApiErrorBody): FastifyReply {
  if (body.code === 'FINEST_UNAUTHORIZED') void reply.header('www-authenticate', 'Bearer');
  return reply.code(body.statusCode).type('application/json').send(body);
}

/**
 * Maps a thrown value to a client-safe body: client errors, and the storage conditions a user
 * can act on (disk full, read-only). Null for anything else (a bug: FINEST_INTERNAL).
 */
export function clientError(err: unknown): ApiErrorBody | null {
  if (err instanceof ApiError) return errorBody(err.code, err.message, err.issues);
  if (err instanceof ScenarioValidationError)
    return errorBody('FINEST_SCENARIO_INVALID', 'invalid scenario', err.issues);
  if (err instanceof MatpowerParseError) return errorBody('FINEST_MATPOWER_PARSE', err.message);
  if (err instanceof NetworkValidationError)
    return errorBody('FINEST_NETWORK_INVALID', 'invalid network', err.issues);
  if (err instanceof CgmesError) return cgmesError(err);
  if (err instanceof GridError) return errorBody('FINEST_NETWORK_INVALID', err.message);
  const storage = storageFailure(err);
  if (storage) return errorBody(storage.code, storage.message);
  return null;
}

/** The importer's typed error: its message already names file, line and element (no paths:
 *  the file is the upload's name or an entry of it); the issue carries the same parts apart. */
function cgmesError(err: CgmesError): ApiErrorBody {
  const where = err.line === undefined ? err.file : `${err.file}:${err.line}`;
  const prefix = `${where}: ${err.element === undefined ? '' : `${err.element}: `}`;
  const detail = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  const issue = {
    path: err.element === undefined ? where : `${where} ${err.element}`,
    message: `${err.kind}: ${detail}`,
  };
  return errorBody(
    err.kind === 'too-large' ? 'FINEST_CGMES_TOO_LARGE' : 'FINEST_CGMES_INVALID',
    err.message,
    [issue],
  );
}

/**
 * Errors Fastify raises before routing (a malformed URL, a path parameter past maxParamLength),
 * in the catalogue's shape like every other; the offending path is not echoed back.
 */
export function frameworkErrors(
  err: FastifyError,
  _req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return send(
      reply,
      errorBody('FINEST_URI_TOO_LONG', 'a path parameter is longer than the server accepts'),
    );
  return send(
    reply,
    errorBody('FINEST_BAD_REQUEST', 'the URL is malformed (bad percent-encoding)'),
  );
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const issues = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter((p) => p !== '')].join('.'),
        message: v.message ?? 'invalid',
      }));
      return send(reply, errorBody('FINEST_BAD_REQUEST', `invalid ${where}`, issues));
    }
    const known = clientError(err);
    if (known) {
      // a full or read-only disk is the operator's to fix: say it in the log too
      if (known.statusCode >= 500) req.log.error({ err }, known.message);
      return send(reply, known);
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return send(reply, errorBody(mapped, err.message));
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      // another client error raised by Fastify itself; its message names no server internals
      const body = errorBody('FINEST_BAD_REQUEST', err.message);
      return send(reply, {
        ...body,
        statusCode: err.statusCode,
        error: STATUS_CODES[err.statusCode] ?? 'Error',
      });
    }
    req.log.error({ err }, 'request failed');
    return send(reply, errorBody('FINEST_INTERNAL', 'internal error; see the server log'));
  });
}
