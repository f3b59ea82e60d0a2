import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../scan/scan.js';
import { parseS3Url } from './cloudtrail-s3.js';
import { collect } from './collect.js';
import type { Moto } from './test-utils/moto.js';
import { startMoto } from './test-utils/moto.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

const trailFile = (id: string) =>
  gzipSync(
    JSON.stringify({
      Records: [
        {
          eventVersion: '1.08',
          eventID: id,
          eventTime: '2026-11-19T10:00:00Z',
          eventSource: 's3.amazonaws.com',
          eventName: 'GetObject',
          awsRegion: 'us-east-1',
          userIdentity: {
            type: 'IAMUser',
            arn: 'arn:aws:iam::123456789012:user/alice',
            accountId: '123456789012',
          },
        },
      ],
    }),
  );

describe('CloudTrail from the trail bucket (moto S3)', () => {
  it('downloads the window only, org trails included, skips unsafe keys, and reuses files incrementally', async () => {
    const s3 = new S3Client({ ...moto.clientConfig, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'trails' }));
    const put = (Key: string) =>
      s3.send(new PutObjectCommand({ Bucket: 'trails', Key, Body: trailFile(Key) }));
    const inside =
      'org/AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/19/123456789012_CloudTrail_us-east-1_20261119T1000Z_a.json.gz';
    const orgTrail =
      'org/AWSLogs/o-abcdefghij/210987654321/CloudTrail/eu-west-1/2026/11/18/210987654321_CloudTrail_eu-west-1_20261118T1000Z_b.json.gz';
    const outside =
      'org/AWSLogs/123456789012/CloudTrail/us-east-1/2026/10/01/123456789012_CloudTrail_us-east-1_20261001T1000Z_c.json.gz';
    const badRegion = 'org/AWSLogs/123456789012/CloudTrail/..%2F..%2Fetc/2026/11/19/x.json.gz';
    const unsafeName = 'org/AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/19/.hidden.json.gz';
    for (const k of [inside, orgTrail, outside, badRegion, unsafeName]) await put(k);

    const now = new Date('2026-11-20T00:00:00Z');
    const location = parseS3Url('s3://trails/org/')!;
    const root = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-trail-'));
    const first = await collect({
      out: path.join(root, 'a'),
      access: moto.access,
      regions: ['us-east-1'],
      now,
      cloudtrail: { mode: 's3', location },
    });
    expect(first.manifest.cloudtrail).toMatchObject({ mode: 's3', downloaded: 2, reused: 0 });
    const trails = first.manifest.files.filter((f) => f.kind === 'cloudtrail').map((f) => f.path);
    expect(trails.sort()).toEqual(
      [`cloudtrail/${inside.slice(4)}`, `cloudtrail/${orgTrail.slice(4)}`].sort(),
    );
    expect(first.manifest.errors).toMatchObject([{ service: 's3', kind: 'invalid' }]); // the hidden file name
    expect(existsSync(path.join(root, 'a', 'cloudtrail', outside.slice(4)))).toBe(false);
    expect(readdirSync(root)).toEqual(['a']);

    const result = await scan({ paths: [path.join(root, 'a')], asOf: now });
    expect(result.inputs.filter((i) => i.kind === 'cloudtrail')).toHaveLength(2);
    expect(result.inputs.flatMap((i) => i.errors)).toEqual([]);

    const second = await collect({
      out: path.join(root, 'b'),
      access: moto.access,
      regions: ['us-east-1'],
      now,
      cloudtrail: { mode: 's3', location, previous: path.join(root, 'a') },
    });
    expect(second.manifest.cloudtrail).toMatchObject({ downloaded: 0, reused: 2 });
    expect(second.manifest.operations).not.toContain('s3:GetObject');
  });

  it('parses only s3:// URLs with a valid bucket name', () => {
    expect(parseS3Url('s3://my-trails')).toEqual({ bucket: 'my-trails', prefix: '' });
    expect(parseS3Url('s3://my-trails/a/b/')).toEqual({ bucket: 'my-trails', prefix: 'a/b' });
    for (const bad of ['http://x/y', 's3://', 's3://UPPER/x', 's3://a'])
      expect(parseS3Url(bad), bad).toBeNull();
  });
});
