import type { Inventory, LambdaFunction } from '../model/inventory.js';
import { ErrorSink, isObject, optDate, optString, parseArn } from './fields.js';
import type { TransformedBase } from './reader.js';

/** The functions of one `list-functions` file. */
export interface LambdaTransformed extends TransformedBase {
  functions: LambdaFunction[];
  accounts: string[];
}

/** Turns one `aws lambda list-functions` document into functions. Pure. */
export function transform(raw: unknown, file: string): LambdaTransformed {
  const sink = new ErrorSink(file);
  const out: LambdaTransformed = { functions: [], accounts: [], records: 0, errors: sink.errors };
  if (!isObject(raw) || !Array.isArray(raw.Functions)) {
    sink.fileError('Functions is not a list');
    return out;
  }
  raw.Functions.forEach((f, index) => {
    const fail = (reason: string, name: string | null): void =>
      sink.recordError('Functions', index, name, reason);
    if (!isObject(f)) return fail('function is not an object', null);
    const name = optString(f.FunctionName);
    const arn = optString(f.FunctionArn);
    if (!name) return fail('function has no FunctionName', arn);
    const parts = arn ? parseArn(arn) : null;
    if (!arn || !parts || parts.service !== 'lambda' || !/^\d{12}$/.test(parts.account) || !parts.region) {
      return fail(`function ${name} has no valid FunctionArn`, name);
    }
    const roleArn = optString(f.Role);
    if (!roleArn) return fail(`function ${name} has no Role`, name);
    out.functions.push({
      // list-functions returns the unqualified ARN; strip a version or alias qualifier if a tool added one.
      arn: arn.replace(/^(arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+):.*$/s, '$1'),
      name,
      accountId: parts.account,
      region: parts.region,
      roleArn,
      runtime: optString(f.Runtime),
      lastModified: optDate(f.LastModified),
    });
  });
  out.records = out.functions.length;
  out.accounts = [...new Set(out.functions.map((f) => f.accountId))].sort();
  return out;
}

/** Adds the functions (once per ARN) and marks their accounts as covered. */
export function load(inventory: Inventory, t: LambdaTransformed): void {
  const seen = new Set(inventory.functions.map((f) => f.arn));
  for (const f of t.functions) {
    if (seen.has(f.arn)) continue;
    seen.add(f.arn);
    inventory.functions.push(f);
  }
  for (const a of t.accounts) inventory.coverage.lambdaAccounts.add(a);
}
