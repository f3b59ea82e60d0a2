// No imports: the URL state is pure, and test/web checks it under Node.

/** The explorer's Group by modes. */
export type GroupMode = 'rule' | 'resource' | 'none';

export type Tab = 'relationships' | 'resource' | 'timeline' | 'insights';

/** Everything a shared link restores: grouping, filters, search and the open panel. */
export interface ViewState {
  status: string[];
  severity: string[];
  rule: string[];
  resourceType: string[];
  accountId: string[];
  search: string;
  group: GroupMode;
  /** Open resource panel (ARN), or null. */
  resource: string | null;
  tab: Tab;
  /** Open detection panel (id), or null. */
  detection: string | null;
}

const LISTS = ['status', 'severity', 'rule', 'resourceType', 'accountId'] as const;
const TABS: readonly Tab[] = ['relationships', 'resource', 'timeline', 'insights'];

/** Reads the view from a query string; unknown values fall back to the defaults. */
export function parseView(search: string): ViewState {
  const sp = new URLSearchParams(search);
  const list = (k: string) => (sp.get(k) ?? '').split(',').filter(Boolean);
  const group = sp.get('group');
  const tab = sp.get('tab');
  return {
    group: group === 'resource' || group === 'none' ? group : 'rule',
    status: list('status').length ? list('status') : ['open'],
    severity: list('severity'),
    rule: list('rule'),
    resourceType: list('resourceType'),
    accountId: list('accountId'),
    search: sp.get('q') ?? '',
    resource: sp.get('resource'),
    tab: TABS.includes(tab as Tab) ? (tab as Tab) : 'relationships',
    detection: sp.get('detection'),
  };
}

/** Writes the view as a query string (defaults omitted, values percent-encoded by URLSearchParams). */
export function formatView(v: ViewState): string {
  const sp = new URLSearchParams();
  if (v.group !== 'rule') sp.set('group', v.group);
  for (const k of LISTS) {
    const values = v[k];
    if (k === 'status' && values.length === 1 && values[0] === 'open') continue;
    if (values.length) sp.set(k, values.join(','));
  }
  if (v.search) sp.set('q', v.search);
  if (v.resource) {
    sp.set('resource', v.resource);
    if (v.tab !== 'relationships') sp.set('tab', v.tab);
  }
  if (v.detection) sp.set('detection', v.detection);
  const s = sp.toString();
  return s ? `?${s}` : '';
}
