import type { Filters } from '../api/client';
import type { Facets } from '../api/types';

const FACETS: { key: keyof Facets; title: string; order?: string[] }[] = [
  { key: 'status', title: 'Status', order: ['open', 'muted', 'resolved'] },
  { key: 'severity', title: 'Severity', order: ['critical', 'high', 'medium', 'low', 'info'] },
  { key: 'rule', title: 'Rule' },
  { key: 'resourceType', title: 'Resource type' },
  { key: 'accountId', title: 'Account' },
];

/** The facet filters with their counts (each counted with the other filters applied). */
export function FacetPanel(props: {
  facets: Facets | null;
  filters: Filters;
  onChange: (key: keyof Facets, values: string[]) => void;
}) {
  return (
    <aside className="facets" aria-label="Filters">
      {FACETS.map((f) => {
        const counts = props.facets?.[f.key] ?? {};
        const selected = props.filters[f.key];
        const values = [...new Set([...(f.order ?? []), ...Object.keys(counts), ...selected])].filter(
          (v) => counts[v] !== undefined || selected.includes(v),
        );
        if (!f.order) values.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b));
        return (
          <fieldset key={f.key} className="facet" data-testid={`facet-${f.key}`}>
            <legend>{f.title}</legend>
            {values.length === 0 && <div className="muted-text">none</div>}
            {values.map((v) => (
              <label key={v} className="facet-value">
                <input
                  type="checkbox"
                  checked={selected.includes(v)}
                  onChange={(e) =>
                    props.onChange(
                      f.key,
                      e.target.checked ? [...selected, v] : selected.filter((x) => x !== v),
                    )
                  }
                />
                <span className="facet-name">{v}</span>
                <span className="count">{(counts[v] ?? 0).toLocaleString('en')}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </aside>
  );
}
