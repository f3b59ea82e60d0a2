import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Explorer } from './harness.js';
import { scanIntoStore, screenshot, startExplorer, watchPage, workDir } from './harness.js';

// Every string from AWS is attacker-controlled. Payloads go into IAM names, tags, descriptions, policy text and
// CloudTrail fields; in the browser none may execute, and each must show as the literal text it is.
const ACCOUNT = '100000000001';
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '"><script>window.__pwned=1</script>';
const SVG = "<svg onload=window.__pwned=1 onload='alert(1)'>";
const JS_URL = 'javascript:window.__pwned=1';
const userArn = `arn:aws:iam::${ACCOUNT}:user/${IMG}`;
const roleArn = `arn:aws:iam::${ACCOUNT}:role/${SCRIPT}`;
// CloudTrail's reader refuses a malformed principal ARN or event name, so the calls come from a plainly named
// user and carry their payloads in the free-form fields (source address, user agent, parameters, errors).
const ctUserArn = `arn:aws:iam::${ACCOUNT}:user/ct-user`;
const ADMIN = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'x', Effect: 'Allow', Action: '*', Resource: '*' }],
};

function writeOrg(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const gaad = {
    UserDetailList: [
      {
        Path: '/',
        UserName: IMG,
        UserId: 'AIDAXSSXSSXSSXSSXSS1',
        Arn: userArn,
        CreateDate: '2026-01-01T00:00:00Z',
        GroupList: [],
        AttachedManagedPolicies: [],
        Tags: [{ Key: SVG, Value: SCRIPT }],
        UserPolicyList: [
          {
            PolicyName: SVG,
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'xss',
                  Effect: 'Allow',
                  Action: '*',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:PrincipalTag/x': `${SCRIPT}${IMG}` } },
                },
                { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: `arn:aws:ec2:*:*:${IMG}` },
              ],
            },
          },
        ],
      },
      {
        Path: '/',
        UserName: 'ct-user',
        UserId: 'AIDAXSSXSSXSSXSSXSS2',
        Arn: ctUserArn,
        CreateDate: '2026-01-01T00:00:00Z',
        GroupList: [],
        AttachedManagedPolicies: [],
        Tags: [],
        UserPolicyList: [
          {
            PolicyName: 'ec2',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
            },
          },
        ],
      },
    ],
    GroupDetailList: [],
    RoleDetailList: [
      {
        Path: '/',
        RoleName: SCRIPT,
        RoleId: 'AROAXSSXSSXSSXSSXSS1',
        Arn: roleArn,
        CreateDate: '2026-01-01T00:00:00Z',
        Description: `${IMG} ${JS_URL}`,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
        },
        InstanceProfileList: [],
        RolePolicyList: [{ PolicyName: IMG, PolicyDocument: ADMIN }],
        AttachedManagedPolicies: [],
        Tags: [{ Key: 'owner', Value: IMG }],
        RoleLastUsed: {},
      },
    ],
    Policies: [],
  };
  writeFileSync(path.join(dir, 'gaad.json'), JSON.stringify(gaad));
  const event = (i: number, name: string) => ({
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAXSSXSSXSSXSSXSS2',
      arn: ctUserArn,
      accountId: ACCOUNT,
      userName: 'ct-user',
    },
    eventTime: `2026-11-1${i}T10:00:00Z`,
    eventSource: 'ec2.amazonaws.com',
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: SCRIPT,
    userAgent: `${IMG} ${SVG}`,
    requestParameters: { filterSet: { items: [{ name: SCRIPT, valueSet: { items: [{ value: IMG }] } }] } },
    responseElements: null,
    errorMessage: i === 2 ? SVG : undefined,
    requestID: `req-${i}`,
    eventID: `00000000-0000-4000-8000-00000000000${i}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  });
  writeFileSync(
    path.join(dir, 'cloudtrail.json'),
    JSON.stringify({
      Records: [event(1, 'DescribeInstances'), event(3, 'DescribeInstances'), event(4, SCRIPT)],
    }),
  );
}

let ex: Explorer;
let page: Page;
let watch: ReturnType<typeof watchPage>;

beforeAll(async () => {
  const work = workDir('iamrisk-xss-');
  writeOrg(path.join(work, 'org'));
  await scanIntoStore(path.join(work, 'org'), path.join(work, 'iamrisk.db'), '2026-11-20T00:00:00Z');
  ex = await startExplorer(work, path.join(work, 'iamrisk.db'));
  page = await ex.browser.newPage({ viewport: { width: 1440, height: 900 } });
  watch = watchPage(page);
}, 600_000);

afterAll(async () => {
  await ex?.close();
});

/** Nothing the payloads try may have happened on the page. */
async function assertInert(): Promise<void> {
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(watch.dialogs).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect(watch.csp).toEqual([]);
  // No element was made from the data: no <img>, <svg> or extra <script>.
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('body svg').count()).toBe(0);
  expect(await page.locator('script').count()).toBe(1);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const h of hrefs) expect(h).toMatch(/^https:\/\/([a-z0-9-]+\.)?console\.aws\.amazon\.com\//);
}

const open = async (query: string) => {
  await page.goto(new URL(`/${query}`, ex.url).href);
  await page.waitForSelector('[data-testid="total"]:not(:has-text("…"))');
};

describe('attacker-controlled AWS data in the browser', () => {
  it('the scan read the payloads: detections on both resources and CloudTrail usage', async () => {
    const r = (await (await fetch(new URL('/api/detections?limit=100', ex.url))).json()) as {
      items: { resource: { arn: string } }[];
    };
    const arns = new Set(r.items.map((i) => i.resource.arn));
    expect(arns).toContain(userArn);
    expect(arns).toContain(roleArn);
    const ins = (await (
      await fetch(
        new URL(`/api/resource/insights/actions?arn=${encodeURIComponent(ctUserArn)}&service=ec2`, ex.url),
      )
    ).json()) as { actions: { action: string; status: string }[] };
    expect(ins.actions.find((a) => a.action === 'ec2:DescribeInstances')?.status).toBe('used');
  });

  it('shows names literally in every list mode', async () => {
    for (const group of ['rule', 'resource', 'none']) {
      await open(`?group=${group}`);
      if (group !== 'none') {
        await page.waitForSelector('[data-testid="group-row"]');
        for (const row of await page.locator('[data-testid="group-row"]').all()) await row.click();
      }
      await page.waitForSelector('[data-testid="resource-link"]');
      const names = await page.$$eval('[data-testid="resource-link"]', (els) =>
        els.map((e) => e.textContent),
      );
      expect(names).toContain(IMG);
      expect(names).toContain(SCRIPT);
      await assertInert();
    }
    await screenshot(page, 'xss-list');
  });

  it('searches for a payload and shows it literally', async () => {
    await open('?group=none');
    await page.fill('[data-testid="search"]', '<script>');
    await page.waitForURL((u) => u.searchParams.get('q') === '<script>');
    await page.waitForSelector('[data-testid="detection-row"]');
    const names = await page.$$eval('[data-testid="resource-link"]', (els) => els.map((e) => e.textContent));
    expect(new Set(names)).toEqual(new Set([SCRIPT]));
    await assertInert();
  });

  it('shows the resource panel tabs literally: name, tags, policy text, graph, timeline, insights', async () => {
    await open(`?resource=${encodeURIComponent(userArn)}`);
    expect(await page.textContent('[data-testid="resource-name"]')).toBe(IMG);
    await page.waitForSelector('[data-testid="tab-relationships-body"] canvas');
    const nodes = await page.$$eval('[data-testid="graph-nodes"] li', (els) =>
      els.map((e) => e.textContent ?? ''),
    );
    expect(nodes.some((t) => t.startsWith(`user ${IMG}`))).toBe(true);
    await assertInert();
    await page.click('[data-testid="tab-resource"]');
    const config = (await page.textContent('[data-testid="resource-config"]')) as string;
    for (const s of [
      JSON.stringify(SVG),
      JSON.stringify(`${SCRIPT}${IMG}`),
      JSON.stringify(`arn:aws:ec2:*:*:${IMG}`),
    ])
      expect(config).toContain(s);
    await assertInert();
    await page.click('[data-testid="tab-timeline"]');
    await page.waitForSelector('[data-testid="tab-timeline-body"] li');
    await page.click('[data-testid="tab-insights"]');
    await page.click('[data-testid="insight-service"][data-service="ec2"] button');
    await page.waitForSelector('[data-testid="insight-action"]');
    await assertInert();
    await screenshot(page, 'xss-resource');

    await open(`?resource=${encodeURIComponent(roleArn)}&tab=resource`);
    const roleConfig = (await page.textContent('[data-testid="resource-config"]')) as string;
    expect(roleConfig).toContain(JSON.stringify(`${IMG} ${JS_URL}`));
    await assertInert();
  });

  it('shows a detection on a payload-named resource literally, with a console-only Fix in AWS link', async () => {
    const r = (await (
      await fetch(new URL(`/api/detections?resourceArn=${encodeURIComponent(roleArn)}&limit=1`, ex.url))
    ).json()) as { items: { id: string; message: string }[] };
    const d = r.items[0] as { id: string; message: string };
    expect(d.message).toContain(SCRIPT);
    await open(`?detection=${encodeURIComponent(d.id)}`);
    await page.waitForSelector('[data-testid="detection-message"]');
    expect(await page.textContent('[data-testid="detection-message"]')).toBe(d.message);
    const href = await page.getAttribute('[data-testid="fix-in-aws"]', 'href');
    expect(new URL(href as string).hostname).toMatch(/(^|\.)console\.aws\.amazon\.com$/);
    await assertInert();
    await screenshot(page, 'xss-detection');
  });
});
