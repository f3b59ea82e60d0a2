import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/index.js';
import { guardRequests, requireToken } from './auth.js';
import type { RouteContext } from './context.js';
import { registerErrorHandler } from './errors.js';
import { detectionRoutes } from './routes/detections.js';
import { muteRoutes } from './routes/mutes.js';
import { resourceRoutes } from './routes/resources.js';
import { scanRoutes } from './routes/scans.js';
import { registerSecurityHeaders } from './security.js';

/** How to build the explorer's server. */
export interface AppOptions {
  store: Store;
  /** Required on every request when set (any non-loopback bind). */
  token?: string | null;
  /** The built web app (dist/web); without it only the API is served. */
  webRoot?: string | null;
  /** Host names (any port) a Host header may name (DNS-rebinding guard); null accepts any. */
  allowedHosts?: readonly string[] | null;
  /** Requests per minute per client address; false turns the limit off (benchmarks). Default 3000. */
  rateLimit?: number | false;
  /** The clock (tests pin it); default: the current time. */
  now?: () => Date;
  /** Fastify's request log (off by default). */
  logger?: boolean;
}

/**
 * Builds the Fastify app of `iamrisk serve`: the read-only JSON API over the store (plus mute and unmute),
 * security headers, optional token, and the web app. Call `listen` on it, or `inject` in tests.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 64 * 1024 });
  registerErrorHandler(app);
  await registerSecurityHeaders(app);
  if (opts.rateLimit !== false)
    await app.register(rateLimit, { max: opts.rateLimit ?? 3000, timeWindow: 60_000 });
  guardRequests(app, opts.allowedHosts ?? null);
  if (opts.token) requireToken(app, opts.token);
  const ctx: RouteContext = { store: opts.store, now: opts.now ?? (() => new Date()) };
  detectionRoutes(app, ctx);
  muteRoutes(app, ctx);
  resourceRoutes(app, ctx);
  scanRoutes(app, ctx);
  const webRoot = opts.webRoot && existsSync(path.join(opts.webRoot, 'index.html')) ? opts.webRoot : null;
  if (webRoot) {
    // @fastify/send resolves paths under `root` and refuses `..` and dotfiles: no directory traversal.
    await app.register(fastifyStatic, { root: webRoot, index: 'index.html', serveDotFiles: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    // The explorer keeps its state in the URL: any non-API page path serves the app (client-side routing);
    // a path with an escape, a backslash or `..` (a traversal attempt, never an explorer page) gets a 404.
    if (
      webRoot &&
      req.method === 'GET' &&
      !pathname.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(pathname) &&
      !/%|\\|\.\./.test(pathname)
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ code: 'not-found', message: `no route ${req.method} ${pathname}` });
  });
  return app;
}
