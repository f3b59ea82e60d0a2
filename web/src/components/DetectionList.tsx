import { useCallback, useEffect, useRef, useState } from 'react';
import type { Filters } from '../api/client';
import { api } from '../api/client';
import type { DetectionItem } from '../api/types';
import { DetectionRow } from './DetectionRow';
import { VirtualRows } from './VirtualRows';

const PAGE = 200;

/** Group by None: every matching detection, paged from the server as the list scrolls. */
export function DetectionList(props: {
  filters: Filters;
  filterKey: string;
  selected: string | null;
  onTotal: (n: number) => void;
  onOpen: (id: string) => void;
  onResource: (arn: string) => void;
}) {
  const [rows, setRows] = useState<DetectionItem[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const generation = useRef(0);
  const { filters, onTotal } = props;

  const load = useCallback(
    (offset: number, gen: number) => {
      loading.current = true;
      api.detections(filters, { offset, limit: PAGE }).then(
        (page) => {
          if (gen !== generation.current) return;
          loading.current = false;
          setTotal(page.total);
          onTotal(page.total);
          setRows((prev) => (offset === 0 ? page.items : [...prev, ...page.items]));
        },
        (e: unknown) => {
          loading.current = false;
          if (gen === generation.current) setError(e instanceof Error ? e.message : String(e));
        },
      );
    },
    [filters, onTotal],
  );

  useEffect(() => {
    generation.current += 1;
    setRows([]);
    setError(null);
    load(0, generation.current);
    // filterKey stands for the filters' content.
  }, [props.filterKey]);

  const onNearEnd = useCallback(() => {
    if (!loading.current && rows.length < total) load(rows.length, generation.current);
  }, [rows.length, total, load]);

  if (error) return <div className="error">{error}</div>;
  return (
    <VirtualRows
      rows={rows}
      rowKey={(d) => d.id}
      rowHeight={36}
      hasMore={rows.length < total}
      onNearEnd={onNearEnd}
      testId="detection-list"
      render={(d) => (
        <DetectionRow
          item={d}
          selected={d.id === props.selected}
          onOpen={props.onOpen}
          onResource={props.onResource}
        />
      )}
    />
  );
}
