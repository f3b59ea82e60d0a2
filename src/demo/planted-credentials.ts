import { HUMAN_READS, makeActivity } from './activity.js';
import { entry, type Builders } from './manifest-entry.js';
import type { ManifestEntry } from './types.js';

/** Plants credential-report risks (users and account roots). */
export function plantCredentials(b: Builders): ManifestEntry[] {
  const out: ManifestEntry[] = [];
  const { staging, dev, prod, security, sandbox } = b;
  const shared = b['shared-services'];

  const qa = staging.user({
    name: 'qa.tester',
    createdDaysAgo: 220,
    groups: ['Developers'],
    credentials: {
      password: { changed: staging.daysAgo(100), lastUsed: staging.daysAgo(1) },
      mfa: false,
      keys: [],
    },
  });
  out.push(entry('no-mfa', qa.arn, 'console password used yesterday, no MFA device'));

  const backup = dev.user({
    name: 'svc-legacy-backup',
    path: '/service/',
    createdDaysAgo: 900,
    inline: [
      {
        name: 'backup',
        doc: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:ListBucket'],
              Resource: ['arn:aws:s3:::acme-backups-dev', 'arn:aws:s3:::acme-backups-dev/*'],
            },
          ],
        },
      },
    ],
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: dev.daysAgo(400),
          lastUsed: dev.daysAgo(0.5),
          lastUsedService: 's3',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
    activity: makeActivity(
      dev.prng,
      [{ action: 's3:PutObject', resource: 'arn:aws:s3:::acme-backups-dev/nightly.tar.gz' }],
      'us-east-1',
      'pipeline',
      2,
    ),
  });
  out.push(entry('old-access-key', backup.arn, 'active key created 400 days ago, still in use'));

  const exporter = prod.user({
    name: 'svc-report-export',
    path: '/service/',
    createdDaysAgo: 200,
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: prod.daysAgo(70),
          lastUsed: prod.daysAgo(55),
          lastUsedService: 's3',
          lastUsedRegion: 'eu-west-1',
        },
      ],
    },
  });
  out.push(entry('unused-access-key', exporter.arn, 'active key created 70 days ago, last used 55 days ago'));

  const pat = dev.user({
    name: 'pat.kim',
    createdDaysAgo: 600,
    groups: ['Developers'],
    credentials: { password: { changed: dev.daysAgo(120), lastUsed: dev.daysAgo(70) }, mfa: true, keys: [] },
  });
  out.push(entry('unused-password', pat.arn, 'console password last used 70 days ago'));

  const terraform = shared.user({
    name: 'svc-terraform',
    path: '/service/',
    createdDaysAgo: 500,
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: shared.daysAgo(40),
          lastUsed: shared.daysAgo(0.3),
          lastUsedService: 'sts',
          lastUsedRegion: 'us-east-1',
        },
        {
          active: true,
          rotated: shared.daysAgo(10),
          lastUsed: shared.daysAgo(1),
          lastUsedService: 'ec2',
          lastUsedRegion: 'us-east-1',
        },
      ],
    },
    activity: makeActivity(shared.prng, HUMAN_READS.slice(0, 3), 'us-east-1', 'pipeline', 4),
  });
  out.push(entry('multiple-active-keys', terraform.arn, 'two active access keys'));

  const auditor = security.user({
    name: 'old.auditor',
    createdDaysAgo: 900,
    groups: ['Auditors'],
    credentials: {
      password: { changed: security.daysAgo(400), lastUsed: security.daysAgo(150) },
      mfa: true,
      keys: [],
    },
  });
  out.push(entry('inactive-user', auditor.arn, 'no password or key use for 150 days'));

  sandbox.account.root = {
    mfa: false,
    key: {
      active: true,
      rotated: sandbox.daysAgo(500),
      lastUsed: sandbox.daysAgo(100),
      lastUsedService: 's3',
      lastUsedRegion: 'us-east-1',
    },
    passwordLastUsed: sandbox.daysAgo(30),
  };
  const sandboxRoot = `arn:aws:iam::${sandbox.account.id}:root`;
  out.push(entry('root-access-key', sandboxRoot, 'root user has an active access key'));
  out.push(entry('root-no-mfa', sandboxRoot, 'root user without MFA'));
  return out;
}
