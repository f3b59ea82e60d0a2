import { expect } from 'vitest';
import { computeAdmin } from './compute-admin.js';
import { ec2Instances, lambdaFunctions } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, ADMIN_ARN, administratorAccess, allow, doc, gaad, role } from './test-utils/gaad.js';

const iam = gaad({
  roles: [
    role('admin-ec2', { attached: [ADMIN_ARN], instanceProfile: 'admin-profile' }),
    role('app-ec2', {
      inline: { p: doc(allow('s3:GetObject', 'arn:aws:s3:::app/*')) },
      instanceProfile: 'app-profile',
    }),
    role('admin-fn', {
      attached: [ADMIN_ARN],
      trust: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    role('app-fn', { inline: { p: doc(allow('logs:*')) } }),
  ],
  policies: [administratorAccess],
});
const instanceArn = (id: string) => `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/${id}`;

ruleTester(computeAdmin, {
  fires: [
    {
      name: 'private running instance with an admin profile: high',
      inputs: [iam, ec2Instances([{ id: 'i-0aaaaaaaaaaaaaaa1', profile: 'admin-profile' }])],
      expect: [
        {
          resourceArn: instanceArn('i-0aaaaaaaaaaaaaaa1'),
          severity: 'high',
          evidence: {
            publicIp: null,
            roles: [expect.objectContaining({ roleArn: `arn:aws:iam::${ACCOUNT}:role/admin-ec2` })],
          },
        },
      ],
    },
    {
      name: 'public instance: critical, with the reason',
      inputs: [
        iam,
        ec2Instances([{ id: 'i-0bbbbbbbbbbbbbbb2', profile: 'admin-profile', publicIp: '203.0.113.7' }]),
      ],
      expect: [
        {
          resourceArn: instanceArn('i-0bbbbbbbbbbbbbbb2'),
          severity: 'critical',
          evidence: { publicIp: '203.0.113.7', severityReason: 'the instance has a public IP address' },
        },
      ],
    },
    {
      name: 'stopped instance still counts; terminated one does not',
      inputs: [
        iam,
        ec2Instances([
          { id: 'i-0ccccccccccccccc3', profile: 'admin-profile', state: 'stopped' },
          { id: 'i-0ddddddddddddddd4', profile: 'admin-profile', state: 'terminated' },
        ]),
      ],
      expect: [{ resourceArn: instanceArn('i-0ccccccccccccccc3'), evidence: { state: 'stopped' } }],
    },
    {
      name: 'Lambda function with an admin execution role',
      inputs: [
        iam,
        lambdaFunctions([
          { name: 'deploy', role: 'admin-fn' },
          { name: 'api', role: 'app-fn' },
        ]),
      ],
      expect: [
        {
          resourceArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:deploy`,
          message: /Lambda function deploy runs with administrator execution role/,
        },
      ],
    },
  ],
  silent: [
    {
      name: 'instance with a scoped profile',
      inputs: [
        iam,
        ec2Instances([{ id: 'i-01111111111111111', profile: 'app-profile', publicIp: '203.0.113.8' }]),
      ],
    },
    {
      name: 'instance without a profile',
      inputs: [iam, ec2Instances([{ id: 'i-02222222222222222', publicIp: '203.0.113.9' }])],
    },
    {
      name: 'terminated instance with an admin profile',
      inputs: [
        iam,
        ec2Instances([{ id: 'i-03333333333333333', profile: 'admin-profile', state: 'terminated' }]),
      ],
    },
    {
      name: 'function with a scoped role',
      inputs: [iam, lambdaFunctions([{ name: 'api', role: 'app-fn' }])],
    },
    {
      name: 'function whose role is in an unscanned account',
      inputs: [iam, lambdaFunctions([{ name: 'x', role: 'admin-fn', account: '100000000009' }])],
    },
  ],
});
