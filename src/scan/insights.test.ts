import { describe, expect, it } from 'vitest';
import { createAuthz } from '../policy/authz.js';
import { buildInventory, statements } from '../policy/test-utils/build-inventory.js';
import { rollUpUsage } from '../usage/rollup.js';
import { buildInsights } from './insights.js';

const inventory = buildInventory({
  users: [
    {
      name: 'alice',
      inline: {
        p: statements({
          Effect: 'Allow',
          Action: ['ec2:DescribeInstances', 'ec2:StartInstances'],
          Resource: '*',
        }),
      },
    },
  ],
  roles: [{ name: 'nothing' }],
});
const alice = 'arn:aws:iam::100000000001:user/alice';
const asOf = new Date('2026-11-20T00:00:00Z');
const authz = createAuthz(inventory, { asOf });

describe('buildInsights', () => {
  it('lists each identity with its granted actions and their status in the window', () => {
    const usage = rollUpUsage(
      [
        {
          principalArn: alice,
          action: 'ec2:DescribeInstances',
          day: '2026-11-18',
          used: 3,
          denied: 0,
          errors: 0,
          firstSeen: '2026-11-18T01:00:00Z',
          lastSeen: '2026-11-18T02:00:00Z',
          lastUsed: '2026-11-18T02:00:00Z',
          lastDenied: null,
        },
      ],
      { from: new Date('2026-11-05T00:00:00Z'), to: asOf },
    );
    const out = [...buildInsights({ inventory, authz, usage })];
    expect(out.map((i) => i.arn)).toEqual([alice, 'arn:aws:iam::100000000001:role/nothing']);
    expect(out[0]?.actions).toEqual([
      {
        action: 'ec2:DescribeInstances',
        service: 'ec2',
        status: 'used',
        lastUsed: '2026-11-18T02:00:00Z',
        lastDenied: null,
        count: 3,
      },
      {
        action: 'ec2:StartInstances',
        service: 'ec2',
        status: 'unused',
        lastUsed: null,
        lastDenied: null,
        count: 0,
      },
    ]);
    expect(out[1]?.actions).toEqual([]);
  });

  it('never calls an action unused without CloudTrail: everything is unobservable', () => {
    const [first] = buildInsights({ inventory, authz });
    expect(first?.actions.map((a) => a.status)).toEqual(['unobservable', 'unobservable']);
  });
});
