import { useCallback, useMemo, useState } from 'react';
import type { Filters } from '../api/client';
import { api } from '../api/client';
import type { Facets } from '../api/types';
import { DetectionList } from '../components/DetectionList';
import { DetectionPanel } from '../components/DetectionPanel';
import { FacetPanel } from '../components/FacetPanel';
import { GroupedList } from '../components/GroupedList';
import { ResourcePanel } from '../components/ResourcePanel';
import { Toolbar } from '../components/Toolbar';
import { useApi } from '../use-api';
import { useViewState } from '../url-state';

/** The Identity Risks Explorer: facets, Group by, search, the list, and the detection or resource panel. */
export function Explorer() {
  const [view, update] = useViewState();
  const [total, setTotal] = useState<number | null>(null);
  const [refresh, setRefresh] = useState(0);
  const filters: Filters = useMemo(
    () => ({
      status: view.status,
      severity: view.severity,
      rule: view.rule,
      resourceType: view.resourceType,
      accountId: view.accountId,
      search: view.search,
    }),
    [view.status, view.severity, view.rule, view.resourceType, view.accountId, view.search],
  );
  const filterKey = `${JSON.stringify(filters)}#${refresh}`;
  const facets = useApi<Facets>(() => api.facets(filters), filterKey);
  const scan = useApi(() => api.latestScan(), 'scan');
  const openDetection = useCallback((id: string) => update({ detection: id, resource: null }), [update]);
  const openResource = useCallback(
    (arn: string) => update({ resource: arn, detection: null, tab: 'relationships' }),
    [update],
  );
  const onTotal = useCallback((n: number) => setTotal(n), []);
  const panelOpen = Boolean(view.detection || view.resource);

  return (
    <div className={`app${panelOpen ? ' with-panel' : ''}`}>
      <header className="top">
        <h1>Identity Risks Explorer</h1>
        {scan.data?.scan && (
          <span className="muted-text" data-testid="scan-info">
            {`Scan ${scan.data.scan.id} as of ${scan.data.scan.asOf.slice(0, 10)} · ${scan.data.scan.identities.toLocaleString('en')} identities · ${scan.data.scan.resources.toLocaleString('en')} resources`}
          </span>
        )}
      </header>
      <Toolbar
        group={view.group}
        search={view.search}
        total={total}
        onGroup={(group) => update({ group })}
        onSearch={(search) => update({ search })}
      />
      <FacetPanel
        facets={facets.data}
        filters={filters}
        onChange={(key, values) => update({ [key]: values })}
      />
      <main className="list">
        {view.group === 'none' ? (
          <DetectionList
            filters={filters}
            filterKey={filterKey}
            selected={view.detection}
            onTotal={onTotal}
            onOpen={openDetection}
            onResource={openResource}
          />
        ) : (
          <GroupedList
            by={view.group}
            filters={filters}
            filterKey={filterKey}
            selected={view.detection}
            onTotal={onTotal}
            onOpen={openDetection}
            onResource={openResource}
            onShowAll={(g) =>
              update(
                view.group === 'rule' ? { group: 'none', rule: [g.key] } : { group: 'none', search: g.key },
              )
            }
          />
        )}
      </main>
      {view.detection && (
        <DetectionPanel
          id={view.detection}
          onClose={() => update({ detection: null })}
          onResource={openResource}
          onChanged={() => setRefresh((r) => r + 1)}
        />
      )}
      {view.resource && !view.detection && (
        <ResourcePanel
          arn={view.resource}
          tab={view.tab}
          onTab={(tab) => update({ tab })}
          onClose={() => update({ resource: null })}
          onResource={openResource}
          onDetection={openDetection}
        />
      )}
    </div>
  );
}
