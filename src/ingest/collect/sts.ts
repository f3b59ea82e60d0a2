import type { STSClient } from '@aws-sdk/client-sts';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Credentials } from './clients.js';
import { isAccountId } from './snapshot-writer.js';

/**
 * Get: the account of the credentials in use.
 * @throws Error when STS answers with something that is not a 12-digit account id
 */
export async function getCallerAccount(sts: STSClient): Promise<string> {
  const { Account } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Account || !isAccountId(Account)) throw new Error('GetCallerIdentity returned no valid account id');
  return Account;
}

/** Role names IAM accepts (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html); paths allowed. */
export function isRoleName(name: string): boolean {
  return /^(?:\/[\w+=,.@-]+)*\/?[\w+=,.@-]{1,64}$/.test(name);
}

/**
 * Credentials for a member account through a role assumed by name; refreshed five minutes before expiry.
 * The first `AssumeRole` happens on the first call, so a denied account fails inside its own step.
 */
export function assumeRoleCredentials(
  sts: STSClient,
  accountId: string,
  roleName: string,
  partition = 'aws',
): Credentials {
  const name = roleName.replace(/^\/+/, '');
  const roleArn = `arn:${partition}:iam::${accountId}:role/${name}`;
  let cached: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    expiration?: Date;
  } | null = null;
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000))
      return cached;
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'iamrisk-collect', DurationSeconds: 3600 }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new Error(`AssumeRole ${roleArn} returned no credentials`);
    cached = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    return cached;
  };
}
