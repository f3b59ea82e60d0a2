import { useState } from 'react';
import { api } from '../api/client';
import type { ActionInsight, ServiceInsights } from '../api/types';
import { useApi } from '../use-api';

const LABELS: Record<ActionInsight['status'], string> = {
  used: 'used',
  denied: 'denied',
  unused: 'unused in the window',
  unobservable: 'not observable',
};

/** The Insights tab: every granted permission by service, expandable to actions, with usage in the window. */
export function InsightsTab({ arn }: { arn: string }) {
  const state = useApi(() => api.insights(arn), arn);
  if (state.error)
    return (
      <div className="muted-text" data-testid="tab-insights-body">
        {state.error}
      </div>
    );
  if (!state.data) return <div className="muted-text">Loading…</div>;
  const { services, window } = state.data;
  const total = services.reduce((n, s) => n + s.granted, 0);
  const used = services.reduce((n, s) => n + s.used, 0);
  return (
    <div data-testid="tab-insights-body">
      <p className="muted-text">
        {`${total.toLocaleString('en')} granted actions in ${services.length} services; ${used} used between ${window.from.slice(0, 10)} and ${window.to.slice(0, 10)} (${window.days} days).`}
      </p>
      <table className="insights">
        <thead>
          <tr>
            <th>Service</th>
            <th>Granted</th>
            <th>Used</th>
            <th>Unused</th>
            <th>Not observable</th>
            <th>Denied</th>
            <th>Last used</th>
          </tr>
        </thead>
        {services.map((s) => (
          <ServiceRows key={s.service} arn={arn} s={s} />
        ))}
      </table>
    </div>
  );
}

function ServiceRows({ arn, s }: { arn: string; s: ServiceInsights }) {
  const [open, setOpen] = useState(false);
  const [actions, setActions] = useState<ActionInsight[] | null>(null);
  const toggle = () => {
    setOpen(!open);
    if (!actions)
      void api.insightActions(arn, s.service).then(
        (r) => setActions(r.actions),
        () => setActions([]),
      );
  };
  return (
    <tbody>
      <tr className="svc" data-testid="insight-service" data-service={s.service}>
        <td>
          <button type="button" className="link" aria-expanded={open} onClick={toggle}>
            {`${open ? '▾' : '▸'} ${s.service}`}
          </button>
        </td>
        <td>{s.granted}</td>
        <td className="st-used">{s.used}</td>
        <td className="st-unused">{s.unused}</td>
        <td className="st-unobservable">{s.unobservable}</td>
        <td className="st-denied">{s.denied}</td>
        <td>{s.lastUsed ?? '—'}</td>
      </tr>
      {open &&
        (actions ?? []).map((a) => (
          <tr key={a.action} className="act" data-testid="insight-action">
            <td className="act-name">{a.action}</td>
            <td colSpan={4}>
              <span className={`badge st-${a.status}`}>{LABELS[a.status]}</span>
              {a.count > 0 ? ` ×${a.count}` : ''}
            </td>
            <td>{a.lastDenied ?? ''}</td>
            <td>{a.lastUsed ?? ''}</td>
          </tr>
        ))}
    </tbody>
  );
}
