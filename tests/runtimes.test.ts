// End-to-end smoke suite: the same checks against `npm start` (Node + libSQL file) and
// `npm run dev:worker` (workerd + local D1), each from an empty database.
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaderEntries } from '../api/lib/security-headers';
import { type RunningServer, startServer } from './server';

/** A GET whose body arrives as sent (fetch would decode it). */
function rawGet(url: string, acceptEncoding: string): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

// Totals seen per runtime: the same demo seed must read the same on both.
const figures: Record<string, number> = {};

describe.each([
  ['node', 'node'],
  ['worker', 'workers'],
] as const)('%s runtime', (kind, runtime) => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer(kind);
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('answers /api/health', async () => {
    const res = await fetch(`${s.base}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', runtime, db: 'ok' });
  });

  it('seeded the demo and serves its public description', async () => {
    const res = await fetch(`${s.base}/api/diagnoses/demo/public`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { slug: string; demo: boolean; zones: { features: unknown[] }; categories: unknown[] };
    expect(body.slug).toBe('demo');
    expect(body.demo).toBe(true);
    expect(body.zones.features.length).toBe(25);
    expect(body.categories.length).toBeGreaterThanOrEqual(12);
  });

  it('printed the links a newcomer needs', async () => {
    await expect.poll(() => s.output(), { timeout: 10_000 }).toContain('/s/demo');
    expect(s.output()).toMatch(/\/q\/[A-Za-z0-9_-]{32}/);
    expect(s.output()).toContain('/app');
  });

  it('serves the web app with SPA fallback and security headers', async () => {
    // A dot file of the build (web/public/.assetsignore) is not served: the page is.
    for (const path of ['/', '/s/demo', '/app', '/q/sometoken', '/.assetsignore']) {
      const res = await fetch(`${s.base}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('puts the same security headers on pages, assets, API answers and problem documents', async () => {
    const html = await (await fetch(`${s.base}/`)).text();
    const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeTruthy();
    for (const path of ['/', asset!, '/api/health', '/api/diagnoses/demo/public', '/api/no-such-route']) {
      const res = await fetch(`${s.base}${path}`);
      for (const [name, value] of securityHeaderEntries) expect(res.headers.get(name), `${name} on ${path}`).toBe(value);
      await res.arrayBuffer();
    }
  });

  it('compresses assets: Node sends the build\'s Brotli or gzip copy, Workers leave the copies out', async () => {
    const html = await (await fetch(`${s.base}/`)).text();
    const asset = html.match(/\/assets\/[^"]+\.js/)![0];
    const plain = await rawGet(`${s.base}${asset}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(10_000);
    if (kind === 'worker') {
      // web/public/.assetsignore: Cloudflare compresses by itself, the copies are not uploaded.
      const copy = await rawGet(`${s.base}${asset}.br`, 'identity');
      expect(copy.headers['content-type']).toMatch(/text\/html/);
      return;
    }
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await rawGet(`${s.base}${asset}`, accept);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.body.length).toBeLessThan(plain.body.length / 2);
      expect(decode(res.body).equals(plain.body)).toBe(true);
    }
  });

  it('answers bad requests with problem documents', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/api/no-such-route', {}, 404],
      ['/api/diagnoses/no-such-diagnosis/public', {}, 404],
      ['/api/diagnoses/BAD_SLUG/public', {}, 400],
      ['/api/auth/login', { method: 'POST', body: '{"email":', headers: { 'content-type': 'application/json' } }, 400],
      ['/api/auth/login', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }, 415],
      ['/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'a@b.it', password: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } }, 413],
      ['/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 1, extra: true }), headers: { 'content-type': 'application/json' } }, 422],
    ];
    for (const [path, init, status] of cases) {
      const res = await fetch(`${s.base}${path}`, init);
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { status: number; title: string };
      expect(body.status).toBe(status);
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
    }
  });

  it('signs the demo admin in', async () => {
    const res = await fetch(`${s.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@osservatorio.example', password: 'osservatorio-demo' }),
    });
    expect(res.status).toBe(200);
  });

  it('reads the diagnosis: the analysis scan gives the same figures on both runtimes', async () => {
    const login = await fetch(`${s.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@osservatorio.example', password: 'osservatorio-demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const time = await fetch(`${s.base}/api/diagnoses/demo/analysis/time`, { headers: { cookie } });
    expect(time.status).toBe(200);
    const profile = (await time.json()) as { total: number; categories: unknown[] };
    // The demo's signals: thousands of resident reports plus police and media figures.
    expect(profile.total).toBeGreaterThan(3000);
    expect(profile.categories.length).toBeGreaterThan(5);
    figures[kind] = profile.total;
    const zones = await fetch(`${s.base}/api/diagnoses/demo/analysis/zones?sources=resident`, { headers: { cookie } });
    expect(zones.status).toBe(200);
    expect(((await zones.json()) as { zones: unknown[] }).zones.length).toBe(25);
    if (figures.node !== undefined && figures.worker !== undefined) expect(figures.worker).toBe(figures.node);
  });
});
