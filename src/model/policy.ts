/**
 * Normalised IAM policy documents. Readers turn the many JSON spellings AWS accepts (a single statement
 * object, a string where a list is allowed, booleans and numbers as condition values) into this one shape,
 * so the evaluator never has to care. Parsing lives in `policy/parse.ts`.
 */

/** `Allow` or `Deny`, exactly as AWS spells them. */
export type Effect = 'Allow' | 'Deny';

/** Condition operator (e.g. `StringLike`, `ForAnyValue:StringEquals`, `ArnLikeIfExists`) → key → values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** `Principal` element: `*`, or a map of principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) to values. */
export type PrincipalBlock = '*' | Record<string, string[]>;

/** One statement, normalised: every list is an array, every condition value a string. */
export interface Statement {
  sid: string | null;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  condition?: ConditionBlock;
}

/** A whole policy document, normalised. */
export interface PolicyDocument {
  version: string | null;
  statements: Statement[];
}

/** A policy document with the name and origin used in explanations and evidence. */
export interface NamedPolicy {
  /** Policy ARN for managed policies, `<principal-arn>#inline/<name>` for inline ones. */
  id: string;
  name: string;
  kind: 'inline' | 'managed' | 'aws-managed' | 'boundary' | 'scp' | 'rcp' | 'trust' | 'resource';
  document: PolicyDocument;
  /** For a policy reached through a group, the group ARN. */
  viaGroup?: string;
}
