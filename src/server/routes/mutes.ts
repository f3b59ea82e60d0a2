import type { FastifyInstance } from 'fastify';
import { StoreError } from '../../store/index.js';
import type { RouteContext } from '../context.js';
import { ApiError } from '../errors.js';

interface MuteBody {
  reason?: unknown;
  author?: unknown;
  expiresAt?: unknown;
}

function text(v: unknown, name: string, fallback?: string): string {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !v.trim() || v.length > 500) {
    throw new ApiError(
      400,
      'bad-request',
      `${name}: a non-empty string of at most 500 characters is required`,
    );
  }
  return v;
}

/** POST /api/detections/:id/mute, GET /api/mutes (active) and DELETE /api/mutes/:id (unmute). */
export function muteRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post<{ Params: { id: string }; Body: MuteBody }>('/api/detections/:id/mute', async (req, reply) => {
    const body = (req.body ?? {}) as MuteBody;
    const now = ctx.now();
    if (!(await ctx.store.getDetection(req.params.id, now))) {
      throw new ApiError(404, 'not-found', 'no such detection');
    }
    let expiresAt: Date | null = null;
    if (body.expiresAt !== undefined && body.expiresAt !== null) {
      expiresAt = new Date(text(body.expiresAt, 'expiresAt'));
      if (Number.isNaN(expiresAt.getTime())) throw new ApiError(400, 'bad-request', 'expiresAt: not a date');
    }
    try {
      const mute = await ctx.store.mute(
        {
          detectionId: req.params.id,
          reason: text(body.reason, 'reason'),
          author: text(body.author, 'author', 'explorer'),
          expiresAt,
        },
        now,
      );
      return reply.status(201).send(mute);
    } catch (e) {
      if (e instanceof StoreError) throw new ApiError(400, 'bad-request', e.message);
      throw e;
    }
  });

  app.get('/api/mutes', async () => ctx.store.listMutes({ activeOnly: true, now: ctx.now() }));

  app.delete<{ Params: { id: string } }>('/api/mutes/:id', async (req) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1)
      throw new ApiError(400, 'bad-request', 'mute id: a positive integer');
    const mute = await ctx.store.unmute(id, 'explorer', ctx.now());
    if (!mute) throw new ApiError(404, 'not-found', 'no active mute with this id');
    return mute;
  });
}
