import { api } from '../api/client';
import { useApi } from '../use-api';

/** The Timeline tab: the resource's risk history from the store, newest first. */
export function TimelineTab({ arn }: { arn: string }) {
  const state = useApi(() => api.timeline(arn), arn);
  if (state.error) return <div className="error">{state.error}</div>;
  if (!state.data) return <div className="muted-text">Loading…</div>;
  const events = [...state.data.events].reverse();
  if (events.length === 0)
    return (
      <div className="muted-text" data-testid="tab-timeline-body">
        No history.
      </div>
    );
  return (
    <ol className="timeline" data-testid="tab-timeline-body">
      {events.map((e, i) => (
        <li key={i} className={`tl tl-${e.kind}`}>
          <time>{e.at}</time>
          <span className="tl-kind">{e.kind}</span>
          <span className="tl-rule">{e.rule}</span>
          {e.fromSeverity && e.toSeverity && e.fromSeverity !== e.toSeverity && (
            <span>{`${e.fromSeverity} → ${e.toSeverity}`}</span>
          )}
          {!e.fromSeverity && e.toSeverity && (
            <span className={`sev sev-${e.toSeverity}`}>{e.toSeverity}</span>
          )}
          {e.mute && <q>{e.mute.reason}</q>}
        </li>
      ))}
    </ol>
  );
}
