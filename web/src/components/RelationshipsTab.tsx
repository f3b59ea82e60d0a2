import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { mountGraph } from '../graph/cytoscape-graph';
import { useApi } from '../use-api';
import { PathSteps } from './PathSteps';

/** The Relationships tab: the resource's connections as a graph, risky nodes coloured, the escalation path red. */
export function RelationshipsTab({ arn, onResource }: { arn: string; onResource: (arn: string) => void }) {
  const state = useApi(() => api.graph(arn), arn);
  const box = useRef<HTMLDivElement>(null);
  const graph = state.data;
  useEffect(() => {
    if (!graph || !box.current) return;
    return mountGraph(box.current, graph, (id) => {
      if (id !== arn && id.startsWith('arn:')) onResource(id);
    });
  }, [graph, arn, onResource]);
  if (state.error) return <div className="error">{state.error}</div>;
  if (!graph) return <div className="muted-text">Loading…</div>;
  const atRisk = graph.nodes.filter((n) => n.risk).length;
  return (
    <div data-testid="tab-relationships-body">
      <div className="legend">
        <span className="dot risk" /> at risk ({atRisk}) <span className="dot benign" /> benign (
        {graph.nodes.length - atRisk}) <span className="line path" /> escalation path
      </div>
      <div className="graph" ref={box} data-testid="graph" />
      <ul className="node-list" data-testid="graph-nodes">
        {graph.nodes.map((n) => (
          <li key={n.id} className={n.risk ? 'risk' : 'benign'} data-on-path={n.isOnPath}>
            <span className="det-type">{n.type}</span> {n.label}
            {n.risk ? <span className={`sev sev-${n.risk}`}>{n.risk}</span> : null}
          </li>
        ))}
      </ul>
      {graph.path && (
        <>
          <h3>Escalation path to administrator</h3>
          <PathSteps steps={graph.path} onResource={onResource} />
        </>
      )}
    </div>
  );
}
