import { splitArn } from '../../policy/arn.js';
import type { Grant } from '../env.js';
import type { Edge } from '../types.js';

/** An edge from a grant; `grantsAdmin` when the step itself makes `to` administrator. */
export function edgeOf(
  from: string,
  to: string,
  technique: string,
  actions: string[],
  grant: Grant,
  reason: string,
  grantsAdmin = false,
): Edge {
  return { from, to, technique, actions, conditional: grant.conditional, grantsAdmin, reason };
}

/** The partition and account of a principal ARN (`aws`, `123…`). */
export function partitionAndAccount(arn: string): { partition: string; accountId: string } {
  const f = splitArn(arn);
  return { partition: f?.[1] ?? 'aws', accountId: f?.[4] ?? '' };
}

/** A resource of the caller's account for a creating action: `arn:<p>:<service>:us-east-1:<account>:<path>`. */
export function probeArn(arn: string, service: string, path: string, region = 'us-east-1'): string {
  const { partition, accountId } = partitionAndAccount(arn);
  const r = service === 'iam' ? '' : region;
  return `arn:${partition}:${service}:${r}:${service === 's3' ? '' : accountId}:${path}`;
}

/** Every grant holds: the combined grant, or null when one fails (short-circuits). */
export function all(grants: (() => Grant)[]): Grant | null {
  let conditional = false;
  for (const g of grants) {
    const r = g();
    if (!r.allowed) return null;
    conditional ||= r.conditional;
  }
  return { allowed: true, conditional };
}
