import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionCatalog,
  actionExists,
  actionsByService,
  actionInfo,
  actionInfoByService,
  expandActionPattern,
  unknownActionPatterns,
} from './catalog.js';
import { actionMatches } from './wildcard.js';

const catalog = actionCatalog();

describe('actionCatalog', () => {
  it('loads the whole catalog once, in AWS casing, with unique lower-case names', () => {
    expect(catalog.names.length).toBeGreaterThan(20_000);
    expect(catalog.services.size).toBeGreaterThan(400);
    expect(actionCatalog()).toBe(catalog);
    expect(new Set(catalog.names.map((n) => n.toLowerCase())).size).toBe(catalog.names.length);
    expect(catalog.names).toContain('iam:PassRole');
    expect(catalog.names).toContain('s3:GetObject');
  });

  it('gives each service a contiguous range holding only its actions', () => {
    let total = 0;
    for (const [service, { start, end }] of catalog.services) {
      total += end - start;
      for (let i = start; i < end; i++) expect(catalog.actions[i]!.service).toBe(service);
    }
    expect(total).toBe(catalog.names.length);
  });

  it('knows access levels and resource types', () => {
    expect(actionInfo('IAM:passrole')).toMatchObject({ name: 'iam:PassRole', accessLevel: 'Write' });
    expect(actionInfo('s3:GetObject')!.resourceTypes.map((r) => r.name)).toContain('object');
    expect(actionInfo('s3:ListAllMyBuckets')!.resourceTypes).toEqual([]);
    expect(actionInfo('s3:NoSuchAction')).toBeNull();
    expect(actionExists('sts:AssumeRole')).toBe(true);
    expect(actionExists('sts:Assume*')).toBe(false);
  });
});

describe('actionInfoByService', () => {
  it('answers exactly as the whole catalog, for every action in any casing, and null for unknowns', () => {
    for (const a of actionCatalog().actions) {
      expect(actionInfoByService(a.name)).toEqual(a);
      expect(actionInfoByService(a.name.toUpperCase())).toEqual(a);
    }
    for (const name of [
      's3:NoSuchAction',
      'nosuchservice:GetThing',
      '../actions/s3:GetObject',
      's3',
      ':GetObject',
    ]) {
      expect(actionInfoByService(name)).toBeNull();
    }
  });
});

describe('expandActionPattern', () => {
  it('expands wildcards case-insensitively', () => {
    const get = expandActionPattern('S3:get*');
    expect(get.has('s3:GetObject')).toBe(true);
    expect(get.has('s3:PutObject')).toBe(false);
    expect(get.names().every((n) => n.startsWith('s3:Get'))).toBe(true);
    expect(expandActionPattern('iam:Pass?ole').names()).toEqual(['iam:PassRole']);
    expect(expandActionPattern('*').isFull()).toBe(true);
    expect(expandActionPattern('*:*').isFull()).toBe(true);
    expect(expandActionPattern('iam:*').size()).toBe(
      catalog.services.get('iam')!.end - catalog.services.get('iam')!.start,
    );
  });

  it('lets a service wildcard span the colon', () => {
    const s = expandActionPattern('s3*');
    expect(s.has('s3:GetObject')).toBe(true);
    expect(s.has('s3express:CreateSession')).toBe(true);
    expect(s.has('sqs:SendMessage')).toBe(false);
    expect(expandActionPattern('*:GetObject').has('s3:GetObject')).toBe(true);
  });

  it('matches nothing for unknown services and actions, and reports them', () => {
    expect(expandActionPattern('nosuchservice:*').isEmpty()).toBe(true);
    expect(expandActionPattern('s3:NoSuchAction').isEmpty()).toBe(true);
    expect(expandActionPattern('').isEmpty()).toBe(true);
    expect(unknownActionPatterns(['s3:GetObject', 'nosuchservice:*', 'ec2:Describe*', 'iam:Pass'])).toEqual([
      'nosuchservice:*',
      'iam:Pass',
    ]);
  });

  it('agrees with actionMatches over the catalog for generated patterns', () => {
    const services = [...catalog.services.keys()];
    const pattern = fc
      .tuple(
        fc.constantFrom(...services.slice(0, 60), 's3', 'iam', 'ec2', '*', 's*', 'i?m'),
        fc.constantFrom('*', 'Get*', '*Policy*', 'List?*', 'Create*Role', 'PassRole', 'describe*', '?*s'),
      )
      .map(([s, a]) => `${s}:${a}`);
    fc.assert(
      fc.property(pattern, (p) => {
        const expected = catalog.names.filter((n) => actionMatches(p, n));
        expect(expandActionPattern(p).names()).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('actionsByService', () => {
  it('groups a set by service, in catalog order, and leaves out services with nothing granted', () => {
    const set = expandActionPattern('iam:PassRole').union(expandActionPattern('s3:GetObject*'));
    const grouped = actionsByService(set);
    expect([...grouped.keys()]).toEqual(['iam', 's3']);
    expect(grouped.get('iam')).toEqual(['iam:PassRole']);
    expect(grouped.get('s3')).toEqual(set.names().filter((n) => n.startsWith('s3:')));
    expect(actionsByService(expandActionPattern('nosuch:*')).size).toBe(0);
  });
});
