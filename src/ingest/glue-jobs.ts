/**
 * `aws glue get-jobs` / `batch-get-jobs` (`{Jobs: [{Name, Role, Command, DefaultArguments?, …}]}`) or `get-job`
 * (`{Job: {...}}`): jobs and their role. The output has no job ARN, and `Role` may be a name or an ARN.
 *
 * - Account: the job's role ARN; else the Glue assets bucket its script or arguments use
 *   (`aws-glue-assets-<account>-<region>`, created by Glue Studio); else the one account the rest of the file
 *   shows (one `get-jobs` call covers one account and region). A job whose account cannot be found is an error.
 * - Region: from that bucket name (the job's own, else the file's); otherwise null.
 * - A role name is resolved against the account's roles on load, so its path is right.
 * https://docs.aws.amazon.com/glue/latest/webapi/API_Job.html
 */
import type { Inventory } from '../model/inventory.js';
import { partitionOfRegion } from './ec2.js';
import { isObject, optString, parseArn } from './fields.js';
import type { EntryResult, ServiceTransformed } from './service-resource.js';
import {
  entriesOf,
  isRoleArn,
  loadServiceResources,
  roleReference,
  transformEntries,
} from './service-resource.js';

const SHAPE = { list: 'Jobs', wrapper: 'Job' };
const BUCKET = /\baws-glue-(?:assets|scripts|temporary)-(\d{12})-([a-z]{2}(?:-gov)?-[a-z]+-\d)\b/;

interface Place {
  account: string | null;
  region: string | null;
}

/** Account and region from the job's role ARN and the bucket names in its script and arguments. */
function placeOf(job: Record<string, unknown>): Place {
  const role = optString(job.Role);
  const fromRole = role !== null && isRoleArn(role) ? (parseArn(role)?.account ?? null) : null;
  const strings: unknown[] = [
    isObject(job.Command) ? job.Command.ScriptLocation : null,
    ...(isObject(job.DefaultArguments) ? Object.values(job.DefaultArguments) : []),
  ];
  for (const s of strings) {
    const m = typeof s === 'string' ? BUCKET.exec(s.slice(0, 2048)) : null;
    if (m) return { account: fromRole ?? m[1]!, region: m[2]! };
  }
  return { account: fromRole, region: null };
}

/** The single account and region the whole file shows, each null when none or several. */
function placeOfFile(raw: unknown): Place {
  const entries = entriesOf(raw, SHAPE);
  if (typeof entries === 'string') return { account: null, region: null };
  const places = entries.map((e) => (isObject(e.value) ? placeOf(e.value) : { account: null, region: null }));
  const only = (values: (string | null)[]): string | null => {
    const set = new Set(values.filter((x): x is string => x !== null));
    return set.size === 1 ? [...set][0]! : null;
  };
  return { account: only(places.map((p) => p.account)), region: only(places.map((p) => p.region)) };
}

function toJob(v: unknown, file: Place): EntryResult {
  if (!isObject(v)) return { error: 'job is not an object', name: null };
  const name = optString(v.Name);
  if (!name) return { error: 'job has no Name', name: null };
  const given = optString(v.Role);
  if (given === null) return { error: `job ${name} has no Role`, name };
  const own = placeOf(v);
  const account = own.account ?? file.account;
  const region = own.region ?? file.region;
  if (account === null) {
    return { error: `job ${name}: Role is a name and nothing in the file shows the account`, name };
  }
  const partition = given.startsWith('arn:')
    ? (parseArn(given)?.partition ?? 'aws')
    : partitionOfRegion(region ?? '');
  const role = roleReference(given, account, partition);
  if (role === null) return { error: `job ${name} has an invalid Role`, name };
  return {
    resource: {
      kind: 'glue-job',
      arn: `arn:${partition}:glue:${region ?? ''}:${account}:job/${name}`,
      name,
      accountId: account,
      region,
      roleArn: role.arn,
    },
    ...(role.name === undefined ? {} : { roleRef: { roleName: role.name } }),
  };
}

/** Turns one `get-jobs` document into jobs. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  const place = placeOfFile(raw);
  return transformEntries(raw, file, 'glue-job', SHAPE, (v) => toJob(v, place));
}

/** Adds the jobs (resolving role names against the account's roles) and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
