import type { ResourceDetail } from '../api/types';

/** The Resource tab: its configuration (policies included) as readable JSON, and its relationships. */
export function ResourceTab({
  detail,
  onResource,
}: {
  detail: ResourceDetail;
  onResource: (arn: string) => void;
}) {
  const r = detail.resource;
  if (!r) return <div className="muted-text">This resource is not in the latest scan's inventory.</div>;
  return (
    <div data-testid="tab-resource-body">
      <dl className="facts">
        <dt>ARN</dt>
        <dd>
          <code className="arn">{r.arn}</code>
        </dd>
        <dt>Type</dt>
        <dd>{r.type}</dd>
        <dt>Account</dt>
        <dd>{r.accountId ?? '—'}</dd>
        {detail.identity && (
          <>
            <dt>Administrator</dt>
            <dd>{detail.identity.isAdmin ? 'yes' : 'no'}</dd>
          </>
        )}
      </dl>
      {r.outgoing.length + r.incoming.length > 0 && (
        <>
          <h3>Relationships</h3>
          <ul className="rels">
            {r.outgoing.map((e) => (
              <li key={`o${e.kind}${e.to}`}>
                <span className="det-type">{e.kind}</span>{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => onResource(e.to)}
                  disabled={!e.to.startsWith('arn:')}
                >
                  {e.to}
                </button>
              </li>
            ))}
            {r.incoming.map((e) => (
              <li key={`i${e.kind}${e.from}`}>
                <button type="button" className="link" onClick={() => onResource(e.from)}>
                  {e.from}
                </button>{' '}
                <span className="det-type">{e.kind}</span> this
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Configuration</h3>
      <pre className="json" data-testid="resource-config">
        {JSON.stringify(r.config, null, 2)}
      </pre>
    </div>
  );
}
