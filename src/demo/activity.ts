import { publicIp, privateIp } from './names.js';
import type { Prng } from './prng.js';
import type { Activity, ActivityCall } from './types.js';

const SDK_AGENTS = [
  'aws-sdk-java/2.25.60 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_FARGATE',
  'aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/s3#1.58.2',
  'Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.220-209.869.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.4 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.144',
  'aws-sdk-js/3.614.0 ua/2.0 os/linux#5.10.219-229.866.amzn2.x86_64 lang/js md/nodejs#20.15.1 api/dynamodb#3.614.0',
];
const CLI_AGENTS = [
  'aws-cli/2.17.13 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#s3.ls',
  'aws-cli/2.15.58 Python/3.11.8 Linux/6.5.0-1022-azure exe/x86_64.ubuntu.22 prompt/off command/ec2.describe-instances',
  'Terraform/1.9.2 (+https://www.terraform.io) terraform-provider-aws/5.58.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.1 os/linux lang/go#1.22.5',
];

/** How an identity calls AWS: a workload inside AWS, or a person or pipeline from outside. */
export type CallerKind = 'workload' | 'human' | 'pipeline';

/** Builds an activity profile; workloads call from private addresses with SDK agents, people with the CLI. */
export function makeActivity(
  prng: Prng,
  calls: ActivityCall[],
  region: string,
  kind: CallerKind,
  perDay?: number,
): Activity {
  const isWorkload = kind === 'workload';
  return {
    calls,
    perDay: perDay ?? (isWorkload ? prng.int(3, 8) : prng.int(1, 5)),
    dayRate: isWorkload ? 0.95 : kind === 'pipeline' ? 0.7 : 0.6,
    region,
    userAgent: isWorkload ? prng.pick(SDK_AGENTS) : prng.pick(CLI_AGENTS),
    sourceIp: isWorkload ? privateIp(prng) : publicIp(prng),
  };
}

/** Console-style reads a person does when looking around. */
export const HUMAN_READS: ActivityCall[] = [
  { action: 'ec2:DescribeInstances', resource: null },
  { action: 'ec2:DescribeSecurityGroups', resource: null },
  { action: 'cloudwatch:GetMetricData', resource: null },
  { action: 'logs:DescribeLogGroups', resource: null },
  { action: 'lambda:ListFunctions', resource: null },
  { action: 's3:ListAllMyBuckets', resource: null },
  { action: 'dynamodb:ListTables', resource: null },
  { action: 'sts:GetCallerIdentity', resource: null },
];
