import { useCallback, useEffect, useRef, useState } from 'react';

/** One page from the server: its rows and how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * Server-side paging for a scrolling list: loads the first page whenever `resetKey` changes, appends the next
 * one on `loadMore`, and drops answers that arrive after a reset (`generation` counts resets, for callers that
 * start requests of their own).
 */
export function usePagedRows<T>(fetchPage: (offset: number) => Promise<Page<T>>, resetKey: string) {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const generation = useRef(0);
  const latestFetch = useRef(fetchPage);
  latestFetch.current = fetchPage;

  const load = useCallback((offset: number, gen: number) => {
    loading.current = true;
    latestFetch.current(offset).then(
      (page) => {
        if (gen !== generation.current) return;
        loading.current = false;
        setTotal(page.total);
        setRows((prev) => (offset === 0 ? page.items : [...prev, ...page.items]));
      },
      (e: unknown) => {
        loading.current = false;
        if (gen === generation.current) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);

  useEffect(() => {
    generation.current += 1;
    setRows([]);
    setError(null);
    load(0, generation.current);
  }, [resetKey, load]);

  const loadMore = useCallback(() => {
    if (!loading.current && rows.length < total) load(rows.length, generation.current);
  }, [rows.length, total, load]);

  return { rows, total, error, setError, loadMore, generation };
}
