import type { Filters } from '../api/client';
import { api } from '../api/client';
import type { DetectionItem } from '../api/types';
import { DetectionRow } from './DetectionRow';
import { usePagedRows } from './use-paged-rows';
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
  const { filters, onTotal } = props;
  const { rows, total, error, loadMore } = usePagedRows<DetectionItem>(
    (offset) =>
      api.detections(filters, { offset, limit: PAGE }).then((page) => {
        onTotal(page.total);
        return page;
      }),
    // filterKey stands for the filters' content.
    props.filterKey,
  );

  if (error) return <div className="error">{error}</div>;
  return (
    <VirtualRows
      rows={rows}
      rowKey={(d) => d.id}
      rowHeight={36}
      hasMore={rows.length < total}
      onNearEnd={loadMore}
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
