import { describe, expect, it } from 'vitest';
import {
  ec2InstanceUrl,
  iamPolicyUrl,
  iamRoleUrl,
  iamUserUrl,
  lambdaFunctionUrl,
  rootCredentialsUrl,
} from './console-url.js';

describe('console URLs', () => {
  it('link to the exact IAM pages', () => {
    expect(iamUserUrl('arn:aws:iam::100000000001:user/alice', 'alice')).toBe(
      'https://console.aws.amazon.com/iam/home#/users/details/alice',
    );
    expect(iamRoleUrl('arn:aws:iam::100000000001:role/team/ops', 'ops')).toBe(
      'https://console.aws.amazon.com/iam/home#/roles/details/ops',
    );
    expect(iamPolicyUrl('arn:aws:iam::100000000001:policy/p')).toBe(
      'https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3A100000000001%3Apolicy%2Fp',
    );
    expect(rootCredentialsUrl('arn:aws:iam::100000000001:root')).toBe(
      'https://console.aws.amazon.com/iam/home#/security_credentials',
    );
  });

  it('link to regional pages in the resource region', () => {
    expect(ec2InstanceUrl('arn:aws:ec2:eu-west-1:100000000001:instance/i-0abc', 'eu-west-1', 'i-0abc')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc',
    );
    expect(lambdaFunctionUrl('arn:aws:lambda:us-east-1:100000000001:function:f', 'us-east-1', 'f')).toBe(
      'https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1#/functions/f',
    );
  });

  it('use the console of the partition', () => {
    expect(iamUserUrl('arn:aws-us-gov:iam::100000000001:user/a', 'a')).toMatch(
      /^https:\/\/console\.amazonaws-us-gov\.com\//,
    );
    expect(
      ec2InstanceUrl('arn:aws-cn:ec2:cn-north-1:100000000001:instance/i-1', 'cn-north-1', 'i-1'),
    ).toMatch(/^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
  });

  it('encode attacker-controlled names so they cannot change the page or the host', () => {
    const evil = 'x/../../#/admin?<script>&a=b';
    const url = new URL(iamUserUrl('arn:aws:iam::100000000001:user/x', evil));
    expect(url.hostname).toBe('console.aws.amazon.com');
    expect(url.hash).toBe(`#/users/details/${encodeURIComponent(evil)}`);
    expect(url.href).not.toContain('<script>');
  });

  it('never put a region that is not region-shaped in the host name', () => {
    const url = new URL(lambdaFunctionUrl('arn:aws:lambda:x:1:function:f', 'evil.example.com/', 'f'));
    expect(url.hostname).toBe('console.aws.amazon.com');
    expect(url.search).toBe(`?region=${encodeURIComponent('evil.example.com/')}`);
  });
});
