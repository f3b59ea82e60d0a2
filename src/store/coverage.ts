import type { Inventory } from '../model/inventory.js';
import type { ScanResult } from '../model/scan.js';
import type { RuleInput, RuleRequirement } from '../rules/define-rule.js';
import { RULES } from '../rules/index.js';

/** What one scan could see: the accounts per input kind and the rules that did not run. Stored per scan. */
export interface ScanCoverage {
  iamAccounts: string[];
  credentialReportAccounts: string[];
  ec2Accounts: string[];
  lambdaAccounts: string[];
  organization: boolean;
  cloudtrail: boolean;
  skippedRules: string[];
  /** Some input file or record could not be read. */
  partial: boolean;
}

/** Extracts a scan's coverage from its result and inventory. */
export function scanCoverage(result: ScanResult, inventory: Inventory): ScanCoverage {
  const c = inventory.coverage;
  return {
    iamAccounts: [...c.iamAccounts].sort(),
    credentialReportAccounts: [...c.credentialReportAccounts].sort(),
    ec2Accounts: [...c.ec2Accounts].sort(),
    lambdaAccounts: [...c.lambdaAccounts].sort(),
    organization: c.organization,
    cloudtrail: c.cloudtrail,
    skippedRules: result.summary.skippedRules.map((s) => s.rule).sort(),
    partial: result.summary.partial,
  };
}

const REQUIRES = new Map<string, readonly RuleRequirement[]>(RULES.map((r) => [r.id, r.requires]));

function covers(coverage: ScanCoverage, input: RuleInput, accountId: string): boolean {
  switch (input) {
    case 'iam':
      return coverage.iamAccounts.includes(accountId);
    case 'credential-report':
      return coverage.credentialReportAccounts.includes(accountId);
    case 'ec2':
      return coverage.ec2Accounts.includes(accountId);
    case 'lambda':
      return coverage.lambdaAccounts.includes(accountId);
    case 'organization':
      return coverage.organization;
    case 'cloudtrail':
      return coverage.cloudtrail;
  }
}

/**
 * Whether a scan that no longer reports a detection of `rule` on a resource in `accountId` proves it fixed.
 * Conservative: never after a partial scan (a failed file cannot be tied to an account, so any account may
 * be missing data), never when the rule was skipped, and only when every input the rule requires covered
 * that account. An EC2 or Lambda resource also needs its own service's data for that account (a rule that
 * takes "EC2 or Lambda" may have run on Lambda data alone). A rule unknown to this version is assumed to
 * need the account's IAM data.
 */
export function canResolve(
  coverage: ScanCoverage,
  rule: string,
  accountId: string,
  resourceType: string,
): boolean {
  if (coverage.partial || coverage.skippedRules.includes(rule)) return false;
  if (resourceType === 'ec2-instance' && !covers(coverage, 'ec2', accountId)) return false;
  if (resourceType === 'lambda-function' && !covers(coverage, 'lambda', accountId)) return false;
  const requires = REQUIRES.get(rule) ?? ['iam'];
  return requires.every((req) => {
    const anyOf: readonly RuleInput[] = typeof req === 'string' ? [req] : req;
    return anyOf.some((i) => covers(coverage, i, accountId));
  });
}
