import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AccountBuilder } from './builder.js';
import { writeCloudTrail } from './cloudtrail.js';
import { plantControls } from './controls.js';
import { credentialReportCsv, credentialReportJson } from './credential-report.js';
import type { Builders } from './manifest-entry.js';
import {
  MANAGEMENT_ACCOUNT,
  ORG_ID,
  REGIONS,
  accountSpecs,
  organizationJson,
  type AccountSpec,
} from './organization.js';
import { plantAccess } from './planted-access.js';
import { plantAdmins } from './planted-admin.js';
import { plantCredentials } from './planted-credentials.js';
import { plantLaunchTemplates, plantStacks } from './planted-service-resources.js';
import { populateAccount } from './population.js';
import { Prng } from './prng.js';
import type { DemoAccount, DemoManifest, DemoOptions } from './types.js';
import { MANIFEST_FILE } from './input-paths.js';
import { describeInstances, listFunctions } from './write-compute.js';
import {
  describeLaunchTemplateVersions,
  describeStacks,
  hasLaunchTemplates,
  hasStacks,
} from './write-service-resources.js';
import { authorizationDetails, splitPages } from './write-iam.js';

/** The demo's fixed "now" unless the caller gives one. */
export const DEFAULT_AS_OF = new Date('2026-11-20T00:00:00Z');

const DAY_MS = 86_400_000;
/** Account whose IAM export is written in the raw API form (URL-encoded documents). */
const RAW_API_ACCOUNT = 'sandbox';
/** Account whose IAM export is split into two pages. */
const PAGED_ACCOUNT = 'staging';
/** Account whose credential report is written as plain CSV. */
const CSV_REPORT_ACCOUNT = 'dev';

function newAccount(spec: AccountSpec, asOf: Date, index: number): DemoAccount {
  return {
    id: spec.id,
    name: spec.name,
    email: `aws-${spec.name}@example.com`,
    parentId: spec.parentId,
    created: new Date(asOf.getTime() - (1900 - index * 60) * DAY_MS),
    regions: [...REGIONS],
    root: { mfa: true, key: null, passwordLastUsed: new Date(asOf.getTime() - (40 + index * 7) * DAY_MS) },
    users: [],
    roles: [],
    groups: [],
    policies: [],
    instances: [],
    functions: [],
  };
}

function principalCount(accounts: DemoAccount[]): number {
  return accounts.reduce((n, a) => n + a.users.length + a.roles.length + a.groups.length, 0);
}

/**
 * Writes a deterministic demo AWS organization into `opts.outDir` in the standard export formats of
 * PRODUCT.md §2 (organization JSON, per-account IAM authorization details, credential reports, EC2 and Lambda
 * listings, and optionally CloudTrail trail files), with planted risks for every RULES.md rule and near-miss
 * controls, and returns the manifest it also writes as `demo-manifest.json`. The same options give the same bytes.
 *
 * @example
 * const manifest = await generateDemo({ outDir: '/tmp/demo', principals: 1000, cloudtrail: false });
 */
export async function generateDemo(opts: DemoOptions): Promise<DemoManifest> {
  const seed = opts.seed ?? 1;
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  const target = opts.principals ?? 600;
  const withCloudtrail = opts.cloudtrail ?? true;
  const days = opts.cloudtrailDays ?? 30;
  const prng = new Prng(seed);
  const specs = accountSpecs(target);
  const accounts = specs.map((s, i) => newAccount(s, asOf, i));
  const builders = new Map(accounts.map((a) => [a.name, new AccountBuilder(a, prng.fork(a.id), asOf)]));
  const named = Object.fromEntries(builders) as Builders;

  const planted = [
    ...plantAdmins(named),
    ...plantAccess(named, withCloudtrail),
    ...plantCredentials(named),
    ...plantStacks(named),
    ...plantLaunchTemplates(named),
  ];
  const controls = plantControls(named, withCloudtrail);

  const remaining = Math.max(0, target - principalCount(accounts));
  const totalWeight = specs.reduce((n, s) => n + s.weight, 0);
  const budgets = specs.map((s) => Math.floor((remaining * s.weight) / totalWeight));
  // Rounding leftovers go to prod, the largest account.
  const prodIndex = specs.findIndex((s) => s.name === 'prod');
  budgets[prodIndex] = (budgets[prodIndex] ?? 0) + remaining - budgets.reduce((n, b) => n + b, 0);
  const sharedServices = specs.find((s) => s.name === 'shared-services')?.id ?? MANAGEMENT_ACCOUNT;
  specs.forEach((s, i) => {
    const env = s.name.includes('prod') ? 'prod' : s.name.includes('staging') ? 'staging' : 'dev';
    populateAccount(builders.get(s.name) as AccountBuilder, budgets[i] ?? 0, {
      env,
      managementAccount: MANAGEMENT_ACCOUNT,
      sharedServicesAccount: sharedServices,
    });
  });

  let files = 0;
  const write = async (rel: string, content: string | object) => {
    const path = join(opts.outDir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 4) + '\n');
    files++;
  };
  await write(
    'organization.json',
    organizationJson(specs, (id) => accounts.find((a) => a.id === id)?.created ?? asOf),
  );
  const writePrng = prng.fork('writers');
  for (const a of accounts) {
    if (a.name === RAW_API_ACCOUNT) {
      await write(
        `${a.id}/iam/authorization-details.json`,
        JSON.stringify({ ...authorizationDetails(a, 'api'), IsTruncated: false }),
      );
    } else if (a.name === PAGED_ACCOUNT) {
      const [first, second] = splitPages(
        authorizationDetails(a, 'cli'),
        writePrng.chars(48, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
      );
      await write(`${a.id}/iam/authorization-details-page-1.json`, first);
      await write(`${a.id}/iam/authorization-details-page-2.json`, second);
    } else {
      await write(`${a.id}/iam/authorization-details.json`, authorizationDetails(a, 'cli'));
    }
    const generated = new Date(asOf.getTime() - 3_600_000);
    if (a.name === CSV_REPORT_ACCOUNT)
      await write(`${a.id}/iam/credential-report.csv`, credentialReportCsv(a));
    else await write(`${a.id}/iam/credential-report.json`, credentialReportJson(a, generated));
    for (const region of a.regions) {
      await write(`${a.id}/ec2/${region}/describe-instances.json`, describeInstances(a, region, writePrng));
      await write(`${a.id}/lambda/${region}/list-functions.json`, listFunctions(a, region, writePrng));
      if (hasStacks(a, region)) {
        await write(`${a.id}/cloudformation/${region}/describe-stacks.json`, describeStacks(a, region));
      }
      if (hasLaunchTemplates(a, region)) {
        await write(
          `${a.id}/ec2/${region}/describe-launch-template-versions.json`,
          describeLaunchTemplateVersions(a, region),
        );
      }
    }
  }
  const trail = withCloudtrail
    ? await writeCloudTrail(
        join(opts.outDir, 'cloudtrail'),
        ORG_ID,
        accounts,
        asOf,
        days,
        prng.fork('cloudtrail'),
      )
    : { files: 0, events: 0 };

  const manifest: DemoManifest = {
    seed,
    asOf: asOf.toISOString(),
    organizationId: ORG_ID,
    accounts: accounts.map((a) => ({ id: a.id, name: a.name })),
    planted,
    controls,
    counts: {
      principals: principalCount(accounts),
      users: accounts.reduce((n, a) => n + a.users.length, 0),
      roles: accounts.reduce((n, a) => n + a.roles.length, 0),
      groups: accounts.reduce((n, a) => n + a.groups.length, 0),
      customerManagedPolicies: accounts.reduce((n, a) => n + a.policies.length, 0),
      instances: accounts.reduce((n, a) => n + a.instances.length, 0),
      functions: accounts.reduce((n, a) => n + a.functions.length, 0),
      files: files + trail.files + 1,
      cloudtrailFiles: trail.files,
      cloudtrailEvents: trail.events,
    },
  };
  await write(MANIFEST_FILE, manifest);
  return manifest;
}
