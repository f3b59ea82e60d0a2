import type { ReactNode } from 'react';
import { useState } from 'react';
import { api } from '../api/client';
import type { DetectionDetail } from '../api/types';
import { safeConsoleUrl } from '../console-url';
import { useApi } from '../use-api';
import { CopyButton } from './CopyButton';
import { PathSteps } from './PathSteps';
import { SeverityBadge } from './SeverityBadge';

/** The detection side panel: why it is risky, the escalation path, Fix in AWS, the suggested policy, mute. */
export function DetectionPanel(props: {
  id: string;
  onClose: () => void;
  onResource: (arn: string) => void;
  onChanged: () => void;
}) {
  const [version, setVersion] = useState(0);
  const state = useApi(() => api.detection(props.id), `${props.id}#${version}`);
  const d: DetectionDetail | null = state.data;
  if (state.error)
    return (
      <Panel onClose={props.onClose}>
        <div className="error">{state.error}</div>
      </Panel>
    );
  if (!d)
    return (
      <Panel onClose={props.onClose}>
        <div className="muted-text">Loading…</div>
      </Panel>
    );
  const det = d.detection;
  const fixUrl = safeConsoleUrl(det.remediation.consoleUrl);
  const policy = det.remediation.suggestedPolicy
    ? JSON.stringify(det.remediation.suggestedPolicy, null, 2)
    : null;
  const changed = () => {
    setVersion((v) => v + 1);
    props.onChanged();
  };
  return (
    <Panel onClose={props.onClose} testId="detection-panel">
      <header className="panel-head">
        <SeverityBadge severity={det.severity} />
        <h2>{det.title}</h2>
        <span className={`status status-${d.status}`} data-testid="detection-status">
          {d.status}
        </span>
      </header>
      <p className="message" data-testid="detection-message">
        {det.message}
      </p>
      <dl className="facts">
        <dt>Resource</dt>
        <dd>
          <button type="button" className="link" onClick={() => props.onResource(det.resource.arn)}>
            {det.resource.name}
          </button>
          <code className="arn">{det.resource.arn}</code>
        </dd>
        <dt>Rule</dt>
        <dd>{det.rule}</dd>
        <dt>First seen</dt>
        <dd>{d.firstSeenAt}</dd>
        <dt>Last seen</dt>
        <dd>{d.lastSeenAt}</dd>
      </dl>
      {det.path && det.path.length > 0 && (
        <section>
          <h3>Escalation path to administrator</h3>
          <PathSteps steps={det.path} onResource={props.onResource} />
        </section>
      )}
      <section>
        <h3>Evidence</h3>
        <pre className="json" data-testid="evidence">
          {JSON.stringify(det.evidence, null, 2)}
        </pre>
      </section>
      <section>
        <h3>Fix</h3>
        {fixUrl ? (
          <a
            className="button primary"
            data-testid="fix-in-aws"
            href={fixUrl}
            target="_blank"
            rel="noopener noreferrer"
          >
            Fix in AWS
          </a>
        ) : (
          <span className="muted-text" data-testid="fix-unavailable">
            No console link (not an AWS console URL)
          </span>
        )}
        <ol className="steps">
          {det.remediation.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
        {policy && (
          <div className="policy">
            <div className="policy-head">
              <h4>Suggested least-privilege policy</h4>
              <CopyButton text={policy} label="Copy policy" testId="copy-policy" />
            </div>
            <pre className="json" data-testid="suggested-policy">
              {policy}
            </pre>
          </div>
        )}
      </section>
      <MuteSection detail={d} onChanged={changed} />
    </Panel>
  );
}

function MuteSection({ detail, onChanged }: { detail: DetectionDetail; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        setReason('');
        onChanged();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <section className="mute">
      <h3>Mute</h3>
      {detail.mutes.map((m) => (
        <div key={m.id} className="mute-row" data-testid="active-mute">
          <span>
            {`Muted by ${m.author}: `}
            <q>{m.reason}</q>
            {m.expiresAt ? ` until ${m.expiresAt}` : ''}
          </span>
          <button type="button" data-testid="unmute" onClick={() => void run(api.unmute(m.id))}>
            Unmute
          </button>
        </div>
      ))}
      {detail.status !== 'resolved' && detail.mutes.length === 0 && (
        <form
          className="mute-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(api.mute(detail.detection.id, reason));
          }}
        >
          <input
            data-testid="mute-reason"
            placeholder="Reason (required)"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" data-testid="mute" disabled={!reason.trim()}>
            Mute
          </button>
        </form>
      )}
      {error && <div className="error">{error}</div>}
    </section>
  );
}

/** The side panel frame with a close button. */
export function Panel(props: { children: ReactNode; onClose: () => void; testId?: string }) {
  return (
    <section className="panel" data-testid={props.testId}>
      <button type="button" className="close" aria-label="Close panel" onClick={props.onClose}>
        ×
      </button>
      {props.children}
    </section>
  );
}
