import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/index.js';
import type { Backend } from '../store/test-utils/backends.js';
import { BACKENDS, freshStore } from '../store/test-utils/backends.js';
import { day } from '../store/test-utils/scan-builder.js';
import { buildApp } from './app.js';
import {
  adminDetection,
  adminRole,
  appRole,
  escalation,
  groupArn,
  instanceArn,
  policyArn,
  profileArn,
  seedStore,
  trustDetection,
  userArn,
} from './test-utils/fixture.js';

const q = encodeURIComponent;

describe.each(BACKENDS)('HTTP API ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() as Record<string, unknown> & { items?: { id: string }[] } };
  };

  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(backend));
    await seedStore(store);
    app = await buildApp({ store, now: () => day(2) });
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it('lists detections most severe first with filters, search and paging', async () => {
    const all = await get('/api/detections');
    expect(all.body.total).toBe(3);
    expect(all.body.items?.map((i) => i.id)).toEqual([escalation.id, adminDetection.id, trustDetection.id]);
    expect(all.body.items?.[0]).toMatchObject({ status: 'open', hasPath: true, resource: { arn: userArn } });
    // The list is slim: evidence and remediation stay on the detail route.
    expect(all.body.items?.[0]).not.toHaveProperty('evidence');
    const page = await get('/api/detections?limit=1&offset=1');
    expect(page.body.items?.map((i) => i.id)).toEqual([adminDetection.id]);
    expect((await get('/api/detections?severity=high,low&rule=admin-role')).body.total).toBe(1);
    expect((await get(`/api/detections?search=${q('ROLE/APP')}`)).body.items?.map((i) => i.id)).toEqual([
      trustDetection.id,
    ]);
    expect((await get('/api/detections?resourceType=user')).body.total).toBe(1);
  });

  it('answers facets, groups by rule and by resource', async () => {
    const facets = await get('/api/detections/facets?severity=critical');
    expect(facets.body).toMatchObject({
      severity: { critical: 1, high: 1, low: 1 },
      rule: { 'privilege-escalation': 1 },
      status: { open: 1 },
    });
    const byRule = await get('/api/detections/groups?by=rule');
    expect(byRule.body).toMatchObject({ by: 'rule', totalGroups: 3, totalDetections: 3 });
    const byResource = await get('/api/detections/groups?by=resource&limit=1');
    expect(byResource.body.groups).toEqual([
      expect.objectContaining({
        key: userArn,
        label: 'dev',
        count: 1,
        maxSeverity: 'critical',
        resourceType: 'user',
      }),
    ]);
    expect((await get('/api/detections/groups?by=owner')).status).toBe(400);
  });

  it('rejects malformed queries with a JSON error and no stack', async () => {
    for (const url of [
      '/api/detections?status=deleted',
      '/api/detections?severity=%3Cscript%3E',
      '/api/detections?limit=100000',
      '/api/detections?offset=-1',
      `/api/detections?search=${'x'.repeat(201)}`,
      '/api/resource',
    ]) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      const body = r.json() as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['code', 'message']);
      expect(r.body).not.toMatch(/ at |\.ts:/);
    }
    expect((await get('/api/detections/nope')).body).toEqual({
      code: 'not-found',
      message: 'no such detection',
    });
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  it('returns a detection with its path, remediation and covering mutes; mutes and unmutes it', async () => {
    const d = await get(`/api/detections/${q(escalation.id)}`);
    expect(d.body).toMatchObject({ status: 'open', mutes: [], detection: { path: escalation.path } });
    const muted = await app.inject({
      method: 'POST',
      url: `/api/detections/${q(escalation.id)}/mute`,
      payload: { reason: 'break-glass user', author: 'ana' },
    });
    expect(muted.statusCode).toBe(201);
    const mute = muted.json() as { id: number; author: string };
    expect(mute.author).toBe('ana');
    expect((await get(`/api/detections/${q(escalation.id)}`)).body).toMatchObject({
      status: 'muted',
      mutes: [{ id: mute.id, reason: 'break-glass user' }],
    });
    expect((await get('/api/detections')).body.total).toBe(2);
    expect((await get('/api/detections?status=muted')).body.items?.map((i) => i.id)).toEqual([escalation.id]);
    const unmuted = await app.inject({ method: 'DELETE', url: `/api/mutes/${mute.id}` });
    expect(unmuted.statusCode).toBe(200);
    expect((await get(`/api/detections/${q(escalation.id)}`)).body.status).toBe('open');
    // Lifting it again is a 404, not a silent success.
    expect((await app.inject({ method: 'DELETE', url: `/api/mutes/${mute.id}` })).statusCode).toBe(404);
  });

  it('refuses a mute without a reason, of an unknown detection, or not sent as JSON', async () => {
    const url = `/api/detections/${q(adminDetection.id)}/mute`;
    expect((await app.inject({ method: 'POST', url, payload: { reason: ' ' } })).statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/detections/x/mute',
      payload: { reason: 'r' },
    });
    expect(unknown.statusCode).toBe(404);
    const form = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/plain' },
      payload: '{"reason":"csrf"}',
    });
    expect(form.statusCode).toBe(415);
    expect((await get(`/api/detections/${q(adminDetection.id)}`)).body.status).toBe('open');
  });

  it('serves a resource with configuration, relationships, identity and detections', async () => {
    const r = await get(`/api/resource?arn=${q(userArn)}`);
    expect(r.body).toMatchObject({
      resource: { arn: userArn, type: 'user', outgoing: [{ kind: 'member-of', to: groupArn }] },
      detections: [{ id: escalation.id, status: 'open' }],
    });
    expect((await get(`/api/resource?arn=${q('arn:aws:iam::1:user/none')}`)).status).toBe(404);
  });

  it('builds the relationships graph with risk marks and the escalation path', async () => {
    const g = (await get(`/api/resource/graph?arn=${q(userArn)}`)).body as {
      nodes: { id: string; risk: string | null; isFocus: boolean; isOnPath: boolean }[];
      edges: { source: string; target: string; kind: string; isOnPath: boolean }[];
    };
    const node = (id: string) => g.nodes.find((n) => n.id === id);
    expect(node(userArn)).toMatchObject({ isFocus: true, isOnPath: true, risk: 'critical' });
    expect(node(groupArn)).toMatchObject({ risk: null, isOnPath: false });
    expect(node(policyArn)).toBeDefined(); // through the group
    expect(node(adminRole)).toMatchObject({ risk: 'high', isOnPath: true });
    expect(g.edges).toContainEqual(
      expect.objectContaining({ source: userArn, target: adminRole, kind: 'escalation', isOnPath: true }),
    );
    expect(g.edges).toContainEqual(
      expect.objectContaining({
        source: groupArn,
        target: policyArn,
        kind: 'attached-policy',
        isOnPath: false,
      }),
    );

    const inst = (await get(`/api/resource/graph?arn=${q(instanceArn)}`)).body as typeof g;
    expect(inst.nodes.map((n) => n.id).sort()).toEqual(
      [instanceArn, profileArn, appRole, 'arn:aws:iam::999999999999:root'].sort(),
    );
    expect(inst.nodes.find((n) => n.id === appRole)?.risk).toBe('low');
  });

  it('serves the timeline and the insights by service and action', async () => {
    const t = (await get(`/api/resource/timeline?arn=${q(userArn)}`)).body as { events: { kind: string }[] };
    // Detected by the scan, then muted and unmuted by the mute test above.
    expect(t.events.map((e) => e.kind)).toEqual(['detected', 'muted', 'unmuted']);
    const ins = await get(`/api/resource/insights?arn=${q(userArn)}`);
    expect(ins.body.services).toEqual([
      expect.objectContaining({
        service: 'ec2',
        granted: 2,
        used: 1,
        unused: 1,
        lastUsed: '2026-11-18T10:00:00Z',
      }),
      expect.objectContaining({ service: 'iam', granted: 1, unobservable: 1 }),
    ]);
    const actions = await get(`/api/resource/insights/actions?arn=${q(userArn)}&service=ec2`);
    expect(actions.body.actions).toEqual([
      expect.objectContaining({ action: 'ec2:DescribeInstances', status: 'used', count: 4 }),
      expect.objectContaining({ action: 'ec2:RunInstances', status: 'unused' }),
    ]);
    expect((await get(`/api/resource/insights?arn=${q(groupArn)}`)).status).toBe(404);
  });

  it('serves the latest scan', async () => {
    expect((await get('/api/scans/latest')).body).toMatchObject({
      scan: { detections: 3, asOf: '2026-11-20T00:00:00.000Z' },
    });
  });
});
