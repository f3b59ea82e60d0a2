import { useEffect, useState } from 'react';
import type { GroupBy } from '../api/types';

const MODES: { value: GroupBy; label: string }[] = [
  { value: 'rule', label: 'Identity Risks' },
  { value: 'resource', label: 'Resources' },
  { value: 'none', label: 'None' },
];

/** Group by, the search box (applied after a short pause in typing) and the count of matches. */
export function Toolbar(props: {
  group: GroupBy;
  search: string;
  total: number | null;
  onGroup: (g: GroupBy) => void;
  onSearch: (s: string) => void;
}) {
  const [text, setText] = useState(props.search);
  useEffect(() => setText(props.search), [props.search]);
  useEffect(() => {
    if (text === props.search) return;
    const t = window.setTimeout(() => props.onSearch(text), 250);
    return () => window.clearTimeout(t);
  }, [text, props]);
  return (
    <div className="toolbar">
      <div className="group-by" role="radiogroup" aria-label="Group by">
        <span className="muted-text">Group by</span>
        {MODES.map((m) => (
          <button
            key={m.value}
            type="button"
            role="radio"
            aria-checked={props.group === m.value}
            className={props.group === m.value ? 'seg active' : 'seg'}
            data-testid={`group-${m.value}`}
            onClick={() => props.onGroup(m.value)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <input
        type="search"
        className="search"
        placeholder="Search resource, ARN, rule, title…"
        aria-label="Search"
        data-testid="search"
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
      />
      <span className="total" data-testid="total">
        {props.total === null ? '…' : `${props.total.toLocaleString('en')} detections`}
      </span>
    </div>
  );
}
