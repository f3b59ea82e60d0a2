import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './parse.js';

const doc = {
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': true } } },
};

describe('parsePolicyDocument', () => {
  it('normalises a single statement, string lists and boolean condition values', () => {
    const r = parsePolicyDocument(doc);
    expect(r).toEqual({
      kind: 'ok',
      value: {
        version: '2012-10-17',
        statements: [
          {
            sid: null,
            effect: 'Allow',
            action: ['s3:GetObject'],
            resource: ['*'],
            condition: { Bool: { 'aws:SecureTransport': ['true'] } },
          },
        ],
      },
    });
  });
  it('decodes the URL-encoded raw API form', () => {
    const r = parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)));
    expect(r.kind).toBe('ok');
  });
  it('returns errors as data for invalid JSON and bad shapes', () => {
    expect(parsePolicyDocument('{"Statement": [')).toMatchObject({ kind: 'error', errors: [{ code: 'policy.invalid-json' }] });
    expect(parsePolicyDocument({ Statement: [{ Effect: 'Permit', Action: '*' }] })).toMatchObject({
      kind: 'error',
      errors: [{ code: 'policy.invalid-effect' }],
    });
    expect(parsePolicyDocument({ Statement: [{ Effect: 'Allow', Action: 3 }] })).toMatchObject({ kind: 'error' });
    expect(parsePolicyDocument([])).toMatchObject({ kind: 'error', errors: [{ code: 'policy.not-object' }] });
  });
});
