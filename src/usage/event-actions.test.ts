import { describe, expect, it } from 'vitest';
import { actionCatalog, actionExists } from '../policy/catalog.js';
import { EVENT_ACTION_EXCEPTIONS } from './event-action-exceptions.js';
import { actionsForEvent, needsNoPermission } from './event-actions.js';
import { EVENT_SOURCE_PREFIX_EXCEPTIONS, servicePrefixOf } from './event-source-prefixes.js';

describe('event → action table', () => {
  it('every action the exceptions produce exists in the catalog', () => {
    const missing = Object.values(EVENT_ACTION_EXCEPTIONS)
      .flat()
      .filter((a) => !actionExists(a));
    expect(missing).toEqual([]);
  });
  it('every exception key is a prefix:EventName pair', () => {
    for (const key of Object.keys(EVENT_ACTION_EXCEPTIONS)) expect(key).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
  });
  it('every mapped prefix of the event-source exceptions is a catalog service', () => {
    const services = actionCatalog().services;
    const unknown = Object.values(EVENT_SOURCE_PREFIX_EXCEPTIONS).filter((p) => !services.has(p));
    expect(unknown).toEqual([]);
    expect(servicePrefixOf('monitoring.amazonaws.com')).toBe('cloudwatch');
    expect(servicePrefixOf('ec2-instance-connect.amazonaws.com')).toBe('ec2-instance-connect');
    expect(servicePrefixOf('constructor')).toBeNull();
    expect(servicePrefixOf('evil.example.com')).toBeNull();
  });
});

describe('actionsForEvent', () => {
  it.each([
    ['s3', 'ListBuckets', ['s3:ListAllMyBuckets']],
    ['s3', 'ListObjectsV2', ['s3:ListBucket']],
    ['s3', 'HeadObject', ['s3:GetObject']],
    ['s3', 'CopyObject', ['s3:GetObject', 's3:PutObject']],
    ['s3', 'PutBucketEncryption', ['s3:PutEncryptionConfiguration']],
    ['lambda', 'ListFunctions20150331', ['lambda:ListFunctions']],
    ['lambda', 'UpdateFunctionCode20150331v2', ['lambda:UpdateFunctionCode']],
    ['lambda', 'AddPermission20150331v2', ['lambda:AddPermission']],
    ['lambda', 'Invoke', ['lambda:InvokeFunction']],
    ['monitoring', 'PutMetricData', ['cloudwatch:PutMetricData']],
    [
      'secretsmanager',
      'BatchGetSecretValue',
      ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'],
    ],
    ['kms', 'ReEncrypt', ['kms:ReEncryptFrom', 'kms:ReEncryptTo']],
    ['iam', 'createuser', ['iam:CreateUser']],
  ])('%s %s → %j', (source, name, actions) => {
    expect(actionsForEvent(`${source}.amazonaws.com`, name)).toEqual({ kind: 'actions', actions });
  });
  it('GetCallerIdentity needs no permission (kept as activity, never as a needed action)', () => {
    expect(actionsForEvent('sts.amazonaws.com', 'GetCallerIdentity')).toEqual({
      kind: 'none',
      activity: 'sts:GetCallerIdentity',
    });
    expect(needsNoPermission('sts:GetCallerIdentity')).toBe(true);
    expect(needsNoPermission('sts:AssumeRole')).toBe(false);
  });
  it('unknown names and sources are unmapped, not guessed', () => {
    expect(actionsForEvent('s3.amazonaws.com', 'NoSuchOperation')).toEqual({ kind: 'unmapped' });
    expect(actionsForEvent('signin.amazonaws.com', 'ConsoleLogin')).toEqual({ kind: 'unmapped' });
    expect(actionsForEvent('iam.amazonaws.com', 'constructor')).toEqual({ kind: 'unmapped' });
    expect(actionsForEvent('iam.amazonaws.com', '__proto__')).toEqual({ kind: 'unmapped' });
    // The version suffix is stripped for Lambda only.
    expect(actionsForEvent('iam.amazonaws.com', 'ListUsers20150331')).toEqual({ kind: 'unmapped' });
  });
});
