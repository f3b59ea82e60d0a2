import { describe, expect, it } from 'vitest';
import { applySnippets } from './apply-snippets.js';
import type { PolicyJson } from './least-privilege.js';

const policy = (resource: string): PolicyJson => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'S3Used', Effect: 'Allow', Action: ['s3:GetObject'], Resource: resource }],
});

describe('applySnippets', () => {
  it('writes the CLI command for a role and a pathed user, reading the document from a file', () => {
    expect(applySnippets('arn:aws:iam::100000000001:role/app', policy('*'))?.awsCli).toBe(
      'aws iam put-role-policy --role-name app --policy-name iamrisk-least-privilege --policy-document file://iamrisk-least-privilege.json',
    );
    expect(applySnippets('arn:aws:iam::100000000001:user/team/bob', policy('*'))?.awsCli).toContain(
      'put-user-policy --user-name bob ',
    );
  });
  it('never lets an ARN from CloudTrail start a Terraform interpolation or directive', () => {
    const evil = 'arn:aws:s3:::b/${file("/etc/passwd")}%{ if true }x%{ endif }';
    const tf = applySnippets('arn:aws:iam::100000000001:role/app', policy(evil))!.terraform;
    expect(tf).toContain('$${file(');
    expect(tf).toContain('%%{ if true }');
    expect(tf.replace(/\$\$\{/g, '').replace(/%%\{/g, '')).not.toMatch(/\$\{|%\{/);
  });
  it('gives nothing for ARNs that are not an IAM user or role', () => {
    expect(applySnippets('arn:aws:iam::100000000001:root', policy('*'))).toBeNull();
    expect(applySnippets('arn:aws:iam::100000000001:role/a b; rm -rf /', policy('*'))).toBeNull();
  });
});
