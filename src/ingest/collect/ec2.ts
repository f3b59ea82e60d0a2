import type { EC2Client, LaunchTemplateVersion, Reservation } from '@aws-sdk/client-ec2';
import {
  DescribeRegionsCommand,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import { toCliJson } from './aws-json.js';
import { isRegionName } from './snapshot-writer.js';

/**
 * Get: the regions enabled for the account (`DescribeRegions` without `AllRegions` lists the enabled and
 * opted-in ones). Names that are not region-shaped are dropped: they end up in paths.
 */
export async function getEnabledRegions(ec2: EC2Client): Promise<string[]> {
  const { Regions } = await ec2.send(new DescribeRegionsCommand({}));
  const names = (Regions ?? []).map((r) => r.RegionName ?? '').filter(isRegionName);
  return [...new Set(names)].sort();
}

/** Get: every page of `DescribeInstances` in the client's region. */
export async function getInstances(ec2: EC2Client, pageSize?: number): Promise<Reservation[]> {
  const reservations: Reservation[] = [];
  for await (const page of paginateDescribeInstances({ client: ec2, pageSize }, {})) {
    reservations.push(...(page.Reservations ?? []));
  }
  return reservations;
}

/** Transform: the `aws ec2 describe-instances` document. */
export function transformInstances(reservations: readonly Reservation[]): { Reservations: unknown[] } {
  return { Reservations: reservations.map(toCliJson) };
}

/** The number of instances, for the manifest. */
export function countInstances(reservations: readonly Reservation[]): number {
  return reservations.reduce((n, r) => n + (r.Instances?.length ?? 0), 0);
}

/**
 * Get: the default version of every launch template in the client's region (`DescribeLaunchTemplateVersions`
 * with `$Default` and no template named, every page).
 */
export async function getDefaultLaunchTemplateVersions(
  ec2: EC2Client,
  pageSize?: number,
): Promise<LaunchTemplateVersion[]> {
  const versions: LaunchTemplateVersion[] = [];
  const pages = paginateDescribeLaunchTemplateVersions({ client: ec2, pageSize }, { Versions: ['$Default'] });
  for await (const page of pages) versions.push(...(page.LaunchTemplateVersions ?? []));
  return versions;
}

/** Transform: the `aws ec2 describe-launch-template-versions` document. */
export function transformLaunchTemplateVersions(versions: readonly LaunchTemplateVersion[]): {
  LaunchTemplateVersions: unknown[];
} {
  return { LaunchTemplateVersions: versions.map(toCliJson) };
}
