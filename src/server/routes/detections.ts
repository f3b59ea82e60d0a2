import type { FastifyInstance } from 'fastify';
import type { Detection } from '../../model/finding.js';
import type { DetectionView } from '../../store/index.js';
import { muteCovers } from '../../store/index.js';
import type { RouteContext } from '../context.js';
import { ApiError } from '../errors.js';
import type { RawQuery } from '../query.js';
import { detectionQuery, groupByParam } from '../query.js';

/** The fields the explorer's list shows; the full detection (evidence, path, remediation) is on the detail route. */
function listItem(v: DetectionView) {
  const d: Detection = v.detection;
  return {
    id: d.id,
    rule: d.rule,
    severity: d.severity,
    title: d.title,
    message: d.message,
    resource: d.resource,
    hasPath: Boolean(d.path?.length),
    status: v.status,
    firstSeenAt: v.firstSeenAt,
    lastSeenAt: v.lastSeenAt,
  };
}

/**
 * GET /api/detections (paged list), /api/detections/facets, /api/detections/groups?by=rule|resource and
 * /api/detections/:id (full detection, lifecycle and the active mutes that cover it).
 */
export function detectionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/detections', async (req) => {
    const query = detectionQuery(req.query as RawQuery);
    const { total, items } = await ctx.store.listDetections(query, ctx.now());
    return { total, offset: query.offset, limit: query.limit, items: items.map(listItem) };
  });

  app.get('/api/detections/facets', async (req) => {
    return ctx.store.detectionFacets(detectionQuery(req.query as RawQuery), ctx.now());
  });

  app.get('/api/detections/groups', async (req) => {
    const q = req.query as RawQuery;
    const query = detectionQuery(q);
    const by = groupByParam(q);
    return { by, offset: query.offset, ...(await ctx.store.detectionGroups(query, by, ctx.now())) };
  });

  app.get<{ Params: { id: string } }>('/api/detections/:id', async (req) => {
    const now = ctx.now();
    const view = await ctx.store.getDetection(req.params.id, now);
    if (!view) throw new ApiError(404, 'not-found', 'no such detection');
    const d = view.detection;
    const target = { id: d.id, rule: d.rule, resourceArn: d.resource.arn };
    const mutes = (await ctx.store.listMutes({ activeOnly: true, now })).filter((m) => muteCovers(m, target));
    return { ...view, mutes };
  });
}
