import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

/**
 * A virtualized list: only the rows in view are in the DOM, so 50,000 rows scroll smoothly. `onNearEnd` is
 * called when the last loaded rows come into view (the caller fetches the next page from the server).
 */
export function VirtualRows<T>(props: {
  rows: T[];
  rowKey: (row: T) => string;
  render: (row: T) => ReactNode;
  rowHeight: number;
  hasMore: boolean;
  onNearEnd: () => void;
  testId: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => props.rowHeight,
    overscan: 12,
    getItemKey: (i) => props.rowKey(props.rows[i] as T),
  });
  const items = v.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;
  const { hasMore, onNearEnd, rows } = props;
  useEffect(() => {
    if (hasMore && last >= rows.length - 20) onNearEnd();
  }, [last, rows.length, hasMore, onNearEnd]);
  return (
    <div ref={parent} className="rows" data-testid={props.testId}>
      <div className="rows-inner" ref={(el) => el?.style.setProperty('height', `${v.getTotalSize()}px`)}>
        {items.map((item) => (
          <div
            key={item.key}
            className="row-slot"
            data-index={item.index}
            ref={(el) => {
              if (el) {
                el.style.setProperty('transform', `translateY(${item.start}px)`);
                v.measureElement(el);
              }
            }}
          >
            {props.render(props.rows[item.index] as T)}
          </div>
        ))}
      </div>
    </div>
  );
}
