import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AwsAccess } from '../clients.js';

/** A running moto_server on a loopback port. */
export interface Moto {
  endpoint: string;
  access: AwsAccess;
  /** Fake credentials and region, for the SDK clients the tests use to build the scenario. */
  clientConfig: {
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  reset(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function motoBinary(): string {
  const candidates = [process.env.MOTO_SERVER, '/root/.pyenv/shims/moto_server'].filter(
    (c): c is string => !!c,
  );
  for (const c of candidates) if (existsSync(c)) return c;
  return 'moto_server'; // from PATH; spawn fails loudly when it is not installed
}

/**
 * Starts `moto_server -H 127.0.0.1 -p <free port>`, waits until it answers, and isolates the SDK from the
 * user's AWS configuration (no ~/.aws is read: the config and credential files point at an empty folder).
 */
export async function startMoto(): Promise<Moto> {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-noaws-'));
  process.env.AWS_CONFIG_FILE = path.join(empty, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(empty, 'credentials');
  delete process.env.AWS_PROFILE;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(motoBinary(), ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
  let exited = false;
  child.once('exit', () => void (exited = true));
  child.once('error', (e) => {
    exited = true;
    stderr += String(e);
  });
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`moto_server did not start: ${stderr}`);
    if (i > 300) throw new Error(`moto_server did not answer on ${endpoint}: ${stderr}`);
    const up = await fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  return {
    endpoint,
    access: { credentials, homeRegion: 'us-east-1', endpoint, maxAttempts: 2 },
    clientConfig: { region: 'us-east-1', endpoint, credentials },
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
