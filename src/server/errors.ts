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
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ code: 'internal', message: 'internal server error' });
  });
}
