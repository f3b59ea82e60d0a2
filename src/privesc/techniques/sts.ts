/**
 * STS: assuming a role whose trust policy lets the principal in. The trust policy is evaluated as the role's
 * resource policy by `policy/`: a trust naming the principal itself needs no identity grant in the same
 * account, a trust naming the account (its id or `:root`) needs one, and across accounts both sides must
 * allow; SCPs, boundaries and explicit denies apply either way.
 */
import type { Technique } from '../types.js';
import { edgeOf } from './helpers.js';

const assumeRole: Technique = {
  id: 'sts-001',
  family: 'sts',
  category: 'principal-access',
  name: 'sts:AssumeRole',
  description:
    'Assumes a role whose trust policy allows the principal (directly, or its account plus an identity grant).',
  requiredActions: ['sts:AssumeRole'],
  prerequisites: [
    'the role trusts the principal’s ARN, or its account and the principal’s policies allow sts:AssumeRole on the role',
  ],
  pathfinding: ['sts-001'],
  references: [
    'https://pathfinding.cloud/paths/sts-001',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
  ],
  edges(source, env) {
    const s = env.principal(source);
    if (s === null) return [];
    // A trust naming only the account needs an identity grant: skip those when none can exist.
    const byAccount = env.mayDo(source, ['sts:AssumeRole']);
    return env.trust.candidatesFor(source, byAccount).flatMap((role) => {
      if (role.arn === source) return [];
      const g = env.canAssume(source, role);
      return g.allowed
        ? [
            edgeOf(
              source,
              role.arn,
              'sts-001',
              ['sts:AssumeRole'],
              g,
              `${s.name} can assume role ${role.name}`,
            ),
          ]
        : [];
    });
  },
};

/** STS techniques. */
export const STS_TECHNIQUES: readonly Technique[] = [assumeRole];
