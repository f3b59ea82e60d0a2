import { useEffect, useState } from 'react';
import type { Filters } from '../api/client';
import { api } from '../api/client';
import type { DetectionGroup, DetectionItem } from '../api/types';
import { DetectionRow } from './DetectionRow';
import { SeverityBadge } from './SeverityBadge';
import { usePagedRows } from './use-paged-rows';
import { VirtualRows } from './VirtualRows';

const PAGE = 200;
const GROUP_ITEMS = 200;

type Row =
  | { kind: 'group'; group: DetectionGroup; open: boolean }
  | { kind: 'item'; item: DetectionItem; group: string }
  | { kind: 'more'; group: DetectionGroup; shown: number };

/** Group by Identity Risks (rule) or Resources: groups paged from the server, each expandable to its detections. */
export function GroupedList(props: {
  by: 'rule' | 'resource';
  filters: Filters;
  filterKey: string;
  selected: string | null;
  onTotal: (n: number) => void;
  onOpen: (id: string) => void;
  onResource: (arn: string) => void;
  onShowAll: (group: DetectionGroup) => void;
}) {
  const [open, setOpen] = useState<Map<string, DetectionItem[] | null>>(new Map());
  const { by, filters, onTotal } = props;
  const resetKey = `${props.filterKey}\u0000${by}`;
  const {
    rows: groups,
    total: totalGroups,
    error,
    setError,
    loadMore,
    generation,
  } = usePagedRows<DetectionGroup>(
    (offset) =>
      api.groups(filters, by, { offset, limit: PAGE }).then((page) => {
        onTotal(page.totalDetections);
        return { items: page.groups, total: page.totalGroups };
      }),
    resetKey,
  );

  // Expanded groups belong to one view: a new filter or grouping closes them.
  useEffect(() => setOpen(new Map()), [resetKey]);

  const toggle = (g: DetectionGroup) => {
    setOpen((prev) => {
      const next = new Map(prev);
      if (next.has(g.key)) {
        next.delete(g.key);
        return next;
      }
      next.set(g.key, null);
      const scope = by === 'rule' ? { rule: [g.key] } : { resourceArn: g.key };
      const gen = generation.current;
      api.detections(filters, { offset: 0, limit: GROUP_ITEMS, ...scope }).then(
        (page) =>
          gen === generation.current &&
          setOpen((p) => (p.has(g.key) ? new Map(p).set(g.key, page.items) : p)),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
      return next;
    });
  };

  const rows: Row[] = [];
  for (const g of groups) {
    const items = open.get(g.key);
    rows.push({ kind: 'group', group: g, open: open.has(g.key) });
    for (const item of items ?? []) rows.push({ kind: 'item', item, group: g.key });
    if (items && g.count > items.length) rows.push({ kind: 'more', group: g, shown: items.length });
  }

  if (error) return <div className="error">{error}</div>;
  return (
    <VirtualRows
      rows={rows}
      rowKey={(r) =>
        r.kind === 'group'
          ? `g:${r.group.key}`
          : r.kind === 'item'
            ? `i:${r.group}:${r.item.id}`
            : `m:${r.group.key}`
      }
      rowHeight={36}
      hasMore={groups.length < totalGroups}
      onNearEnd={loadMore}
      testId="group-list"
      render={(r) => {
        if (r.kind === 'item')
          return (
            <DetectionRow
              item={r.item}
              nested
              selected={r.item.id === props.selected}
              onOpen={props.onOpen}
              onResource={props.onResource}
            />
          );
        if (r.kind === 'more')
          return (
            <button type="button" className="link more" onClick={() => props.onShowAll(r.group)}>
              {`Showing ${r.shown} of ${r.group.count.toLocaleString('en')}: show all in the list`}
            </button>
          );
        const g = r.group;
        return (
          <button
            type="button"
            className="group-row"
            data-testid="group-row"
            data-group-key={g.key}
            aria-expanded={r.open}
            onClick={() => toggle(g)}
          >
            <span className="caret">{r.open ? '▾' : '▸'}</span>
            <SeverityBadge severity={g.maxSeverity} />
            <span className="group-label">{g.label}</span>
            {by === 'resource' && <span className="det-type">{g.resourceType}</span>}
            <span className="group-key">{by === 'rule' ? g.key : g.accountId}</span>
            <span className="count">{g.count.toLocaleString('en')}</span>
          </button>
        );
      }}
    />
  );
}
