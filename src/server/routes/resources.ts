import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { RawQuery } from '../query.js';
import { requiredParam } from '../query.js';
import { buildResourceGraph } from '../resource-graph.js';

/**
 * The resource side panel, keyed by `?arn=` (ARNs hold `/` and `:`): /api/resource (configuration,
 * relationships, identity verdict and its detections), /api/resource/graph, /api/resource/timeline,
 * /api/resource/insights (per service) and /api/resource/insights/actions?service= (one service's actions).
 */
export function resourceRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/resource', async (req) => {
    const arn = requiredParam(req.query as RawQuery, 'arn');
    const resource = await ctx.store.getResource(arn);
    const detections = await ctx.store.listDetections(
      { resourceArn: arn, status: ['open', 'muted', 'resolved'], limit: 200 },
      ctx.now(),
    );
    if (!resource && detections.total === 0) throw new ApiError(404, 'not-found', 'no such resource');
    return {
      resource,
      identity: await ctx.store.getIdentity(arn),
      detections: detections.items.map((v) => ({
        id: v.detection.id,
        rule: v.detection.rule,
        severity: v.detection.severity,
        title: v.detection.title,
        status: v.status,
      })),
    };
  });

  app.get('/api/resource/graph', async (req) => {
    const graph = await buildResourceGraph(ctx.store, requiredParam(req.query as RawQuery, 'arn'), ctx.now());
    if (!graph) throw new ApiError(404, 'not-found', 'no such resource');
    return graph;
  });

  app.get('/api/resource/timeline', async (req) => {
    return { events: await ctx.store.history(requiredParam(req.query as RawQuery, 'arn'), ctx.now()) };
  });

  app.get('/api/resource/insights', async (req) => {
    const insights = await ctx.store.getInsights(requiredParam(req.query as RawQuery, 'arn'));
    if (!insights)
      throw new ApiError(404, 'not-found', 'no insights for this resource (not a user or role?)');
    return insights;
  });

  app.get('/api/resource/insights/actions', async (req) => {
    const q = req.query as RawQuery;
    const actions = await ctx.store.getServiceInsights(requiredParam(q, 'arn'), requiredParam(q, 'service'));
    if (!actions) throw new ApiError(404, 'not-found', 'no insights for this resource');
    return { actions };
  });
}
