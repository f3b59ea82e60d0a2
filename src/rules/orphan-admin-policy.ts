import { iamPolicyUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { adminEvidence } from './utils/admin-evidence.js';
import { policyRef } from './utils/resources.js';

/** `orphan-admin-policy`: a customer managed policy that grants administrator and is attached to nothing. */
export const orphanAdminPolicy = defineRule({
  id: 'orphan-admin-policy',
  title: 'Administrative policy not attached to any principal',
  resourceTypes: ['policy'],
  severity: 'low',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for a customer managed policy whose default version on its own allows every action on every ' +
    'resource, whose AttachmentCount is 0 and which is not used as a permissions boundary. An unknown ' +
    'attachment count (export without it) never fires. AWS managed policies are out of scope.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete.html'],
  remediation: 'Delete the unused policy so that nobody can attach it later.',
  messages: {
    orphan:
      'Customer managed policy {name} allows every action on every resource and is attached to no principal.',
    stepDelete: 'Delete policy {name} (all its versions) if nothing needs it.',
    stepNarrow:
      'If it is kept for break-glass use, narrow it or restrict iam:AttachUserPolicy/AttachRolePolicy on it.',
  },
  evaluate(ctx) {
    const boundaries = new Set(
      [...ctx.inventory.users, ...ctx.inventory.roles]
        .map((p) => p.permissionsBoundaryArn)
        .filter((a) => a !== null),
    );
    return [...ctx.inventory.policies.values()].flatMap((policy) => {
      if (policy.isAwsManaged || policy.attachmentCount !== 0) return [];
      if ((policy.permissionsBoundaryUsageCount ?? 0) > 0 || boundaries.has(policy.arn)) return [];
      const verdict = ctx.authz.documentIsAdmin({
        id: policy.arn,
        name: policy.name,
        kind: 'managed',
        document: policy.document,
      });
      if (!verdict.isAdmin) return [];
      return [
        {
          messageId: 'orphan' as const,
          data: { name: policy.name },
          identity: { arn: policy.arn },
          resource: policyRef(policy),
          evidence: {
            ...adminEvidence(verdict),
            attachmentCount: policy.attachmentCount,
            permissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
            defaultVersionId: policy.defaultVersionId,
          },
          fix: { consoleUrl: iamPolicyUrl(policy.arn), steps: ['stepDelete', 'stepNarrow'] as const },
        },
      ];
    });
  },
});
