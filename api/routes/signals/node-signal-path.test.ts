// The Node server's direct path for POST /signals answers byte for byte as the Hono route does,
// takes the requests it should, and leaves every other request to the app.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoses } from '../../db/schema';
import { createTestApp, tableCounts, type TestApp } from '../../test/test-app';
import { FAR_AWAY, IN_GAP, validSignal } from './test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ http: true, seed: true, residentSignals: 20, env: { SIGNAL_RATE_LIMIT: '0' } });
});
afterAll(() => t.close());

type Sent = { path?: string; body: string; type?: string; headers?: Record<string, string> };
const init = ({ body, type = 'application/json', headers = {} }: Sent) => ({ method: 'POST', body, headers: { 'content-type': type, ...headers } });
const viaSocket = (s: Sent) => t.request(s.path ?? '/api/diagnoses/demo/signals', init(s));
const viaHono = (s: Sent) => Promise.resolve(t.app.request(s.path ?? '/api/diagnoses/demo/signals', init(s)));
const answer = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  retryAfter: res.headers.get('retry-after'),
  body: await res.text(),
});

const json = (over: Record<string, unknown> = {}) => JSON.stringify(validSignal(over));

// Requests whose answer does not depend on what is stored.
const stateless: [string, Sent][] = [
  ['malformed JSON', { body: '{"id": ' }],
  ['empty body', { body: '' }],
  ['a byte-order mark before the JSON', { body: `\uFEFF${JSON.stringify({ id: 'x' })}` }],
  ['invalid fields', { body: JSON.stringify({ id: 'x', categories: ['ufo'], timeBands: [], intensity: 9, extra: 1 }) }],
  ['a list', { body: '[]' }],
  ['null', { body: 'null' }],
  ['a point outside the territory', { body: json(FAR_AWAY) }],
  ['a point in a gap', { body: json(IN_GAP) }],
  ['an unknown zone', { body: json({ lat: undefined, lon: undefined, zoneId: 'nowhere' }) }],
  ['an unknown diagnosis', { path: '/api/diagnoses/nowhere/signals', body: json() }],
  ['a query string', { path: '/api/diagnoses/nowhere/signals?lang=en', body: json() }],
  ['charset and case in the content type', { body: '{', type: 'Application/JSON; charset=utf-8' }],
];

describe('the same answers as the Hono route', () => {
  it.each(stateless)('%s', async (_what, sent) => {
    const before = await tableCounts(t.db);
    const hits = t.directAnswers();
    const direct = await answer(await viaSocket(sent));
    expect(t.directAnswers()).toBe(hits + 1);
    expect(direct).toEqual(await answer(await viaHono(sent)));
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(direct.type).toBe('application/problem+json; charset=utf-8');
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('a new report, its retry and a conflicting reuse of its id', async () => {
    const id = crypto.randomUUID();
    const first = await answer(await viaSocket({ body: json({ id }) }));
    expect(first.status).toBe(201);
    const retryHono = await answer(await viaHono({ body: json({ id }) }));
    const retrySocket = await answer(await viaSocket({ body: json({ id }) }));
    expect(retryHono).toEqual({ ...first, status: 200 });
    expect(retrySocket).toEqual(retryHono);
    const conflict = { body: json({ id, intensity: 1 }) };
    const c1 = await answer(await viaSocket(conflict));
    expect(c1.status).toBe(409);
    expect(c1).toEqual(await answer(await viaHono(conflict)));
  });

  it('the success answer has the same headers, security headers included', async () => {
    const direct = await viaSocket({ body: json() });
    const hono = await t.request('/api/diagnoses/demo/signals', { ...init({ body: json() }), headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    expect(direct.status).toBe(201);
    expect(hono.status).toBe(201);
    const names = (r: Response) => [...r.headers.keys()].filter((n) => !['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(n)).sort();
    expect(names(direct)).toEqual(names(hono));
    expect(direct.headers.get('content-security-policy')).toBe(hono.headers.get('content-security-policy'));
    expect(direct.headers.get('content-type')).toBe(hono.headers.get('content-type'));
  });

  it('a diagnosis that is not open: the same 409', async () => {
    await t.db.update(diagnoses).set({ status: 'closed' }).where(eq(diagnoses.slug, 'demo'));
    try {
      const sent = { body: json() };
      const direct = await answer(await viaSocket(sent));
      expect(direct.status).toBe(409);
      expect(direct).toEqual(await answer(await viaHono(sent)));
    } finally {
      await t.db.update(diagnoses).set({ status: 'open' }).where(eq(diagnoses.slug, 'demo'));
    }
  });
});

describe('what it leaves to the app', () => {
  const left: [string, Sent, number][] = [
    ['a streamed (chunked) body', { body: json(), headers: { 'transfer-encoding': 'chunked' } }, 201],
    ['a body over 8 KiB', { body: json({ text: 'x'.repeat(9000) }) }, 413],
    ['text/plain', { body: json(), type: 'text/plain' }, 415],
    ['a media type Hono reads as no JSON (the body counts as {})', { body: json(), type: 'application/a+b+json' }, 422],
    ['an invalid slug', { path: '/api/diagnoses/Not_A_Slug/signals', body: json() }, 400],
    ['an encoded path', { path: '/api/diagnoses/d%65mo/signals', body: json() }, 201],
    ['a trailing slash', { path: '/api/diagnoses/demo/signals/', body: json() }, 404],
  ];
  it.each(left)('%s → %i from the app', async (_what, sent, status) => {
    const hits = t.directAnswers();
    const res = await viaSocket(sent);
    expect(res.status).toBe(status);
    expect(t.directAnswers()).toBe(hits);
  });

  it('every other route', async () => {
    const hits = t.directAnswers();
    expect((await t.request('/api/health')).status).toBe(200);
    expect((await t.request('/api/diagnoses/demo/signals', { method: 'GET' })).status).toBe(405);
    expect(t.directAnswers()).toBe(hits);
  });
});

describe('the rate limit on the direct path', () => {
  it('counts the socket peer: the third new report in the hour is 429 with Retry-After, a retry still 200', async () => {
    const limited = await createTestApp({ http: true, seed: true, residentSignals: 0, env: { SIGNAL_RATE_LIMIT: '2' } });
    try {
      const send = (body: string) => limited.request('/api/diagnoses/demo/signals', init({ body }));
      const first = json();
      expect((await send(first)).status).toBe(201);
      expect((await send(json())).status).toBe(201);
      const before = await tableCounts(limited.db);
      const refused = await send(json());
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await send(first)).status).toBe(200);
      expect(await tableCounts(limited.db)).toEqual(before);
      expect(limited.directAnswers()).toBe(4);
    } finally {
      await limited.close();
    }
  });
});
