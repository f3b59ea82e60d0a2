import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/index.js';
import { BACKENDS, freshStore } from '../store/test-utils/backends.js';
import { buildApp } from './app.js';
import { seedStore } from './test-utils/fixture.js';

let store: Store;
let cleanup: () => Promise<void>;
let dir: string;
let webRoot: string;

beforeAll(async () => {
  ({ store, cleanup } = await freshStore(BACKENDS[0] as (typeof BACKENDS)[number]));
  await seedStore(store);
  dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-web-'));
  webRoot = path.join(dir, 'web');
  mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>explorer</title>');
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
});
afterAll(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('security headers and static files', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ store, webRoot, allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] });
  });
  afterAll(() => app.close());
  const get = (url: string, host = '127.0.0.1:8080') => app.inject({ method: 'GET', url, headers: { host } });

  it('sends a strict Content-Security-Policy and the usual hardening headers', async () => {
    const r = await get('/');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/api/detections')).headers['content-security-policy']).toBe(csp);
  });

  it('serves the app, its assets and client-side routes, and nothing outside the web root', async () => {
    expect((await get('/')).body).toContain('<title>explorer</title>');
    expect((await get('/assets/app.js')).statusCode).toBe(200);
    expect((await get('/explorer?group=rule')).body).toContain('<title>explorer</title>');
    for (const url of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    ]) {
      const r = await get(url);
      expect(r.body, url).not.toContain('do not serve');
    }
    expect((await get('/assets/missing.js')).statusCode).toBe(404);
  });

  it('refuses other host names on loopback (DNS rebinding)', async () => {
    expect((await get('/api/detections', 'localhost:8080')).statusCode).toBe(200);
    expect((await get('/api/detections', '[::1]:8080')).statusCode).toBe(200);
    const r = await get('/api/detections', 'evil.example:8080');
    expect(r.statusCode).toBe(403);
    expect(r.json()).toEqual({ code: 'forbidden-host', message: 'this host name is not allowed' });
  });
});

describe('token', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ store, webRoot, token: 's3cret-token' });
  });
  afterAll(() => app.close());

  it('refuses requests without the token, for the API and the app', async () => {
    for (const url of ['/api/detections', '/', '/assets/app.js']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(r.body).not.toContain('explorer');
    }
    const wrong = await app.inject({
      method: 'GET',
      url: '/api/detections',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/?token=nope' })).statusCode).toBe(401);
  });

  it('accepts a Bearer header, and a ?token= once that becomes an HttpOnly SameSite cookie', async () => {
    const bearer = await app.inject({
      method: 'GET',
      url: '/api/detections',
      headers: { authorization: 'Bearer s3cret-token' },
    });
    expect(bearer.statusCode).toBe(200);
    const first = await app.inject({ method: 'GET', url: '/?token=s3cret-token&group=rule' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/?group=rule');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^iamrisk_token=s3cret-token;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = await app.inject({
      method: 'GET',
      url: '/api/detections',
      headers: { cookie: 'other=1; iamrisk_token=s3cret-token' },
    });
    expect(cookie.statusCode).toBe(200);
  });
});
