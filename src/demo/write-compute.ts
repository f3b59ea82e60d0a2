import type { Prng } from './prng.js';
import type { DemoAccount } from './types.js';

type Json = Record<string, unknown>;

/** `aws ec2 describe-instances` output for one account and region: one reservation per instance. */
export function describeInstances(account: DemoAccount, region: string, prng: Prng): Json {
  const instances = account.instances.filter((i) => i.region === region);
  return {
    Reservations: instances.map((i) => ({
      ReservationId: `r-0${prng.hex(16)}`,
      OwnerId: account.id,
      Groups: [],
      Instances: [
        {
          AmiLaunchIndex: 0,
          ImageId: `ami-0${prng.hex(16)}`,
          InstanceId: i.id,
          InstanceType: i.type,
          LaunchTime: i.launched.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
          Monitoring: { State: 'disabled' },
          Placement: {
            AvailabilityZone: `${region}${prng.pick(['a', 'b', 'c'])}`,
            GroupName: '',
            Tenancy: 'default',
          },
          PrivateDnsName: `ip-${i.privateIp.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`,
          PrivateIpAddress: i.privateIp,
          ...(i.publicIp
            ? {
                PublicIpAddress: i.publicIp,
                PublicDnsName: `ec2-${i.publicIp.replaceAll('.', '-')}.compute-1.amazonaws.com`,
              }
            : { PublicDnsName: '' }),
          State: i.state === 'running' ? { Code: 16, Name: 'running' } : { Code: 80, Name: 'stopped' },
          SubnetId: `subnet-0${prng.hex(16)}`,
          VpcId: `vpc-0${prng.hex(16)}`,
          Architecture: 'x86_64',
          ...(i.profileArn ? { IamInstanceProfile: { Arn: i.profileArn, Id: i.profileId } } : {}),
          Tags: Object.entries(i.tags).map(([Key, Value]) => ({ Key, Value })),
          MetadataOptions: {
            State: 'applied',
            HttpTokens: prng.chance(0.7) ? 'required' : 'optional',
            HttpPutResponseHopLimit: 2,
            HttpEndpoint: 'enabled',
          },
        },
      ],
    })),
  };
}

/** `aws lambda list-functions` output for one account and region. */
export function listFunctions(account: DemoAccount, region: string, prng: Prng): Json {
  return {
    Functions: account.functions
      .filter((f) => f.region === region)
      .map((f) => ({
        FunctionName: f.name,
        FunctionArn: `arn:aws:lambda:${region}:${account.id}:function:${f.name}`,
        Runtime: f.runtime,
        Role: f.roleArn,
        Handler: f.runtime.startsWith('python')
          ? 'app.handler'
          : f.runtime.startsWith('java')
            ? 'com.acme.Handler::handleRequest'
            : 'index.handler',
        CodeSize: prng.int(2_000, 40_000_000),
        Description: f.description,
        Timeout: prng.pick([3, 15, 30, 60, 300, 900]),
        MemorySize: prng.pick([128, 256, 512, 1024, 2048]),
        LastModified: f.modified.toISOString().replace('Z', '+0000'),
        CodeSha256: Buffer.from(prng.hex(64), 'hex').toString('base64'),
        Version: '$LATEST',
        TracingConfig: { Mode: 'PassThrough' },
        RevisionId: prng.uuid(),
        PackageType: 'Zip',
        Architectures: [prng.chance(0.3) ? 'arm64' : 'x86_64'],
        EphemeralStorage: { Size: 512 },
      })),
  };
}
