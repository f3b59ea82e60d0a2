/**
 * `aws ec2 describe-launch-template-versions --versions '$Default'` (`{LaunchTemplateVersions: [{LaunchTemplateId,
 * LaunchTemplateName, VersionNumber, CreatedBy, DefaultVersion, LaunchTemplateData: {IamInstanceProfile:
 * {Arn | Name}, …}}]}`): launch templates and the role their instances get, through the instance profile.
 * Without `--launch-template-id` the call lists the default version of every template in the region.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplateVersions.html
 *
 * Every listed version counts: a new default version may reuse the profile of any earlier one without
 * `iam:PassRole` (pathfinding.cloud ec2-004). A template is one resource with one role, so when several listed
 * versions name a profile, the default version's is kept, else the highest-numbered one's. The output names
 * no region: the account comes from `CreatedBy`, the region from the folder `iamrisk collect` writes the file to (`…/ec2/<region>/…`) and is
 * otherwise unknown (the template's ARN then has an empty region). The profile is resolved to its role on load,
 * against the instance profiles of the authorization details.
 */
import type { Inventory } from '../model/inventory.js';
import { isObject, optString, parseArn } from './fields.js';
import type { EntryResult, RoleReference, ServiceTransformed } from './service-resource.js';
import { loadServiceResources, transformEntries } from './service-resource.js';

const TEMPLATE_ID = /^lt-[0-9a-f]{8,32}$/;
const PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;
const REGION_FOLDER = /[\\/]ec2[\\/]([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)[\\/]/;

/** The account id in a `CreatedBy` ARN (`arn:aws:iam::123456789012:user/x`, an STS session, root). */
function accountOf(createdBy: unknown): { account: string; partition: string } | null {
  const p = typeof createdBy === 'string' ? parseArn(createdBy) : null;
  return p !== null && /^\d{12}$/.test(p.account) ? { account: p.account, partition: p.partition } : null;
}

/** Versions with a profile first, the default first among them, then by version number, highest first. */
function preference(a: unknown, b: unknown): number {
  const rank = (v: unknown): [number, number, number] => {
    if (!isObject(v)) return [0, 0, 0];
    const data = isObject(v.LaunchTemplateData) ? v.LaunchTemplateData : {};
    const n = typeof v.VersionNumber === 'number' ? v.VersionNumber : 0;
    return [isObject(data.IamInstanceProfile) ? 1 : 0, v.DefaultVersion === true ? 1 : 0, n];
  };
  const [x, y] = [rank(a), rank(b)];
  return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
}

/** Turns one `describe-launch-template-versions` document into launch templates. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  const region = REGION_FOLDER.exec(file)?.[1] ?? null;
  const toTemplate = (v: unknown): EntryResult => {
    if (!isObject(v)) return { error: 'launch template version is not an object', name: null };
    const id = optString(v.LaunchTemplateId);
    const name = optString(v.LaunchTemplateName) ?? id;
    if (id === null || !TEMPLATE_ID.test(id)) return { error: 'no valid LaunchTemplateId', name };
    const owner = accountOf(v.CreatedBy);
    if (owner === null) return { error: `launch template ${id} has no valid CreatedBy ARN`, name };
    const data = isObject(v.LaunchTemplateData) ? v.LaunchTemplateData : {};
    const profile = isObject(data.IamInstanceProfile) ? data.IamInstanceProfile : null;
    const arn = `arn:${owner.partition}:ec2:${region ?? ''}:${owner.account}:launch-template/${id}`;
    let roleRef: RoleReference | undefined;
    if (profile !== null) {
      const profileArn = optString(profile.Arn);
      const profileName = optString(profile.Name);
      const validArn =
        profileArn !== null && /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/.+/.test(profileArn);
      if (profileArn !== null && !validArn)
        return { error: `launch template ${id} has an invalid instance profile ARN`, name };
      if (profileName !== null && !PROFILE_NAME.test(profileName))
        return { error: `launch template ${id} has an invalid instance profile name`, name };
      roleRef = profileArn !== null ? { profileArn } : profileName !== null ? { profileName } : undefined;
    }
    return {
      ...(roleRef === undefined ? {} : { roleRef }),
      resource: {
        kind: 'ec2-launch-template',
        arn,
        name: name ?? id,
        accountId: owner.account,
        region,
        roleArn: null,
      },
    };
  };
  // The first entry of a template wins: put the preferred version first (see above).
  const ordered =
    isObject(raw) && Array.isArray(raw.LaunchTemplateVersions)
      ? { ...raw, LaunchTemplateVersions: [...raw.LaunchTemplateVersions].sort(preference) }
      : raw;
  return transformEntries(
    ordered,
    file,
    'ec2-launch-template',
    { list: 'LaunchTemplateVersions' },
    toTemplate,
  );
}

/** Adds the templates with the role of their instance profile (by ARN, else by name in the account). */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
