import type { PathStep } from '../api/types';

/** An escalation path as steps: from → to, the technique and the actions it needs. */
export function PathSteps({ steps, onResource }: { steps: PathStep[]; onResource?: (arn: string) => void }) {
  const name = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1) || arn;
  return (
    <ol className="path" data-testid="escalation-path">
      {steps.map((s, i) => (
        <li key={i}>
          <button type="button" className="link" title={s.from} onClick={() => onResource?.(s.from)}>
            {name(s.from)}
          </button>
          {' → '}
          <button type="button" className="link" title={s.to} onClick={() => onResource?.(s.to)}>
            {name(s.to)}
          </button>
          <span className="technique">{s.technique}</span>
          <code>{s.actions.join(', ')}</code>
          {s.conditional && <span className="muted-text"> (conditional)</span>}
        </li>
      ))}
    </ol>
  );
}
