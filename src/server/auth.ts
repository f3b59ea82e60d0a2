import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

/** Name of the cookie that carries the access token once `?token=` was given. */
export const TOKEN_COOKIE = 'iamrisk_token';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: FastifyRequest, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The token a request presents: `Authorization: Bearer T`, else the cookie. */
function presented(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookie(req, TOKEN_COOKIE);
}

/**
 * Requires `token` on every request. A browser opens the explorer once with `?token=T`: the server sets an
 * HttpOnly, SameSite=Strict cookie and redirects to the same URL without the token, so it leaves the
 * address bar and history.
 */
export function requireToken(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (req, reply) => {
    const url = new URL(req.url, 'http://x');
    const given = url.searchParams.get('token');
    if (given !== null && req.method === 'GET') {
      if (!same(given, token)) throw new ApiError(401, 'unauthorized', 'invalid token');
      url.searchParams.delete('token');
      reply.header(
        'set-cookie',
        `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
      return reply.redirect(`${url.pathname}${url.search}`, 303);
    }
    const p = presented(req);
    if (p === null || !same(p, token)) {
      throw new ApiError(401, 'unauthorized', 'a token is required: open the URL printed by iamrisk serve');
    }
  });
}

/**
 * Refuses requests whose Host header names none of `hosts` (host names, any port; DNS rebinding: a web page on another name that
 * resolves to 127.0.0.1 must not reach the API), and state-changing requests that are not JSON (a cross-site
 * form cannot send JSON without a CORS preflight, which this server never answers).
 */
export function guardRequests(app: FastifyInstance, hosts: readonly string[] | null): void {
  app.addHook('onRequest', async (req) => {
    if (hosts !== null && !hosts.includes(hostName(req.headers.host ?? ''))) {
      throw new ApiError(403, 'forbidden-host', 'this host name is not allowed');
    }
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        throw new ApiError(415, 'unsupported-media-type', 'send application/json');
      }
    }
  });
}

/** The host name of a Host header without its port (`[::1]:8080` → `[::1]`). */
function hostName(host: string): string {
  const h = host.toLowerCase();
  return h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : (h.split(':')[0] ?? '');
}
