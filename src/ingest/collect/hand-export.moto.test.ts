// Acceptance: `iamrisk scan` on a collected folder equals `iamrisk scan` on the same data exported by hand.
// The hand export calls the SDK directly (no collector code) and writes what the AWS CLI would: raw pages
// with URL-encoded documents, the credential report as decoded CSV, the organization assembled from
// list-accounts + list-parents.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListPoliciesCommand,
} from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand as ListOrgPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../model/scan.js';
import { scan } from '../../scan/scan.js';
import { collect } from './collect.js';
import type { Moto } from './test-utils/moto.js';
import { startMoto } from './test-utils/moto.js';
import { buildAccount, buildOrganization } from './test-utils/scenario.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

type Config = Moto['clientConfig'] & { credentials: { sessionToken?: string } };
const write = (file: string, value: unknown) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
};

async function exportAccount(config: Config, dir: string): Promise<void> {
  const iam = new IAMClient(config);
  // moto leaves PolicyName out of GAAD's Policies; a hand export would take it from list-policies.
  const names = new Map<string, string>();
  for (const p of (await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? [])
    names.set(p.Arn!, p.PolicyName!);
  let marker: string | undefined;
  let n = 0;
  do {
    const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: marker, MaxItems: 3 }));
    const policies = (page.Policies ?? []).map((p) => ({ PolicyName: names.get(p.Arn!), ...p }));
    write(path.join(dir, `gaad-page-${n++}.json`), { ...page, Policies: policies });
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  await iam.send(new GenerateCredentialReportCommand({}));
  const report = await iam.send(new GetCredentialReportCommand({}));
  write(path.join(dir, 'credential-report.csv'), Buffer.from(report.Content!).toString('utf8'));
  write(path.join(dir, 'instances.json'), await new EC2Client(config).send(new DescribeInstancesCommand({})));
  write(path.join(dir, 'functions.json'), await new LambdaClient(config).send(new ListFunctionsCommand({})));
}

async function exportOrganization(config: Config, file: string): Promise<string[]> {
  const orgs = new OrganizationsClient(config);
  const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
  const { Roots } = await orgs.send(new ListRootsCommand({}));
  const { OrganizationalUnits } = await orgs.send(
    new ListOrganizationalUnitsForParentCommand({ ParentId: Roots![0]!.Id! }),
  );
  const { Accounts } = await orgs.send(new ListAccountsCommand({}));
  const accounts = [];
  for (const a of Accounts ?? []) {
    const { Parents } = await orgs.send(new ListParentsCommand({ ChildId: a.Id! }));
    accounts.push({ ...a, ParentId: Parents![0]!.Id });
  }
  const policies = [];
  for (const p of (await orgs.send(new ListOrgPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })))
    .Policies ?? []) {
    const { Policy } = await orgs.send(new DescribePolicyCommand({ PolicyId: p.Id! }));
    const { Targets } = await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: p.Id! }));
    policies.push({ ...Policy, Targets });
  }
  write(file, {
    Organization,
    Roots,
    OrganizationalUnits: (OrganizationalUnits ?? []).map((ou) => ({ ...ou, ParentId: Roots![0]!.Id })),
    Accounts: accounts,
    Policies: policies,
  });
  return accounts.map((a) => a.Id!);
}

const essence = (r: ScanResult) => ({
  detections: r.detections.map((d) => `${d.id} ${d.rule} ${d.severity} ${d.resource.arn}`).sort(),
  identities: r.identities.map((i) => `${i.arn} admin=${i.isAdmin}`).sort(),
  errors: r.inputs.flatMap((i) => i.errors),
});

describe('scan on a collected folder equals scan on a hand export', () => {
  it('gives the same detections and identities, for an organization with a member account', async () => {
    await buildAccount(moto);
    const org = await buildOrganization(moto);
    const root = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-hand-'));
    const hand = path.join(root, 'hand');
    const members = await exportOrganization(moto.clientConfig, path.join(hand, 'org.json'));
    expect(members).toContain(org.memberAccount);
    const sts = new STSClient(moto.clientConfig);
    for (const account of members) {
      let config: Config = moto.clientConfig;
      if (account !== '123456789012') {
        const { Credentials: c } = await sts.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`,
            RoleSessionName: 'hand',
          }),
        );
        config = {
          ...moto.clientConfig,
          credentials: {
            accessKeyId: c!.AccessKeyId!,
            secretAccessKey: c!.SecretAccessKey!,
            sessionToken: c!.SessionToken,
          },
        };
      }
      await exportAccount(config, path.join(hand, account));
    }
    const collected = path.join(root, 'collected');
    const { manifest } = await collect({
      out: collected,
      access: moto.access,
      regions: ['us-east-1'],
      org: true,
      pageSize: 3,
    });
    expect(manifest.errors).toEqual([]);

    const asOf = new Date();
    const a = essence(await scan({ paths: [collected], asOf }));
    const b = essence(await scan({ paths: [hand], asOf }));
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.detections.length).toBeGreaterThan(5);
    expect(a).toEqual(b);
  });
});
