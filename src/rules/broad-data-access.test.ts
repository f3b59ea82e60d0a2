import { expect } from 'vitest';
import { broadDataAccess } from './broad-data-access.js';
import { ruleTester } from './test-utils/rule-tester.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  allow,
  deny,
  doc,
  gaad,
  role,
  user,
} from './test-utils/gaad.js';

const reader = `arn:aws:iam::${ACCOUNT}:role/reader`;
const withPolicy = (...statements: Record<string, unknown>[]) =>
  gaad({
    roles: [role('reader', { inline: { data: doc(...statements) } })],
    policies: [administratorAccess],
  });

ruleTester(broadDataAccess, {
  fires: [
    {
      name: 's3:GetObject on arn:aws:s3:::*/*',
      inputs: [withPolicy(allow('s3:GetObject', 'arn:aws:s3:::*/*', { Sid: 'ReadAll' }))],
      expect: [
        {
          resourceArn: reader,
          message: 'IAM role reader can read all S3 objects through policy data.',
          evidence: {
            grants: [
              {
                kind: 'all S3 objects',
                action: 's3:GetObject',
                statements: [expect.objectContaining({ sid: 'ReadAll', resource: ['arn:aws:s3:::*/*'] })],
              },
            ],
          },
        },
      ],
    },
    {
      name: 'all three kinds, through wildcards on *',
      inputs: [withPolicy(allow(['s3:Get*', 'kms:Decrypt', 'secretsmanager:*']))],
      expect: [
        {
          resourceArn: reader,
          message:
            'IAM role reader can read all S3 objects, all KMS keys, all Secrets Manager secrets through policy data.',
        },
      ],
    },
    {
      name: 'kms:Decrypt on every key of the account, for a user',
      inputs: [
        gaad({
          users: [
            user('bob', { inline: { k: doc(allow('kms:Decrypt', `arn:aws:kms:*:${ACCOUNT}:key/*`)) } }),
          ],
        }),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/bob`,
          evidence: { grants: [expect.objectContaining({ kind: 'all KMS keys' })] },
        },
      ],
    },
  ],
  silent: [
    { name: 'one bucket only', inputs: [withPolicy(allow('s3:GetObject', 'arn:aws:s3:::reports/*'))] },
    {
      name: 'list but not read',
      inputs: [
        withPolicy(
          allow(['s3:ListAllMyBuckets', 's3:ListBucket', 'kms:ListKeys', 'secretsmanager:ListSecrets']),
        ),
      ],
    },
    {
      name: 'conditional read (tag-based)',
      inputs: [
        withPolicy(
          allow('secretsmanager:GetSecretValue', '*', {
            Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } },
          }),
        ),
      ],
    },
    {
      name: 'read on * with a deny on all objects',
      inputs: [withPolicy(allow('s3:GetObject'), deny('s3:*', 'arn:aws:s3:::*'))],
    },
    {
      name: 'administrators are left to the admin rules',
      inputs: [gaad({ roles: [role('reader', { attached: [ADMIN_ARN] })], policies: [administratorAccess] })],
    },
    {
      name: 'decrypt on one key',
      inputs: [
        withPolicy(
          allow('kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
        ),
      ],
    },
  ],
});
