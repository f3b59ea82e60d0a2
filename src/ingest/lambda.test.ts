import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from './from-raw.js';
import { transform } from './lambda.js';

const fixture = (): unknown =>
  JSON.parse(
    readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/lambda-functions.json'),
      'utf8',
    ),
  );

describe('lambda: list-functions', () => {
  it('reads functions with region and account from the ARN', () => {
    const { inventory, inputs } = inventoryFromRaw([{ file: 'fn.json', raw: fixture() }]);
    expect(inputs).toEqual([{ path: 'fn.json', kind: 'lambda-functions', records: 2, errors: [] }]);
    expect(inventory.functions).toEqual([
      {
        arn: 'arn:aws:lambda:us-east-1:100000000001:function:process-orders',
        name: 'process-orders',
        accountId: '100000000001',
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::100000000001:role/service-role/process-orders-role',
        runtime: 'python3.12',
        lastModified: '2024-03-15T12:34:56.789Z',
      },
      {
        arn: 'arn:aws:lambda:eu-west-1:100000000002:function:image-resizer',
        name: 'image-resizer',
        accountId: '100000000002',
        region: 'eu-west-1',
        roleArn: 'arn:aws:iam::100000000002:role/image-resizer',
        runtime: null, // container image: no runtime
        lastModified: '2024-02-01T08:00:00.000Z',
      },
    ]);
    expect([...inventory.coverage.lambdaAccounts].sort()).toEqual(['100000000001', '100000000002']);
  });

  it('reports functions without an ARN or a role, and keeps the rest', () => {
    const t = transform(
      {
        Functions: [
          { FunctionName: 'a', FunctionArn: 'arn:aws:lambda:us-east-1:100000000001:function:a' },
          { FunctionName: 'b', FunctionArn: 'not-an-arn', Role: 'arn:aws:iam::100000000001:role/r' },
          {
            FunctionName: 'c',
            FunctionArn: 'arn:aws:lambda:us-east-1:100000000001:function:c:prod',
            Role: 'arn:aws:iam::100000000001:role/r',
          },
        ],
      },
      'fn.json',
    );
    expect(t.errors).toEqual([
      { where: 'fn.json Functions[0] (a)', reason: 'function a has no Role' },
      { where: 'fn.json Functions[1] (b)', reason: 'function b has no valid FunctionArn' },
    ]);
    expect(t.functions.map((f) => f.arn)).toEqual(['arn:aws:lambda:us-east-1:100000000001:function:c']);
  });
});
