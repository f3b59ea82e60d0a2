import type { Prng } from './prng.js';
import type { ActivityCall, DemoRole, DemoUser } from './types.js';

type Json = Record<string, unknown>;

// IAM prefixes whose CloudTrail event source host differs (see shared/data/cloudtrail/iam-dataset).
const SOURCE_HOST: Record<string, string> = { cloudwatch: 'monitoring' };

// Actions whose CloudTrail event name differs from the IAM action name.
const EVENT_NAME: Record<string, string> = {
  'lambda:ListFunctions': 'ListFunctions20150331',
  'lambda:GetFunction': 'GetFunction20150331v2',
  'lambda:CreateFunction': 'CreateFunction20150331',
  'lambda:UpdateFunctionCode': 'UpdateFunctionCode20150331v2',
  'lambda:InvokeFunction': 'Invoke',
  's3:ListAllMyBuckets': 'ListBuckets',
  's3:ListBucket': 'ListObjects',
};

// Services whose events CloudTrail records in us-east-1 whatever the caller's region.
const GLOBAL_SERVICES = new Set(['iam', 'organizations', 'cloudfront', 'route53']);

const DATA_EVENT =
  /^(s3:(Get|Put|Delete|Head|Restore|Select)Object|lambda:InvokeFunction|dynamodb:(Get|Put|Update|Delete|BatchGet|BatchWrite)Item|dynamodb:(Query|Scan)|sqs:(Send|Receive|Delete)Message|sns:Publish|kinesis:(PutRecords?|GetRecords))/;

/** Who makes the call, with what it needs to fill `userIdentity`. */
export interface Caller {
  principal: DemoUser | DemoRole;
  accountId: string;
  accessKeyId: string;
  sessionName: string;
}

/** The event source host, e.g. `s3.amazonaws.com`, `monitoring.amazonaws.com` for cloudwatch. */
export function eventSourceFor(action: string): string {
  const prefix = action.split(':')[0] as string;
  return `${SOURCE_HOST[prefix] ?? prefix}.amazonaws.com`;
}

function userIdentity(c: Caller, sessionStart: Date): Json {
  const p = c.principal;
  if (p.kind === 'user') {
    return {
      type: 'IAMUser',
      principalId: p.id,
      arn: p.arn,
      accountId: c.accountId,
      accessKeyId: c.accessKeyId,
      userName: p.name,
    };
  }
  return {
    type: 'AssumedRole',
    principalId: `${p.id}:${c.sessionName}`,
    arn: `arn:aws:sts::${c.accountId}:assumed-role/${p.name}/${c.sessionName}`,
    accountId: c.accountId,
    accessKeyId: c.accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: p.id,
        arn: p.arn,
        accountId: c.accountId,
        userName: p.name,
      },
      webIdFederationData: {},
      attributes: { creationDate: iso(sessionStart), mfaAuthenticated: 'false' },
    },
  };
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function requestParameters(action: string, resource: string | null): Json | null {
  if (!resource) return null;
  const [service, name = ''] = action.split(':');
  if (service === 's3') {
    const rest = resource.slice('arn:aws:s3:::'.length);
    const slash = rest.indexOf('/');
    const bucketName = slash < 0 ? rest : rest.slice(0, slash);
    const key = slash < 0 ? undefined : rest.slice(slash + 1).replace('*', 'part-00000.json');
    return { bucketName, Host: `${bucketName}.s3.amazonaws.com`, ...(key ? { key } : {}) };
  }
  if (service === 'lambda') return { functionName: resource.slice(resource.lastIndexOf(':') + 1) };
  if (service === 'dynamodb') return { tableName: resource.split('/')[1] ?? resource };
  if (service === 'sts' && name === 'AssumeRole') return { roleArn: resource, roleSessionName: 'deploy' };
  if (service === 'iam' && resource.includes(':policy/')) return { policyArn: resource };
  if (service === 'sqs')
    return {
      queueUrl: `https://sqs.${resource.split(':')[3]}.amazonaws.com/${resource.split(':')[4]}/${resource.split(':')[5]}`,
    };
  return { resourceArn: resource };
}

function resources(action: string, resource: string | null, accountId: string): Json[] | undefined {
  if (!resource || resource.includes('*')) return undefined;
  if (action.startsWith('s3:') && resource.includes('/')) {
    const bucket = resource.slice(0, resource.indexOf('/'));
    return [
      { type: 'AWS::S3::Object', ARN: resource },
      { accountId, type: 'AWS::S3::Bucket', ARN: bucket },
    ];
  }
  if (action.startsWith('lambda:')) return [{ accountId, type: 'AWS::Lambda::Function', ARN: resource }];
  if (action.startsWith('dynamodb:')) return [{ accountId, type: 'AWS::DynamoDB::Table', ARN: resource }];
  return undefined;
}

/**
 * A drawn UUID whose last 12 hex digits are mixed with a hash of `salt`. The PRNG has 32 bits of state, so two
 * callers' forks can run in step and draw the same UUIDs; CloudTrail event ids are unique, and the readers
 * de-duplicate on them, so different calls must never share one.
 */
function saltedUuid(uuid: string, salt: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < salt.length; i++) {
    a = Math.imul(a ^ salt.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ salt.charCodeAt(i), 0x5bd1e995) ^ (b >>> 13);
  }
  const mix = ((a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')).slice(
    0,
    12,
  );
  const tail = uuid.slice(-12);
  let out = '';
  for (let i = 0; i < 12; i++) out += (parseInt(tail[i]!, 16) ^ parseInt(mix[i]!, 16)).toString(16);
  return uuid.slice(0, -12) + out;
}

/** Builds one CloudTrail record for a call; `denied` calls carry `AccessDenied` and the usual message. */
export function buildEvent(
  prng: Prng,
  c: Caller,
  call: ActivityCall,
  when: Date,
  region: string,
  sourceIp: string,
  userAgent: string,
): Json {
  const [service = '', name = ''] = call.action.split(':');
  const eventName = EVENT_NAME[call.action] ?? name;
  const isData = DATA_EVENT.test(call.action);
  const awsRegion = GLOBAL_SERVICES.has(service) ? 'us-east-1' : region;
  const source = eventSourceFor(call.action);
  const readOnly = /^(Get|List|Describe|Head|Query|Scan|BatchGet|Lookup|Search|Select)/.test(eventName);
  const identity = userIdentity(c, new Date(when.getTime() - prng.int(60, 3000) * 1000));
  const failure = call.denied
    ? {
        errorCode: 'AccessDenied',
        errorMessage: `User: ${c.principal.kind === 'user' ? c.principal.arn : (identity.arn as string)} is not authorized to perform: ${call.action} on resource: ${call.resource ?? '*'} because no identity-based policy allows the ${call.action} action`,
      }
    : readOnly && call.resource && prng.chance(0.02)
      ? {
          errorCode: service === 's3' ? 'NoSuchKey' : 'ResourceNotFoundException',
          errorMessage: 'The specified resource does not exist.',
        }
      : {};
  const res = resources(call.action, call.resource, c.accountId);
  return {
    eventVersion: isData ? '1.09' : prng.chance(0.5) ? '1.08' : '1.09',
    userIdentity: identity,
    eventTime: iso(when),
    eventSource: source,
    eventName,
    awsRegion,
    sourceIPAddress: sourceIp,
    userAgent,
    ...failure,
    requestParameters: requestParameters(call.action, call.resource),
    responseElements: null,
    requestID: prng.uuid(),
    eventID: saltedUuid(prng.uuid(), `${c.principal.arn} ${call.action}`),
    readOnly,
    ...(res ? { resources: res } : {}),
    eventType: 'AwsApiCall',
    managementEvent: !isData,
    recipientAccountId: c.accountId,
    eventCategory: isData ? 'Data' : 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader:
        awsRegion === 'us-east-1' || GLOBAL_SERVICES.has(service)
          ? source
          : source.replace('.amazonaws.com', `.${awsRegion}.amazonaws.com`),
    },
  };
}
