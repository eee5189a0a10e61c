// The signals API on the scale path: `npm run dev:worker` (workerd + local D1). D1 differs from
// libSQL where it matters here (batch statements, no cross-request I/O), so the contract is
// checked there too: stored once, replay, conflict, territory, rate limit, perception, moderation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../tests/server';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer('worker');
}, 180_000);
afterAll(async () => {
  await s?.stop();
});

type Feature = { id: string; properties: { name: string }; geometry: { coordinates: number[][][] } };
const post = (body: unknown, ip = '192.0.2.7') =>
  fetch(`${s.base}/api/diagnoses/demo/signals`, { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip }, body: JSON.stringify(body) });

describe('signals on Workers + D1', () => {
  it('stores a report once, answers retries, refuses conflicts and points outside the territory', async () => {
    const zones = ((await (await fetch(`${s.base}/api/diagnoses/demo/public`)).json()) as { zones: { features: Feature[] } }).zones.features;
    const piazza = zones.find((f) => f.properties.name === 'Piazza Roma')!;
    const ring = piazza.geometry.coordinates[0].slice(0, -1);
    const lon = ring.reduce((a, p) => a + p[0], 0) / ring.length;
    const lat = ring.reduce((a, p) => a + p[1], 0) / ring.length;
    const body = { id: crypto.randomUUID(), lat, lon, categories: ['lighting'], timeBands: ['night'], intensity: 5, text: 'Prova su workerd.' };

    const first = await post(body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: body.id, zoneId: piazza.id });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect((await post({ ...body, intensity: 1 })).status).toBe(409);
    expect((await post({ ...body, id: crypto.randomUUID(), lat: 43.79, lon: 10.51 })).status).toBe(422);
    const byZone = await post({ ...body, id: crypto.randomUUID(), lat: undefined, lon: undefined, zoneId: zones[0].id });
    expect(byZone.status).toBe(201);

    const perception = await fetch(`${s.base}/api/diagnoses/demo/signals/${body.id}/perception`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ safeAfterDark: 'very-safe' }),
    });
    expect(perception.status).toBe(200);
  });

  it('concurrent copies of one id store one row; other clients are not throttled by one another', async () => {
    const body = { id: crypto.randomUUID(), lat: 43.8375, lon: 10.567, categories: ['groups'], timeBands: ['evening'], intensity: 3 };
    const same = (await Promise.all(Array.from({ length: 5 }, () => post(body, '203.0.113.1')))).map((r) => r.status).sort();
    expect(same).toEqual([200, 200, 200, 200, 201]);
    const many = await Promise.all(Array.from({ length: 10 }, (_, i) => post({ ...body, id: crypto.randomUUID() }, `198.51.100.${i}`)));
    expect(many.map((r) => r.status)).toEqual(Array(10).fill(201));
  });

  it('limits one client to 30 new reports an hour (429 with Retry-After)', async () => {
    const body = { lat: 43.8375, lon: 10.567, categories: ['groups'], timeBands: ['evening'], intensity: 3 };
    for (let i = 0; i < 30; i++) expect((await post({ ...body, id: crypto.randomUUID() }, '203.0.113.99')).status).toBe(201);
    const limited = await post({ ...body, id: crypto.randomUUID() }, '203.0.113.99');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('moderates: list pending by cursor, hide with a reason', async () => {
    const login = await fetch(`${s.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@osservatorio.example', password: 'osservatorio-demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const page = (await (await fetch(`${s.base}/api/diagnoses/demo/moderation/signals?limit=3`, { headers: { cookie } })).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).toBeTruthy();
    const next = await fetch(`${s.base}/api/diagnoses/demo/moderation/signals?limit=3&cursor=${page.nextCursor}`, { headers: { cookie } });
    expect(next.status).toBe(200);
    const hide = await fetch(`${s.base}/api/diagnoses/demo/moderation/signals/${page.items[0].id}/hide`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Prova su workerd' }),
    });
    expect(hide.status).toBe(200);
    expect(((await hide.json()) as { moderation: string }).moderation).toBe('hidden');
  });
});
