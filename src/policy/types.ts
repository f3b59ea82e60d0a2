import type { NamedPolicy, Statement } from '../model/policy.js';

/** A condition context value: one string or a list (multi-valued keys such as `aws:TagKeys`). */
export type ContextValue = string | string[];

/**
 * What the evaluator knows about the request. Keys are condition keys, case-insensitive.
 * `missingKeys` says what a key that is not in `values` means:
 * - `absent`: the request does not carry it (AWS semantics for one concrete request; the differential tests);
 * - `unknown`: we cannot know it at scan time (effective permissions): a condition that depends on it
 *   is neither true nor false, and a grant behind it is *conditional*.
 */
export interface RequestContext {
  values: Record<string, ContextValue>;
  missingKeys: 'absent' | 'unknown';
}

/** One request: "may this principal do this action on this resource, in this context?". */
export interface AuthzRequest {
  principalArn: string;
  /** `service:Action`, any case. */
  action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  /** The resource's account, for cross-account logic; `null` when unknown. */
  resourceAccountId?: string | null;
  context: RequestContext;
}

/** The policies that apply to a request. */
export interface PolicySet {
  identity: NamedPolicy[];
  boundary: NamedPolicy | null;
  /** One array per organization level (root, OUs, account); each level must allow. Empty: no SCPs. */
  scps: NamedPolicy[][];
  resource?: NamedPolicy | null;
}

/** Why one statement did or did not apply; part of an explain trace. */
export interface StatementExplain {
  policyId: string;
  statementIndex: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  actionMatched: boolean;
  resourceMatched: boolean;
  /** `true`, `false`, or `unknown` when a condition key's value is unknown at scan time. */
  conditionResult: 'true' | 'false' | 'unknown';
  /** Condition keys whose value was unknown. */
  unknownKeys: string[];
}

/**
 * The evaluator's answer. `conditional` is true when the decision depends on condition keys whose value is
 * unknown: an `allowed` that is conditional means "allowed if those conditions hold".
 */
export interface Decision {
  decision: 'allowed' | 'explicitly-denied' | 'implicitly-denied';
  conditional: boolean;
  /** Which layer decided: identity, boundary, scp, resource. */
  deniedBy: 'identity' | 'boundary' | 'scp' | 'resource' | null;
  /** Statements that matched and decided (allow statements for an allow, deny statements for a deny). */
  decisive: StatementExplain[];
  explains: StatementExplain[];
}

/** Result union for functions that validate input (after iam-simulate): errors are data, not exceptions. */
export type Result<T> = { kind: 'ok'; value: T } | { kind: 'error'; errors: { code: string; message: string }[] };

/** A statement together with where it came from. */
export interface SourcedStatement {
  policy: NamedPolicy;
  index: number;
  statement: Statement;
}

/** Whether a principal (or a group's own policies) allows every action on every resource. */
export interface AdminVerdict {
  isAdmin: boolean;
  /** Admin only when conditions with unknown keys hold (e.g. `aws:MultiFactorAuthPresent`). */
  conditional: boolean;
  /** The allow statements that grant `*` on `*` (or together cover every action on `*`). */
  grantingStatements: { policyId: string; policyName: string; sid: string | null; viaGroup?: string }[];
  /** Deny statements that restrict the admin grant on some resources or under some conditions. */
  restrictingDenies: { policyId: string; sid: string | null }[];
}

/**
 * The authorization questions rules and the escalation graph ask about an inventory. Built once per scan by
 * `createAuthz` (policy/authz.ts) with effective permissions computed set-wise and cached per principal.
 */
export interface Authz {
  /** Admin verdict for a user or role (all its policies, boundary, SCPs) or a group (its own policies). */
  adminVerdict(principalArn: string): AdminVerdict;
  /** Whether one policy document on its own allows every action on every resource. */
  documentIsAdmin(policy: NamedPolicy): AdminVerdict;
  /**
   * May the principal perform `action` on `resource`? Context keys known from the principal
   * (aws:PrincipalArn, aws:username, aws:CurrentTime, …) are filled in; `extra` adds scenario keys
   * (e.g. `iam:PassedToService`); any other key is unknown and makes the answer conditional.
   */
  isAllowed(principalArn: string, action: string, resource: string, extra?: Record<string, ContextValue>): Decision;
  /** The policies that apply to a principal (for evidence). */
  policySet(principalArn: string): PolicySet | null;
}
