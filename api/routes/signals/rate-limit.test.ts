// Abuse control without identifying anyone: per-client limit → 429 with Retry-After, retries of
// stored signals do not count, the window passes, and the key is a daily-salted hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { addressHasher, memoryRateStore } from './rate-limit';
import { validSignal } from './test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    seed: true,
    residentSignals: 20,
    env: { SIGNAL_RATE_LIMIT: '3' },
    deps: { clientAddress: (c) => c.req.header('x-test-client') },
  });
});
afterAll(() => t.close());

const post = (client: string, body: unknown) =>
  t.request('/api/diagnoses/demo/signals', { method: 'POST', json: body, headers: { 'x-test-client': client } });

describe('per-client rate limit', () => {
  it('refuses the 4th new signal of a client within the hour with 429 and Retry-After, writing nothing', async () => {
    const stored = validSignal();
    expect((await post('198.51.100.1', stored)).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await post('198.51.100.1', validSignal())).status).toBe(201);
    const before = await tableCounts(t.db);
    const res = await post('198.51.100.1', validSignal());
    const p = await expectProblem(res, 429);
    expect(p.detail).toMatch(/try again/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await tableCounts(t.db)).toEqual(before);
    // A retry of a report already stored still gets its answer while limited.
    expect((await post('198.51.100.1', stored)).status).toBe(200);
    // Another client is not affected.
    expect((await post('198.51.100.2', validSignal())).status).toBe(201);
  });

  it('lets the client in again once the window has passed', async () => {
    const now = t.now.value;
    t.now.value = new Date(now.getTime() + 3_600_000 + 1000);
    try {
      expect((await post('198.51.100.1', validSignal())).status).toBe(201);
    } finally {
      t.now.value = now;
    }
  });

  it('does not count retries of a stored signal', async () => {
    const body = validSignal();
    expect((await post('198.51.100.3', body)).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await post('198.51.100.3', body)).status).toBe(200);
    expect((await post('198.51.100.3', validSignal())).status).toBe(201);
    expect((await post('198.51.100.3', validSignal())).status).toBe(201);
    expect((await post('198.51.100.3', validSignal())).status).toBe(429);
  });

  it('counts honeypot submissions like any other', async () => {
    for (let i = 0; i < 3; i++) expect((await post('198.51.100.4', validSignal({ website: 'spam' }))).status).toBe(201);
    expect((await post('198.51.100.4', validSignal())).status).toBe(429);
  });

  it('stores no address anywhere', async () => {
    const dump = JSON.stringify(await t.db.all(`select * from signals`)) + JSON.stringify(await t.db.all(`select * from audit_log`));
    expect(dump).not.toContain('198.51.100');
  });
});

describe('pieces', () => {
  it('the address key is stable within a UTC day, changes the next day, and differs per address', () => {
    const hash = addressHasher();
    const day = Date.UTC(2026, 10, 1, 9);
    const a = hash('203.0.113.5', day);
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(hash('203.0.113.5', day + 3_600_000)).toBe(a);
    expect(hash('203.0.113.6', day)).not.toBe(a);
    expect(hash('203.0.113.5', day + 86_400_000)).not.toBe(a);
    // Another process (another salt) cannot recompute the key.
    expect(addressHasher()('203.0.113.5', day)).not.toBe(a);
  });

  it('the memory store counts per key in fixed windows and gives back refunds', () => {
    const store = memoryRateStore(2, 1000);
    expect(store.take('k', 0)).toEqual({ allowed: true });
    expect(store.take('k', 10)).toEqual({ allowed: true });
    expect(store.take('k', 20)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    store.refund('k', 30);
    expect(store.take('k', 40)).toEqual({ allowed: true });
    expect(store.take('other', 40)).toEqual({ allowed: true });
    expect(store.take('k', 1001)).toEqual({ allowed: true });
  });
});
