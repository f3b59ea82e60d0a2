import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { GlueClient } from '@aws-sdk/client-glue';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { STSClient } from '@aws-sdk/client-sts';
import { isReadOperation, operationOfCommand, WriteRefusedError } from './read-only.js';

/** Credentials as the SDK takes them: static, or a provider it calls (and refreshes) as needed. */
export type Credentials =
  | { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }
  | (() => Promise<{
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken?: string;
      expiration?: Date;
    }>);

/** How to reach AWS (or an emulator) as one account. */
export interface AwsAccess {
  credentials: Credentials;
  /** The region for global services (IAM, STS, Organizations) and the default for the rest. */
  homeRegion: string;
  /** An emulator's endpoint (`http://127.0.0.1:5000`); real AWS when absent. */
  endpoint?: string;
  /** SDK attempts per call, adaptive mode (client-side rate limiting on throttling); default 8. */
  maxAttempts?: number;
}

/** The service clients of one account, each guarded so that only read operations can be sent. */
export interface AccountClients {
  iam(): IAMClient;
  sts(): STSClient;
  organizations(): OrganizationsClient;
  ec2(region: string): EC2Client;
  lambda(region: string): LambdaClient;
  cloudtrail(region: string): CloudTrailClient;
  s3(region: string): S3Client;
  cloudformation(region: string): CloudFormationClient;
  codebuild(region: string): CodeBuildClient;
  sagemaker(region: string): SageMakerClient;
  glue(region: string): GlueClient;
  ecs(region: string): ECSClient;
}

/**
 * Creates the clients for one account. Every client carries a middleware that refuses any operation whose
 * name is not a read (read-only.ts) before it is signed, and reports each operation to `onOperation`.
 */
export function createClients(access: AwsAccess, onOperation: (op: string) => void): AccountClients {
  const cache = new Map<string, unknown>();
  const config = (region: string) => ({
    region,
    credentials: access.credentials,
    retryMode: 'adaptive',
    maxAttempts: access.maxAttempts ?? 8,
    ...(access.endpoint ? { endpoint: access.endpoint } : {}),
  });
  function get<C extends { middlewareStack: unknown }>(
    service: string,
    region: string,
    make: (cfg: ReturnType<typeof config>) => C,
  ): C {
    const key = `${service}/${region}`;
    let client = cache.get(key) as C | undefined;
    if (!client) {
      client = make(config(region));
      guard(client, service, onOperation);
      cache.set(key, client);
    }
    return client;
  }
  const home = access.homeRegion;
  return {
    iam: () => get('iam', home, (c) => new IAMClient(c)),
    sts: () => get('sts', home, (c) => new STSClient(c)),
    organizations: () => get('organizations', home, (c) => new OrganizationsClient(c)),
    ec2: (region) => get('ec2', region, (c) => new EC2Client(c)),
    lambda: (region) => get('lambda', region, (c) => new LambdaClient(c)),
    cloudtrail: (region) => get('cloudtrail', region, (c) => new CloudTrailClient(c)),
    // Path-style addressing: emulators serve every bucket on one host.
    s3: (region) =>
      get('s3', region, (c) => new S3Client({ ...c, forcePathStyle: Boolean(access.endpoint) })),
    cloudformation: (region) => get('cloudformation', region, (c) => new CloudFormationClient(c)),
    codebuild: (region) => get('codebuild', region, (c) => new CodeBuildClient(c)),
    sagemaker: (region) => get('sagemaker', region, (c) => new SageMakerClient(c)),
    glue: (region) => get('glue', region, (c) => new GlueClient(c)),
    ecs: (region) => get('ecs', region, (c) => new ECSClient(c)),
  };
}

/** The one middleware shape we add; it passes arguments through untouched, so it fits every client. */
type GuardStack = {
  add(
    mw: (
      next: (args: unknown) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: unknown) => Promise<unknown>,
    options: { step: 'initialize'; name: string },
  ): void;
};

function guard(
  client: { middlewareStack: unknown },
  service: string,
  onOperation: (op: string) => void,
): void {
  (client.middlewareStack as GuardStack).add(
    (next, context) => async (args) => {
      const operation = operationOfCommand(context.commandName ?? 'Unknown');
      if (!isReadOperation(operation)) throw new WriteRefusedError(`${service}:${operation}`);
      onOperation(`${service}:${operation}`);
      return next(args);
    },
    { step: 'initialize', name: 'iamriskReadOnlyGuard' },
  );
}
