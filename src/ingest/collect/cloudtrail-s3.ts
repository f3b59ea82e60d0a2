import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import type { TimeWindow } from './cloudtrail.js';
import { isAccountId, isRegionName } from './snapshot-writer.js';

/** A trail location given as `s3://bucket/prefix`. */
export interface TrailLocation {
  bucket: string;
  prefix: string;
}

/**
 * Parses `s3://bucket[/prefix]`; `null` when it is not one (bucket names per the S3 naming rules).
 * @example parseS3Url('s3://trails/org') // { bucket: 'trails', prefix: 'org' }
 */
export function parseS3Url(url: string): TrailLocation | null {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) return null;
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

/** One trail file to fetch: its S3 key, size and the key relative to the trail prefix (`AWSLogs/…`). */
export interface TrailObject {
  key: string;
  size: number;
  relative: string;
}

async function childPrefixes(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket, Prefix: prefix, Delimiter: '/' },
  )) {
    for (const p of page.CommonPrefixes ?? []) {
      const child = p.Prefix?.slice(prefix.length).replace(/\/$/, '');
      if (child) out.push(child);
    }
  }
  return out;
}

/** The UTC days of a window, as `YYYY/MM/DD` (the trail's key layout). */
export function daysOf(window: TimeWindow): string[] {
  const days: string[] = [];
  const d = new Date(
    Date.UTC(window.from.getUTCFullYear(), window.from.getUTCMonth(), window.from.getUTCDate()),
  );
  for (; d.getTime() <= window.to.getTime(); d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10).replace(/-/g, '/'));
  }
  return days;
}

/**
 * Get: the trail files of the window, walking the delivery layout
 * `<prefix>/AWSLogs/[<org-id>/]<account>/CloudTrail/<region>/YYYY/MM/DD/` (organization trails add the org id).
 * Only account- and region-shaped folders are followed. Digest files live elsewhere and are never listed.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html
 */
export async function listTrailObjects(
  s3: S3Client,
  at: TrailLocation,
  window: TimeWindow,
): Promise<TrailObject[]> {
  const base = `${at.prefix ? `${at.prefix}/` : ''}AWSLogs/`;
  const accountPrefixes: string[] = [];
  for (const child of await childPrefixes(s3, at.bucket, base)) {
    if (isAccountId(child)) accountPrefixes.push(`${base}${child}/`);
    else if (/^o-[a-z0-9]{10,32}$/.test(child)) {
      for (const acct of await childPrefixes(s3, at.bucket, `${base}${child}/`)) {
        if (isAccountId(acct)) accountPrefixes.push(`${base}${child}/${acct}/`);
      }
    }
  }
  const objects: TrailObject[] = [];
  for (const acct of accountPrefixes) {
    const regions = (await childPrefixes(s3, at.bucket, `${acct}CloudTrail/`)).filter(isRegionName);
    for (const region of regions) {
      for (const day of daysOf(window)) {
        const prefix = `${acct}CloudTrail/${region}/${day}/`;
        for await (const page of paginateListObjectsV2(
          { client: s3 },
          { Bucket: at.bucket, Prefix: prefix },
        )) {
          for (const o of page.Contents ?? []) {
            if (!o.Key || !/\.json(\.gz)?$/.test(o.Key)) continue;
            objects.push({
              key: o.Key,
              size: o.Size ?? 0,
              relative: o.Key.slice(base.length - 'AWSLogs/'.length),
            });
          }
        }
      }
    }
  }
  return objects;
}

/** Get: one trail file's bytes, as stored (gzip stays gzip; the reader detects it). */
export async function getTrailObject(s3: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!Body) throw new Error(`s3://${bucket}/${key} has no body`);
  return Body.transformToByteArray();
}
