import { useCallback, useEffect, useState } from 'react';
import type { ViewState } from './view-query';
import { formatView, parseView } from './view-query';

export type { Tab, ViewState } from './view-query';

/** The view held in the address bar: updates push a history entry, Back and Forward restore. */
export function useViewState(): [ViewState, (patch: Partial<ViewState>) => void] {
  const [view, setView] = useState(() => parseView(window.location.search));
  useEffect(() => {
    const onPop = () => setView(parseView(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((patch: Partial<ViewState>) => {
    setView((prev) => {
      const next = { ...prev, ...patch };
      const qs = formatView(next);
      if (qs !== window.location.search)
        window.history.pushState(null, '', `${window.location.pathname}${qs}`);
      return next;
    });
  }, []);
  return [view, update];
}
