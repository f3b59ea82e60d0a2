/**
 * Reading role trust policies: who may assume the role, and whether a condition restricts the caller to
 * an organization, an account, specific principals or an external id. Every value here comes from a policy
 * document, so nothing is assumed about its shape beyond the normalised model.
 */
import type { ConditionBlock, PolicyDocument, Statement } from '../../model/policy.js';
import { arnAccount, splitArn } from '../../policy/arn.js';
import { actionMatches } from '../../policy/wildcard.js';

/** The STS actions that start a role session (TagSession and SetSourceIdentity only accompany them). */
export const ASSUME_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithWebIdentity',
  'sts:AssumeRoleWithSAML',
] as const;

/** A trust statement with its position in the trust policy. */
export interface IndexedStatement {
  index: number;
  statement: Statement;
}

/** A condition that narrows who can assume the role. */
export interface CallerRestriction {
  operator: string;
  key: string;
  values: string[];
  scope: 'organization' | 'account' | 'principal-arn' | 'source-arn' | 'external-id';
  /** Accounts the restriction pins the caller to (account and ARN scopes). */
  accounts: string[];
}

/** Whether a statement's Action / NotAction covers `action`. */
export function coversAction(s: Statement, action: string): boolean {
  if (s.action) return s.action.some((p) => actionMatches(p, action));
  if (s.notAction) return !s.notAction.some((p) => actionMatches(p, action));
  return false;
}

/** The assume actions a statement covers. */
export function assumeActionsOf(s: Statement): string[] {
  return ASSUME_ACTIONS.filter((a) => coversAction(s, a));
}

/** Allow statements of a trust policy that let someone start a session. */
export function allowAssumeStatements(doc: PolicyDocument): IndexedStatement[] {
  const out: IndexedStatement[] = [];
  doc.statements.forEach((statement, index) => {
    if (statement.effect === 'Allow' && assumeActionsOf(statement).length > 0) out.push({ index, statement });
  });
  return out;
}

/**
 * Whether a statement names every AWS principal: `Principal: "*"`, `{"AWS": "*"}` (or a list containing it),
 * or an Allow with `NotPrincipal` (everyone except the listed principals).
 */
export function isOpenToAnyone(s: Statement): boolean {
  if (s.notPrincipal !== undefined) return s.effect === 'Allow' || s.notPrincipal !== '*';
  if (s.principal === '*') return true;
  return s.principal?.AWS?.includes('*') ?? false;
}

/** The explicit AWS principals of a statement (account ids, root, user and role ARNs), without `*`. */
export function awsPrincipals(s: Statement): string[] {
  if (s.principal === undefined || s.principal === '*') return [];
  return (s.principal.AWS ?? []).filter((v) => v !== '*');
}

/** The federated principals of a statement (OIDC and SAML provider ARNs, or provider names). */
export function federatedPrincipals(s: Statement): string[] {
  if (s.principal === undefined || s.principal === '*') return [];
  return s.principal.Federated ?? [];
}

/** The account of an AWS principal value (`123456789012`, `arn:aws:iam::123456789012:root`, role ARN …). */
export function principalAccount(value: string): string | null {
  if (/^\d{12}$/.test(value)) return value;
  const account = arnAccount(value);
  return account !== null && /^\d{12}$/.test(account) ? account : null;
}

const POSITIVE = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);
const NEGATED = new Set([
  'stringnotequals',
  'stringnotequalsignorecase',
  'stringnotlike',
  'arnnotequals',
  'arnnotlike',
]);

const hasWildcard = (v: string): boolean => v.includes('*') || v.includes('?');

// IfExists and ForAllValues pass when the key is absent, so they never restrict a caller (IAM User Guide,
// "...IfExists condition operators" and "Multivalued context keys").
function positiveOperator(op: string): boolean {
  const lower = op.toLowerCase();
  if (lower.endsWith('ifexists') || lower.startsWith('forallvalues:')) return false;
  return POSITIVE.has(lower.replace(/^foranyvalue:/, ''));
}

function negatedOperator(op: string): boolean {
  return NEGATED.has(
    op
      .toLowerCase()
      .replace(/ifexists$/, '')
      .replace(/^forallvalues:|^foranyvalue:/, ''),
  );
}

function arnPinsAccount(v: string): string | null {
  const f = splitArn(v);
  if (f === null) return null;
  if (/^\d{12}$/.test(f[4])) return f[4];
  // Some source ARNs have no account field (S3 buckets); a literal one still names one resource.
  return f[4] === '' && !hasWildcard(v) ? '' : null;
}

function restrictionOf(operator: string, key: string, values: string[]): CallerRestriction | null {
  const k = key.toLowerCase();
  if (values.length === 0) return null;
  const make = (scope: CallerRestriction['scope'], accounts: string[]): CallerRestriction => ({
    operator,
    key,
    values,
    scope,
    accounts,
  });
  if (k === 'aws:principalorgid' || k === 'aws:sourceorgid') {
    return values.every((v) => v !== '' && !hasWildcard(v)) ? make('organization', []) : null;
  }
  if (k === 'aws:principalorgpaths' || k === 'aws:sourceorgpaths') {
    return values.every((v) => /^o-[a-z0-9]+\//.test(v)) ? make('organization', []) : null;
  }
  if (k === 'aws:principalaccount' || k === 'aws:sourceaccount') {
    return values.every((v) => /^\d{12}$/.test(v)) ? make('account', values) : null;
  }
  if (k === 'aws:principalarn' || k === 'aws:sourcearn') {
    const accounts = values.map(arnPinsAccount);
    if (accounts.some((a) => a === null)) return null;
    return make(
      k === 'aws:principalarn' ? 'principal-arn' : 'source-arn',
      accounts.filter((a): a is string => !!a),
    );
  }
  if (k === 'sts:externalid') {
    return values.every((v) => v.replace(/[*?]/g, '') !== '') ? make('external-id', []) : null;
  }
  return null;
}

/** The conditions of an Allow statement that restrict who can be the caller. */
export function callerRestrictions(condition: ConditionBlock | undefined): CallerRestriction[] {
  const out: CallerRestriction[] = [];
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    if (!positiveOperator(operator)) continue;
    for (const [key, values] of Object.entries(keys)) {
      const r = restrictionOf(operator, key, values);
      if (r) out.push(r);
    }
  }
  return out;
}

/** Whether an Allow statement requires a specific `sts:ExternalId`. */
export function requiresExternalId(s: Statement): boolean {
  return callerRestrictions(s.condition).some((r) => r.scope === 'external-id');
}

/**
 * Whether a Deny statement of the trust policy stops every caller outside some org/account (or everyone)
 * from `action`: the deny names anyone and is unconditional, or its condition is a negated match on a
 * restricting key (`StringNotEquals aws:PrincipalOrgID`).
 */
export function denyRestrictsEveryone(doc: PolicyDocument, action: string): boolean {
  return doc.statements.some((s) => {
    if (s.effect !== 'Deny' || !coversAction(s, action) || !isOpenToAnyone(s)) return false;
    if (s.condition === undefined || Object.keys(s.condition).length === 0) return true;
    return Object.entries(s.condition).some(
      ([op, keys]) =>
        negatedOperator(op) &&
        Object.entries(keys).some(([key, values]) => restrictionOf(op, key, values) !== null),
    );
  });
}

/** A normalised statement written back in AWS's JSON spelling (for evidence and suggested policies). */
export function statementJson(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.sid !== null) out.Sid = s.sid;
  out.Effect = s.effect;
  if (s.principal !== undefined) out.Principal = s.principal;
  if (s.notPrincipal !== undefined) out.NotPrincipal = s.notPrincipal;
  if (s.action !== undefined) out.Action = s.action;
  if (s.notAction !== undefined) out.NotAction = s.notAction;
  if (s.resource !== undefined) out.Resource = s.resource;
  if (s.notResource !== undefined) out.NotResource = s.notResource;
  if (s.condition !== undefined) out.Condition = s.condition;
  return out;
}

/** A trust policy document with some statements replaced (by index), for suggested policies. */
export function trustPolicyWith(
  doc: PolicyDocument,
  replace: (s: Statement, index: number) => Record<string, unknown>,
): Record<string, unknown> {
  return { Version: doc.version ?? '2012-10-17', Statement: doc.statements.map((s, i) => replace(s, i)) };
}
