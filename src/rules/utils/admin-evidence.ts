import type { AdminVerdict } from '../../policy/types.js';

/** Evidence of an administrator verdict: the granting statements, whether conditional, and restricting denies. */
export function adminEvidence(verdict: AdminVerdict): Record<string, unknown> {
  return {
    conditional: verdict.conditional,
    grantingStatements: verdict.grantingStatements.map((s) => ({
      policyId: s.policyId,
      policyName: s.policyName,
      sid: s.sid,
      ...(s.viaGroup === undefined ? {} : { viaGroup: s.viaGroup }),
    })),
    restrictingDenies: verdict.restrictingDenies.map((d) => ({ policyId: d.policyId, sid: d.sid })),
  };
}

/** The distinct names of the policies that grant administrator, for messages ("AdministratorAccess, ops"). */
export function grantingPolicyNames(verdict: AdminVerdict): string {
  const names = [...new Set(verdict.grantingStatements.map((s) => s.policyName))];
  return names.length > 0 ? names.join(', ') : 'its policies';
}
