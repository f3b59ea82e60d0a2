import type { Severity } from '../api/types';

/** A severity as a coloured label (text only). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`sev sev-${severity}`}>{severity}</span>;
}
