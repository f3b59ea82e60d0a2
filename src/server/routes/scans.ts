import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';

/** GET /api/scans/latest: the newest scan (null before any), for the explorer's header. */
export function scanRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/scans/latest', async () => ({ scan: await ctx.store.latestScan() }));
}
