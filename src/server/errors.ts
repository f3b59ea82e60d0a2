import type { FastifyError, FastifyInstance } from 'fastify';

/** The one error type of the HTTP API: a status, a stable code and a one-line message for the client. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Maps every error to a JSON body `{ code, message }`: an ApiError as given, Fastify's own client errors
 * (bad JSON, wrong content type, rate limit) by their status, anything else as a 500 with a generic message.
 * Stacks and internal messages never reach the client.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError | Error, req, reply) => {
    if (err instanceof ApiError) {
      return reply.status(err.status).send({ code: err.code, message: err.message });
    }
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = 'code' in err && typeof err.code === 'string' ? err.code.toLowerCase() : 'bad-request';
      return reply.status(status).send({ code, message: err.message.slice(0, 300) });
    }
    if (storeUnavailable(err)) {
      req.log.warn({ err }, 'store unavailable');
      return reply
        .status(503)
        .send({ code: 'store-unavailable', message: 'the store is unavailable; try again' });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ code: 'internal', message: 'internal server error' });
  });
}

/** SQLSTATE classes and codes of a PostgreSQL server going away: 08 (connection exception), 57P01–57P03 (shutdown, starting up). */
const PG_UNAVAILABLE = /^(08...|57P0[123])$/;

/**
 * True for a lost or refused connection to the store's server (PostgreSQL restarting, down or unreachable):
 * a transient fault answered with 503, not a bug.
 */
function storeUnavailable(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (PG_UNAVAILABLE.test(code) || /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(code))
  )
    return true;
  return /^Connection terminated|^Client has encountered a connection error/.test(err.message);
}
