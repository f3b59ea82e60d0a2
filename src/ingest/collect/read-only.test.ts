import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CreateUserCommand, DeleteRoleCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { createClients } from './clients.js';
import { isReadOperation, WriteRefusedError } from './read-only.js';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Every identifier the collector's own source files import from an AWS SDK client package. */
function sdkImports(): { file: string; name: string; service: string }[] {
  const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const out: { file: string; name: string; service: string }[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(here, file), 'utf8');
    for (const m of text.matchAll(
      /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/client-([a-z0-9-]+)'/g,
    )) {
      if (m[1]) continue; // types only: nothing can be sent with them
      for (const raw of m[2]!.split(',')) {
        const name = raw.trim().split(/\s+as\s+/)[0]!;
        if (name) out.push({ file, name, service: m[3]! });
      }
    }
  }
  return out;
}

describe('read-only by construction', () => {
  it('the collector imports only read commands and read paginators from the SDK', () => {
    const imports = sdkImports();
    const operations = imports
      .map(({ name }) => /^(?:paginate)?([A-Z]\w*?)(?:Command)?$/.exec(name))
      .filter((m) => m && (m[0].endsWith('Command') || m[0].startsWith('paginate')))
      .map((m) => m![1]!);
    // The scan must see the calls we know are there, or it proves nothing.
    expect(operations).toEqual(
      expect.arrayContaining([
        'GetAccountAuthorizationDetails',
        'GenerateCredentialReport',
        'DescribeInstances',
        'ListFunctions',
        'AssumeRole',
        'LookupEvents',
        'GetObject',
        'DescribePolicy',
        'DescribeStacks',
        'BatchGetProjects',
        'DescribeNotebookInstance',
        'GetJobs',
        'DescribeTaskDefinition',
      ]),
    );
    expect(operations.filter((op) => !isReadOperation(op))).toEqual([]);
    // Anything else imported from an SDK package must be a client class (no stray command or helper).
    const others = imports.filter(({ name }) => !/Command$|^paginate/.test(name)).map((i) => i.name);
    expect(others.filter((n) => !/Client$/.test(n))).toEqual([]);
  });

  it('docs/collect.md lists exactly the IAM actions behind the operations the collector can call', () => {
    // IAM action names differ from API names in a few places (https://docs.aws.amazon.com/service-authorization/latest/reference/).
    const actionOf: Record<string, string | null> = {
      's3:ListObjectsV2': 's3:ListBucket',
      'sts:GetCallerIdentity': null,
    };
    const actions = new Set<string>();
    for (const { name, service } of sdkImports()) {
      const m = /^(?:paginate)?([A-Z]\w*?)(?:Command)?$/.exec(name);
      if (!m || !(name.endsWith('Command') || name.startsWith('paginate'))) continue;
      const op = `${service}:${m[1]}`;
      const action = op in actionOf ? actionOf[op] : op;
      if (action) actions.add(action);
    }
    const doc = readFileSync(path.join(here, '../../../docs/collect.md'), 'utf8');
    const block = /<!-- collect-policy:start -->\s*```json\n([\s\S]*?)```/.exec(doc);
    const policy = JSON.parse(block![1]!) as { Statement: { Action: string[] }[] };
    expect(policy.Statement[0]!.Action).toEqual([...actions].sort());
  });

  it('classifies operation names', () => {
    for (const op of [
      'GetRole',
      'ListUsers',
      'DescribeInstances',
      'GenerateCredentialReport',
      'LookupEvents',
      'AssumeRole',
      'BatchGetProjects',
    ])
      expect(isReadOperation(op), op).toBe(true);
    for (const op of [
      'CreateUser',
      'DeleteRole',
      'PutRolePolicy',
      'AttachUserPolicy',
      'UpdateAssumeRolePolicy',
      'TagRole',
      'GenerateOrganizationsAccessReport',
      'RunInstances',
      'InvokeFunction',
      'BatchDeleteBuilds',
      'BatchGetBuilds', // a read, but not one the collector needs: only the one Batch read is allowed
    ])
      expect(isReadOperation(op), op).toBe(false);
  });

  it('refuses a write before any request is made, and never reports it as sent', async () => {
    const sent: string[] = [];
    // A closed port: if the guard let the call through, the error would be a connection error instead.
    const clients = createClients(
      {
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
        homeRegion: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1,
      },
      (op) => sent.push(op),
    );
    await expect(clients.iam().send(new CreateUserCommand({ UserName: 'mallory' }))).rejects.toBeInstanceOf(
      WriteRefusedError,
    );
    await expect(clients.iam().send(new DeleteRoleCommand({ RoleName: 'x' }))).rejects.toThrow(
      /iam:DeleteRole/,
    );
    expect(sent).toEqual([]);
  });
});
