import type { Role, User } from '../model/inventory.js';
import type { EffectiveAuthz } from '../policy/authz.js';
import type { Authz } from '../policy/types.js';
import { applySnippets } from '../usage/apply-snippets.js';
import { permissionsGap } from '../usage/gap.js';
import { leastPrivilegePolicy } from '../usage/least-privilege.js';
import type { RuleContext } from './context.js';
import { iamRoleUrl, iamUserUrl } from './console-url.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import { roleRef, userRef } from './utils/resources.js';

type Message = 'gap' | 'stepReview' | 'stepApply' | 'stepRemove';

/** Services listed in the evidence; the rest are summed up, so evidence stays small for administrators. */
const TOP_SERVICES = 25;

function hasEffective(authz: Authz): authz is EffectiveAuthz {
  return typeof (authz as Partial<EffectiveAuthz>).effective === 'function';
}

function windowDays(ctx: RuleContext): number {
  const w = ctx.usage?.window;
  return w === undefined ? 0 : Math.round((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000);
}

function finding(ctx: RuleContext, p: User | Role): RuleFinding<Message>[] {
  if (!hasEffective(ctx.authz)) return [];
  const effective = ctx.authz.effective(p.arn);
  if (effective === null) return [];
  const gap = permissionsGap(p.arn, effective.allowedSomewhere, ctx.usage);
  if (gap === null || gap.granted === 0) return [];
  if (gap.unusedPercent <= ctx.config.thresholds.permissionsGapPercent) return [];
  const roles = (profileArn: string): string[] | null =>
    ctx.inventory.instanceProfiles.find((ip) => ip.arn === profileArn)?.roleArns ?? null;
  const lp = gap.usage === null ? null : leastPrivilegePolicy(gap.usage, { rolesOfInstanceProfile: roles });
  const hasPolicy = lp !== null && lp.policy.Statement.length > 0;
  const snippets = hasPolicy ? applySnippets(p.arn, lp.policy) : null;
  const top = gap.byService.slice(0, TOP_SERVICES);
  const rest = gap.byService.slice(TOP_SERVICES);
  return [
    {
      messageId: 'gap',
      data: {
        name: p.name,
        kind: p.kind === 'user' ? 'user' : 'role',
        used: gap.used,
        granted: gap.granted,
        percent: gap.unusedPercent,
        days: windowDays(ctx),
        cli: snippets?.awsCli ?? '',
      },
      identity: { arn: p.arn },
      resource: p.kind === 'user' ? userRef(p) : roleRef(p),
      evidence: {
        granted: gap.granted,
        used: gap.used,
        unused: gap.unused,
        unusedPercent: gap.unusedPercent,
        unobservable: gap.unobservable,
        thresholdPercent: ctx.config.thresholds.permissionsGapPercent,
        window: ctx.usage?.window,
        byService: top,
        otherServices: {
          services: rest.length,
          granted: rest.reduce((n, s) => n + s.granted, 0),
          unused: rest.reduce((n, s) => n + s.unused, 0),
        },
        usedActions: lp?.actions ?? [],
        leastPrivilege:
          lp === null
            ? null
            : { wouldBreak: lp.wouldBreak, awsCli: snippets?.awsCli, terraform: snippets?.terraform },
      },
      fix: {
        consoleUrl: p.kind === 'user' ? iamUserUrl(p.arn, p.name) : iamRoleUrl(p.arn, p.name),
        steps: hasPolicy && snippets !== null ? ['stepReview', 'stepApply'] : ['stepRemove'],
        suggestedPolicy: hasPolicy ? { ...lp.policy } : null,
      },
    },
  ];
}

/** `permissions-gap`: of the observable actions an identity is granted, more than 40 % went unused. */
export const permissionsGapRule = defineRule({
  id: 'permissions-gap',
  title: 'Large permissions gap',
  resourceTypes: ['user', 'role'],
  severity: 'medium',
  requires: ['iam', 'cloudtrail'],
  version: 1,
  maturity: 'experimental',
  description:
    'Compares the actions a user or role is granted (effective permissions, on some resource) with those its ' +
    'calls needed in the CloudTrail window, over observable actions only (iam:PassRole and data events on a ' +
    'trail without them are not counted as unused). Fires when the unused share exceeds ' +
    '`thresholds.permissionsGapPercent` (default 40). Identities in accounts the trail does not cover are not ' +
    'judged; service-linked roles are excluded. The suggested policy allows exactly what was used.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
  ],
  remediation: 'Replace broad policies with the least-privilege policy built from observed usage.',
  messages: {
    gap: 'IAM {kind} {name} used {used} of the {granted} observable actions it is granted in the last {days} days ({percent}% unused).',
    stepReview:
      'Review the suggested policy for {name}: it allows the actions used in the window, on the resources seen.',
    stepApply:
      'Save it as iamrisk-least-privilege.json, attach it with `{cli}`, then detach the broader policies.',
    stepRemove:
      'IAM {kind} {name} used none of its permissions in the window: remove its policies or delete it.',
  },
  evaluate(ctx) {
    if (ctx.usage === undefined) return [];
    return [
      ...ctx.inventory.users.flatMap((u) => finding(ctx, u)),
      ...ctx.inventory.roles.filter((r) => !r.isServiceLinked).flatMap((r) => finding(ctx, r)),
    ];
  },
});
