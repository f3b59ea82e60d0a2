import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { scan } from '../../scan/scan.js';
import { collect } from './collect.js';
import type { CollectManifest } from './manifest.js';
import { isReadOperation } from './read-only.js';
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
afterEach(() => {
  vi.restoreAllMocks();
});

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'eu-west-1'];
const outDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'iamrisk-collect-')), 'snap');
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

describe('iamrisk collect against moto_server', () => {
  it('collects an account and its organization, and the scan finds the planted risks', async () => {
    await moto.reset();
    const s = await buildAccount(moto);
    const org = await buildOrganization(moto);
    const out = outDir();
    const { manifest } = await collect({ out, access: moto.access, regions: REGIONS, org: true });

    expect(manifest.errors).toEqual([]);
    expect(manifest.accounts.sort()).toEqual([ACCOUNT, org.memberAccount].sort());
    expect(manifest.organizationId).toBe(org.organizationId);
    expect(manifest.operations.length).toBeGreaterThan(5);
    expect(manifest.operations.filter((op) => !isReadOperation(op.split(':')[1]!))).toEqual([]);
    expect(manifest.operations).toContain('sts:AssumeRole'); // the member account went through the role
    for (const f of [
      'organization.json',
      'collect-manifest.json',
      `${ACCOUNT}/iam/authorization-details.json`,
      `${ACCOUNT}/iam/credential-report.json`,
      `${ACCOUNT}/ec2/us-east-1/describe-instances.json`,
      `${ACCOUNT}/lambda/eu-west-1/list-functions.json`,
      `${org.memberAccount}/iam/authorization-details.json`,
    ])
      expect(existsSync(path.join(out, f)), f).toBe(true);
    expect(readdirSync(path.dirname(out))).toEqual(['snap']);

    const orgDoc = JSON.parse(readFileSync(path.join(out, 'organization.json'), 'utf8')) as {
      Policies: { PolicySummary: { Name: string }; Targets: { TargetId: string }[]; Content: string }[];
      Roots: { Id: string }[];
    };
    const guardrail = orgDoc.Policies.find((p) => p.PolicySummary.Name === 'deny-leave');
    expect(guardrail?.Targets.map((t) => t.TargetId)).toEqual([orgDoc.Roots[0]!.Id]);
    expect(JSON.parse(guardrail!.Content).Statement[0].Effect).toBe('Deny');

    const result = await scan({ paths: [out], asOf: new Date() });
    expect(result.inputs.flatMap((i) => i.errors)).toEqual([]);
    expect(result.inputs.map((i) => i.kind)).not.toContain('unknown'); // the manifest is skipped
    const found = new Set(result.detections.map((d) => `${d.rule} ${d.resource.arn}`));
    for (const expected of [
      `admin-user ${arn('user', 'alice')}`,
      `admin-user ${arn('user', 'bob')}`,
      `admin-group ${arn('group', 'admins')}`,
      `admin-role ${arn('role', 'ops-admin')}`,
      `public-trust ${arn('role', 'open-door')}`,
      `compute-admin arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${s.instanceId}`,
    ])
      expect(found, expected).toContain(expected);
    // What must not be reported: the read-only user and the function's read-only role are not admins.
    for (const notExpected of [
      `admin-user ${arn('user', 'carol')}`,
      `admin-role ${arn('role', 'fn-role')}`,
      `compute-admin ${s.functionArn}`,
      `public-trust ${arn('role', 'ops-admin')}`,
    ])
      expect(found, notExpected).not.toContain(notExpected);
    const fn = JSON.parse(
      readFileSync(path.join(out, `${ACCOUNT}/lambda/us-east-1/list-functions.json`), 'utf8'),
    );
    expect(fn.Functions.map((f: { FunctionArn: string }) => f.FunctionArn)).toEqual([s.functionArn]);
  });

  it('reports a member account whose role cannot be assumed and collects the rest', async () => {
    await moto.reset();
    await buildAccount(moto);
    const org = await buildOrganization(moto);
    const send = STSClient.prototype.send;
    vi.spyOn(STSClient.prototype, 'send').mockImplementation(function (this: STSClient, ...args: never[]) {
      const command = args[0] as unknown as { constructor: { name: string } };
      if (command.constructor.name === 'AssumeRoleCommand') {
        return Promise.reject(
          Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }),
        );
      }
      return (send as (...a: never[]) => Promise<unknown>).apply(this, args);
    } as never);
    const out = outDir();
    const { manifest } = await collect({
      out,
      access: moto.access,
      regions: ['us-east-1'],
      org: true,
      assumeRole: 'Auditor',
    });
    expect(manifest.errors).toEqual([
      {
        account: org.memberAccount,
        region: null,
        service: 'sts',
        what: 'assume-role Auditor',
        kind: 'denied',
        reason: 'AccessDenied: not authorized to perform sts:AssumeRole',
      },
    ]);
    expect(manifest.accounts).toEqual([ACCOUNT]);
    expect(existsSync(path.join(out, org.memberAccount))).toBe(false);
    expect(existsSync(path.join(out, `${ACCOUNT}/iam/authorization-details.json`))).toBe(true);
  });

  it('reports a denied region, marks it unobservable and collects the other regions', async () => {
    await moto.reset();
    await buildAccount(moto);
    const send = EC2Client.prototype.send;
    vi.spyOn(EC2Client.prototype, 'send').mockImplementation(async function (
      this: EC2Client,
      ...args: never[]
    ) {
      if ((await this.config.region()) === 'eu-west-1') {
        throw Object.assign(new Error('You are not authorized to perform this operation.'), {
          name: 'UnauthorizedOperation',
        });
      }
      return (send as (...a: never[]) => Promise<unknown>).apply(this, args);
    } as never);
    const out = outDir();
    const { manifest } = await collect({ out, access: moto.access, regions: REGIONS });
    // Every EC2 call of the region is denied: the instances and the launch templates.
    expect(manifest.errors).toMatchObject([
      { account: ACCOUNT, region: 'eu-west-1', service: 'ec2', what: 'instances', kind: 'denied' },
      { account: ACCOUNT, region: 'eu-west-1', service: 'ec2', what: 'launch-templates', kind: 'denied' },
    ]);
    expect(existsSync(path.join(out, `${ACCOUNT}/ec2/eu-west-1/describe-instances.json`))).toBe(false);
    expect(existsSync(path.join(out, `${ACCOUNT}/ec2/us-east-1/describe-instances.json`))).toBe(true);
    expect(existsSync(path.join(out, `${ACCOUNT}/lambda/eu-west-1/list-functions.json`))).toBe(true);
  });

  it('visits every enabled region when no region is given', async () => {
    await moto.reset();
    const out = outDir();
    const { manifest } = await collect({ out, access: moto.access });
    expect(manifest.regions.length).toBeGreaterThan(10);
    expect(manifest.regions).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
    const written = (m: CollectManifest) => m.files.filter((f) => f.kind === 'ec2-instances').length;
    expect(written(manifest)).toBe(manifest.regions.length);
  });

  it('refuses to overwrite a non-empty snapshot and leaves it intact', async () => {
    await moto.reset();
    const out = outDir();
    await collect({ out, access: moto.access, regions: ['us-east-1'] });
    const before = readFileSync(path.join(out, 'collect-manifest.json'), 'utf8');
    await expect(collect({ out, access: moto.access, regions: ['us-east-1'] })).rejects.toThrow(/not empty/);
    expect(readFileSync(path.join(out, 'collect-manifest.json'), 'utf8')).toBe(before);
    await expect(collect({ out: outDir(), access: moto.access, regions: ['../etc'] })).rejects.toThrow(
      /not a region/,
    );
    await expect(
      collect({ out: outDir(), access: moto.access, org: true, assumeRole: 'a:b' }),
    ).rejects.toThrow(/not an IAM role name/);
  });
});
