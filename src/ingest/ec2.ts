import type { Ec2Instance, Inventory } from '../model/inventory.js';
import { ErrorSink, isObject, optDate, optString, tagMap } from './fields.js';
import type { TransformedBase } from './reader.js';

/** The instances of one `describe-instances` file. */
export interface Ec2Transformed extends TransformedBase {
  instances: Ec2Instance[];
  accounts: string[];
}

/**
 * The region of an availability zone name: `us-east-1a` → `us-east-1`, local zones `us-west-2-lax-1a` and
 * wavelength zones `us-east-1-wl1-bos-wlz-1` → their parent region. `null` when the name is not a zone.
 */
export function regionOfZone(zone: string): string | null {
  const m = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)(?:[a-z]|-.+)$/.exec(zone);
  return m ? m[1]! : null;
}

/** The ARN partition of a region (`cn-north-1` → `aws-cn`). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** Turns one `aws ec2 describe-instances` document into instances. Pure. */
export function transform(raw: unknown, file: string): Ec2Transformed {
  const sink = new ErrorSink(file);
  const out: Ec2Transformed = { instances: [], accounts: [], records: 0, errors: sink.errors };
  if (!isObject(raw) || !Array.isArray(raw.Reservations)) {
    sink.fileError('Reservations is not a list');
    return out;
  }
  const accounts = new Set<string>();
  raw.Reservations.forEach((res, ri) => {
    const list = `Reservations[${ri}].Instances`;
    if (!isObject(res)) return sink.recordError('Reservations', ri, null, 'reservation is not an object');
    const owner = optString(res.OwnerId);
    if (!owner || !/^\d{12}$/.test(owner)) {
      return sink.recordError(
        'Reservations',
        ri,
        optString(res.ReservationId),
        'reservation has no valid OwnerId',
      );
    }
    accounts.add(owner);
    if (!Array.isArray(res.Instances))
      return sink.recordError('Reservations', ri, null, 'Instances is not a list');
    res.Instances.forEach((inst, ii) => {
      const i = transformInstance(inst, owner, (reason, name) => sink.recordError(list, ii, name, reason));
      if (i) out.instances.push(i);
    });
  });
  out.records = out.instances.length;
  out.accounts = [...accounts].sort();
  return out;
}

function transformInstance(
  inst: unknown,
  accountId: string,
  fail: (reason: string, name: string | null) => void,
): Ec2Instance | null {
  if (!isObject(inst)) return (fail('instance is not an object', null), null);
  const instanceId = optString(inst.InstanceId);
  if (!instanceId || !/^i-[0-9a-f]{8,32}$/.test(instanceId))
    return (fail('instance has no valid InstanceId', null), null);
  const zone = isObject(inst.Placement) ? optString(inst.Placement.AvailabilityZone) : null;
  const region = zone ? regionOfZone(zone) : null;
  if (!region)
    return (fail(`instance ${instanceId} has no valid Placement.AvailabilityZone`, instanceId), null);
  const tags = tagMap(inst.Tags);
  return {
    arn: `arn:${partitionOfRegion(region)}:ec2:${region}:${accountId}:instance/${instanceId}`,
    instanceId,
    accountId,
    region,
    name: optString(tags.Name),
    state: isObject(inst.State) ? optString(inst.State.Name) : null,
    publicIp: optString(inst.PublicIpAddress),
    instanceProfileArn: isObject(inst.IamInstanceProfile) ? optString(inst.IamInstanceProfile.Arn) : null,
    launchTime: optDate(inst.LaunchTime),
    tags,
  };
}

/** Adds the instances (once per ARN) and marks their accounts as covered. */
export function load(inventory: Inventory, t: Ec2Transformed): void {
  const seen = new Set(inventory.instances.map((i) => i.arn));
  for (const i of t.instances) {
    if (seen.has(i.arn)) continue;
    seen.add(i.arn);
    inventory.instances.push(i);
  }
  for (const a of t.accounts) inventory.coverage.ec2Accounts.add(a);
}
