import { api } from '../api/client';
import type { Tab } from '../url-state';
import { useApi } from '../use-api';
import { Panel } from './DetectionPanel';
import { InsightsTab } from './InsightsTab';
import { RelationshipsTab } from './RelationshipsTab';
import { ResourceTab } from './ResourceTab';
import { SeverityBadge } from './SeverityBadge';
import { TimelineTab } from './TimelineTab';

const TABS: { id: Tab; label: string }[] = [
  { id: 'relationships', label: 'Relationships' },
  { id: 'resource', label: 'Resource' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'insights', label: 'Insights' },
];

/** The resource side panel: its detections and four tabs. */
export function ResourcePanel(props: {
  arn: string;
  tab: Tab;
  onTab: (t: Tab) => void;
  onClose: () => void;
  onResource: (arn: string) => void;
  onDetection: (id: string) => void;
}) {
  const state = useApi(() => api.resource(props.arn), props.arn);
  const d = state.data;
  const name = d?.resource?.name ?? props.arn.slice(props.arn.lastIndexOf('/') + 1);
  return (
    <Panel onClose={props.onClose} testId="resource-panel">
      <header className="panel-head">
        <h2 data-testid="resource-name">{name}</h2>
        <span className="det-type">{d?.resource?.type ?? ''}</span>
      </header>
      <code className="arn">{props.arn}</code>
      {state.error && <div className="error">{state.error}</div>}
      {d && d.detections.length > 0 && (
        <ul className="res-dets">
          {d.detections.map((x) => (
            <li key={x.id}>
              <SeverityBadge severity={x.severity} />
              <button type="button" className="link" onClick={() => props.onDetection(x.id)}>
                {x.title}
              </button>
              <span className={`status status-${x.status}`}>{x.status}</span>
            </li>
          ))}
        </ul>
      )}
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={props.tab === t.id}
            className={props.tab === t.id ? 'tab active' : 'tab'}
            data-testid={`tab-${t.id}`}
            onClick={() => props.onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <div className="tab-body">
        {props.tab === 'relationships' && <RelationshipsTab arn={props.arn} onResource={props.onResource} />}
        {props.tab === 'resource' && d && <ResourceTab detail={d} onResource={props.onResource} />}
        {props.tab === 'timeline' && <TimelineTab arn={props.arn} />}
        {props.tab === 'insights' && <InsightsTab arn={props.arn} />}
      </div>
    </Panel>
  );
}
