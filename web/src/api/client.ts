import type {
  ActionInsight,
  DetectionDetail,
  DetectionPage,
  Facets,
  GroupPage,
  IdentityInsights,
  Mute,
  ResourceDetail,
  ResourceGraph,
  ScanInfo,
  TimelineEvent,
} from './types';

/** The explorer's filters, as the API takes them. */
export interface Filters {
  status: string[];
  severity: string[];
  rule: string[];
  resourceType: string[];
  accountId: string[];
  search: string;
}

/** An API error: the server's `{ code, message }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Builds a query string; every value goes through URLSearchParams (percent-encoded). */
export function queryString(params: Record<string, string | number | string[] | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const r = await fetch(path, { credentials: 'same-origin', ...init });
  const body = (await r.json().catch(() => null)) as unknown;
  if (!r.ok) {
    const e = (body ?? {}) as { code?: string; message?: string };
    throw new ApiError(r.status, e.code ?? 'error', e.message ?? `HTTP ${r.status}`);
  }
  return body as T;
}

function filterParams(f: Filters) {
  return {
    status: f.status,
    severity: f.severity,
    rule: f.rule,
    resourceType: f.resourceType,
    accountId: f.accountId,
    search: f.search,
  };
}

const arnQuery = (arn: string) => `?arn=${encodeURIComponent(arn)}`;

/** The typed client of the iamrisk API. */
export const api = {
  detections: (f: Filters, page: { offset: number; limit: number; resourceArn?: string; rule?: string[] }) =>
    request<DetectionPage>(
      `/api/detections${queryString({ ...filterParams(f), ...page, rule: page.rule ?? f.rule })}`,
    ),
  facets: (f: Filters) => request<Facets>(`/api/detections/facets${queryString(filterParams(f))}`),
  groups: (f: Filters, by: 'rule' | 'resource', page: { offset: number; limit: number }) =>
    request<GroupPage>(`/api/detections/groups${queryString({ ...filterParams(f), by, ...page })}`),
  detection: (id: string) => request<DetectionDetail>(`/api/detections/${encodeURIComponent(id)}`),
  mute: (id: string, reason: string) =>
    request<Mute>(`/api/detections/${encodeURIComponent(id)}/mute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason, author: 'explorer' }),
    }),
  unmute: (muteId: number) =>
    request<Mute>(`/api/mutes/${encodeURIComponent(String(muteId))}`, { method: 'DELETE' }),
  resource: (arn: string) => request<ResourceDetail>(`/api/resource${arnQuery(arn)}`),
  graph: (arn: string) => request<ResourceGraph>(`/api/resource/graph${arnQuery(arn)}`),
  timeline: (arn: string) => request<{ events: TimelineEvent[] }>(`/api/resource/timeline${arnQuery(arn)}`),
  insights: (arn: string) => request<IdentityInsights>(`/api/resource/insights${arnQuery(arn)}`),
  insightActions: (arn: string, service: string) =>
    request<{ actions: ActionInsight[] }>(
      `/api/resource/insights/actions${arnQuery(arn)}&service=${encodeURIComponent(service)}`,
    ),
  latestScan: () => request<{ scan: ScanInfo | null }>('/api/scans/latest'),
};
