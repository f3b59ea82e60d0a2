import type { PolicyDocument, Statement } from '../src/model/policy.js';

/** Turns a normalised policy document back into AWS's JSON spelling (for peers that take raw policies). */
export function toAwsJson(doc: PolicyDocument): Record<string, unknown> {
  return { Version: doc.version ?? '2012-10-17', Statement: doc.statements.map(statementJson) };
}

function statementJson(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = { Effect: s.effect };
  if (s.sid) out.Sid = s.sid;
  if (s.action) out.Action = s.action;
  if (s.notAction) out.NotAction = s.notAction;
  if (s.resource) out.Resource = s.resource;
  if (s.notResource) out.NotResource = s.notResource;
  if (s.principal) out.Principal = s.principal === '*' ? '*' : s.principal;
  if (s.notPrincipal) out.NotPrincipal = s.notPrincipal;
  if (s.condition) out.Condition = s.condition;
  return out;
}
