import type { PolicyJson } from './types.js';

/** An AWS managed policy with a representative copy of its document. */
export interface AwsManagedPolicy {
  name: string;
  /** Path inside `arn:aws:iam::aws:policy`, e.g. `/service-role/`. */
  path: string;
  doc: PolicyJson;
}

const allow = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});

const doc = (...Statement: Record<string, unknown>[]): PolicyJson => ({ Version: '2012-10-17', Statement });

// Services whose read-only verbs ReadOnlyAccess / SecurityAudit grant; a representative subset of the real lists.
const READ_SERVICES = [
  'acm',
  'apigateway',
  'autoscaling',
  'cloudformation',
  'cloudfront',
  'cloudtrail',
  'cloudwatch',
  'config',
  'dynamodb',
  'ec2',
  'ecr',
  'ecs',
  'eks',
  'elasticloadbalancing',
  'events',
  'guardduty',
  'iam',
  'kms',
  'lambda',
  'logs',
  'rds',
  'route53',
  'sns',
  'sqs',
  'ssm',
  'sts',
  'tag',
];

const POLICIES: AwsManagedPolicy[] = [
  { name: 'AdministratorAccess', path: '/', doc: doc(allow('*')) },
  {
    name: 'PowerUserAccess',
    path: '/',
    doc: doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow([
        'account:GetAccountInformation',
        'account:GetPrimaryEmail',
        'account:ListRegions',
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
      ]),
    ),
  },
  {
    name: 'ReadOnlyAccess',
    path: '/',
    doc: doc(
      allow([
        ...READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:Get*`, `${s}:List*`]),
        's3:Get*',
        's3:List*',
        'secretsmanager:DescribeSecret',
        'secretsmanager:ListSecrets',
      ]),
    ),
  },
  {
    name: 'ViewOnlyAccess',
    path: '/job-function/',
    doc: doc(
      allow(READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`]).concat('s3:ListAllMyBuckets')),
    ),
  },
  {
    name: 'SecurityAudit',
    path: '/',
    doc: doc(
      allow([
        'access-analyzer:Get*',
        'access-analyzer:List*',
        'cloudtrail:DescribeTrails',
        'cloudtrail:GetEventSelectors',
        'cloudtrail:GetTrailStatus',
        'config:Describe*',
        'ec2:Describe*',
        'guardduty:Get*',
        'guardduty:List*',
        'iam:GenerateCredentialReport',
        'iam:Get*',
        'iam:List*',
        'kms:Describe*',
        'kms:GetKeyPolicy',
        'kms:List*',
        'lambda:GetPolicy',
        'lambda:ListFunctions',
        'organizations:Describe*',
        'organizations:List*',
        's3:GetBucketPolicy',
        's3:GetBucketAcl',
        's3:GetEncryptionConfiguration',
        's3:ListAllMyBuckets',
        'sts:GetCallerIdentity',
      ]),
    ),
  },
  { name: 'AmazonS3FullAccess', path: '/', doc: doc(allow(['s3:*', 's3-object-lambda:*'])) },
  {
    name: 'AmazonS3ReadOnlyAccess',
    path: '/',
    doc: doc(
      allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*']),
    ),
  },
  {
    name: 'AmazonEC2FullAccess',
    path: '/',
    doc: doc(
      allow(['ec2:*', 'elasticloadbalancing:*', 'cloudwatch:*', 'autoscaling:*']),
      allow('iam:CreateServiceLinkedRole', '*', {
        Condition: {
          StringEquals: {
            'iam:AWSServiceName': [
              'autoscaling.amazonaws.com',
              'ec2scheduled.amazonaws.com',
              'elasticloadbalancing.amazonaws.com',
              'spot.amazonaws.com',
            ],
          },
        },
      }),
    ),
  },
  {
    name: 'AWSLambda_FullAccess',
    path: '/',
    doc: doc(
      allow([
        'cloudformation:DescribeStacks',
        'cloudformation:ListStackResources',
        'cloudwatch:GetMetricData',
        'cloudwatch:ListMetrics',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListAttachedRolePolicies',
        'iam:ListRolePolicies',
        'iam:ListRoles',
        'kms:ListAliases',
        'lambda:*',
        'logs:DescribeLogGroups',
        'states:DescribeStateMachine',
        'states:ListStateMachines',
        'tag:GetResources',
      ]),
      allow('iam:PassRole', '*', {
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      }),
      allow(
        ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
        'arn:aws:logs:*:*:log-group:/aws/lambda/*',
      ),
    ),
  },
  {
    name: 'IAMFullAccess',
    path: '/',
    doc: doc(
      allow([
        'iam:*',
        'organizations:DescribeAccount',
        'organizations:DescribeOrganization',
        'organizations:DescribeOrganizationalUnit',
        'organizations:DescribePolicy',
        'organizations:ListChildren',
        'organizations:ListParents',
        'organizations:ListPoliciesForTarget',
        'organizations:ListRoots',
        'organizations:ListPolicies',
        'organizations:ListTargetsForPolicy',
      ]),
    ),
  },
  {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    doc: doc(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'])),
  },
  {
    name: 'AmazonSSMManagedInstanceCore',
    path: '/',
    doc: doc(
      allow([
        'ssm:DescribeAssociation',
        'ssm:GetDeployablePatchSnapshotForInstance',
        'ssm:GetDocument',
        'ssm:DescribeDocument',
        'ssm:GetManifest',
        'ssm:GetParameter',
        'ssm:GetParameters',
        'ssm:ListAssociations',
        'ssm:ListInstanceAssociations',
        'ssm:PutInventory',
        'ssm:PutComplianceItems',
        'ssm:PutConfigurePackageResult',
        'ssm:UpdateAssociationStatus',
        'ssm:UpdateInstanceAssociationStatus',
        'ssm:UpdateInstanceInformation',
      ]),
      allow([
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ]),
      allow([
        'ec2messages:AcknowledgeMessage',
        'ec2messages:DeleteMessage',
        'ec2messages:FailMessage',
        'ec2messages:GetEndpoint',
        'ec2messages:GetMessages',
        'ec2messages:SendReply',
      ]),
    ),
  },
  {
    name: 'CloudWatchAgentServerPolicy',
    path: '/',
    doc: doc(
      allow([
        'cloudwatch:PutMetricData',
        'ec2:DescribeVolumes',
        'ec2:DescribeTags',
        'logs:PutLogEvents',
        'logs:DescribeLogStreams',
        'logs:DescribeLogGroups',
        'logs:CreateLogStream',
        'logs:CreateLogGroup',
      ]),
      allow('ssm:GetParameter', 'arn:aws:ssm:*:*:parameter/AmazonCloudWatch-*'),
    ),
  },
  {
    name: 'AmazonDynamoDBReadOnlyAccess',
    path: '/',
    doc: doc(
      allow([
        'dynamodb:BatchGetItem',
        'dynamodb:Describe*',
        'dynamodb:List*',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:PartiQLSelect',
        'cloudwatch:GetMetricData',
        'cloudwatch:ListMetrics',
      ]),
    ),
  },
  {
    name: 'AWSSupportServiceRolePolicy',
    path: '/aws-service-role/',
    doc: doc(
      allow([
        'ec2:DescribeInstances',
        'iam:GetAccountSummary',
        'iam:ListRoles',
        'rds:DescribeDBInstances',
        's3:GetBucketPolicy',
        'support:*',
        'trustedadvisor:Describe*',
      ]),
    ),
  },
  {
    name: 'AWSTrustedAdvisorServiceRolePolicy',
    path: '/aws-service-role/',
    doc: doc(
      allow([
        'autoscaling:DescribeAccountLimits',
        'cloudtrail:DescribeTrails',
        'ec2:DescribeInstances',
        'iam:GenerateCredentialReport',
        'iam:GetCredentialReport',
        's3:ListAllMyBuckets',
      ]),
    ),
  },
  {
    name: 'AmazonGuardDutyServiceRolePolicy',
    path: '/aws-service-role/',
    doc: doc(
      allow([
        'ec2:DescribeInstances',
        'ec2:DescribeImages',
        'ec2:DescribeVpcEndpoints',
        'organizations:DescribeAccount',
        'organizations:ListAccounts',
        's3:GetBucketPublicAccessBlock',
        's3:ListAllMyBuckets',
      ]),
    ),
  },
  {
    name: 'AWSConfigServiceRolePolicy',
    path: '/aws-service-role/',
    doc: doc(
      allow([
        'acm:DescribeCertificate',
        'cloudtrail:DescribeTrails',
        'ec2:Describe*',
        'iam:GetRole',
        'iam:ListRoles',
        'lambda:GetFunction',
        's3:GetBucketAcl',
        'sns:GetTopicAttributes',
      ]),
    ),
  },
];

const BY_NAME = new Map(POLICIES.map((p) => [p.name, p]));

/** The ARN of an AWS managed policy, e.g. `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`. */
export function awsManagedArn(name: string): string {
  const p = BY_NAME.get(name);
  if (!p) throw new Error(`unknown AWS managed policy ${name}`);
  return `arn:aws:iam::aws:policy${p.path}${p.name}`;
}

/** The AWS managed policy with this ARN, or `undefined` for customer managed ones. */
export function awsManagedByArn(arn: string): AwsManagedPolicy | undefined {
  const name = arn.startsWith('arn:aws:iam::aws:policy/') ? arn.slice(arn.lastIndexOf('/') + 1) : '';
  return BY_NAME.get(name);
}
