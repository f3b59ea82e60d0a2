import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  allow,
  doc,
  gaad,
  role,
  trust,
  user,
} from '../../rules/test-utils/gaad.js';
import type { CliIo } from '../io.js';
import { main } from '../main.js';

const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

describe('iamrisk paths and who-can', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-cli-query-'));
    const iam = gaad({
      users: [
        user('admin', { attached: [ADMIN_ARN] }),
        user('dev', { inline: { p: doc(allow('sts:AssumeRole', arn('role', 'hop'))) } }),
        user('reader', { inline: { p: doc(allow('s3:ListAllMyBuckets')) } }),
        // A name with an escape sequence must not reach the terminal raw.
        user('evil\u001b[2J', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'admin'))) } }),
      ],
      roles: [
        role('hop', {
          inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'admin'))) },
          trust: [trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })],
        }),
      ],
      policies: [administratorAccess],
    });
    writeFileSync(path.join(dir, 'gaad.json'), JSON.stringify(iam.raw));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      cwd: dir,
      env: {},
    };
    const code = await main(argv, io);
    return { code, out, err };
  };

  it('paths explains every step of a two-hop path', async () => {
    const r = await run('paths', 'dev', 'gaad.json', '--as-of', '2025-06-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${arn('user', 'dev')} reaches administrator in 2 step(s):`);
    expect(r.out).toContain(
      `1. ${arn('user', 'dev')} -> ${arn('role', 'hop')}\n   sts-001 sts:AssumeRole [sts:AssumeRole]`,
    );
    expect(r.out).toContain(
      `2. ${arn('role', 'hop')} -> ${arn('user', 'admin')}\n   iam-002 iam:CreateAccessKey`,
    );
  });

  it('paths as JSON carries PRODUCT.md path steps; admins and non-escalating principals say so', async () => {
    const j = JSON.parse((await run('paths', arn('user', 'dev'), 'gaad.json', '--format', 'json')).out);
    expect(j.path.map((s: { technique: string }) => s.technique)).toEqual(['sts-001', 'iam-002']);
    expect((await run('paths', 'admin', 'gaad.json')).out).toContain('is already administrator');
    expect((await run('paths', 'reader', 'gaad.json')).out).toContain('has no path to administrator');
  });

  it('paths refuses an unknown principal with a one-line error (exit 2)', async () => {
    const r = await run('paths', 'nobody', 'gaad.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nobody: no such user, role or compute resource/);
  });

  it('who-can lists direct holders first, then escalations, and escapes control characters', async () => {
    const r = await run('who-can', 'iam:DeleteUser', arn('user', 'reader'), 'gaad.json');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.startsWith('arn:'));
    expect(lines[0]).toBe(`${arn('user', 'admin')}: directly`);
    expect(lines).toContain(`${arn('user', 'dev')}: by escalation in 2 step(s)`);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('evil\\x1b[2J');
    expect(r.out).not.toContain(arn('user', 'reader') + ':');
  });
});
