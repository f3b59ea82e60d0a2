import type { PrivescEnv } from './env.js';

/** pathfinding.cloud's five categories (SCHEMA.md `category`). */
export type TechniqueCategory =
  'self-escalation' | 'principal-access' | 'new-passrole' | 'credential-access' | 'existing-passrole';

/** The families techniques are grouped in, one file each under `techniques/`. */
export type TechniqueFamily =
  'iam-self' | 'iam-principal' | 'sts' | 'passrole-new' | 'existing-compute' | 'compute-credentials';

/** A technique as plain data, for the docs and the explorer. */
export interface TechniqueInfo {
  /** Stable id: the pathfinding.cloud id (`iam-002`) or `x-…` for techniques outside it. */
  id: string;
  family: TechniqueFamily;
  category: TechniqueCategory;
  /** Short name in IAM syntax (`iam:PassRole + lambda:CreateFunction`). */
  name: string;
  description: string;
  requiredActions: readonly string[];
  /** What must exist or hold beyond the actions (a function, a role trusting the service, …). */
  prerequisites: readonly string[];
  /** pathfinding.cloud ids this technique implements (empty for `x-…`). */
  pathfinding: readonly string[];
  /** The technique this one varies (pathfinding `parent.id`). */
  parent?: string;
  references: readonly string[];
}

/**
 * One way `from` gains more permissions. `to` is the node whose permissions `from` gains (a role, a user, a
 * compute resource). When `grantsAdmin` is set, `to` is made administrator by the step itself (a policy
 * attached, a version created): the step ends at administrator whatever `to` holds today.
 */
export interface Edge {
  from: string;
  to: string;
  technique: string;
  /** The actions the step uses, as IAM actions. */
  actions: string[];
  /** True when the step holds only if conditions with keys unknown at scan time hold. */
  conditional: boolean;
  grantsAdmin: boolean;
  /** One sentence saying why the edge exists; attacker-controlled names inside are plain text. */
  reason: string;
}

/** A technique: its data plus a pure edge generator over the shared authorization environment. */
export interface Technique extends TechniqueInfo {
  /** Edges this technique gives `source` (a user or role ARN); never throws. */
  edges(source: string, env: PrivescEnv): Edge[];
}

/** A compute resource that runs with a role: an EC2 instance, a Lambda function, a stack, a project, … */
export interface ComputeNode {
  arn: string;
  kind: string;
  name: string;
  accountId: string;
  region: string | null;
  /** The roles its code or its service acts as. */
  roleArns: string[];
  /** EC2 instance state (`running`, `stopped`, …); null for other kinds. */
  state: string | null;
}
