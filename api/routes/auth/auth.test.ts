import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { addUser } from '../../auth/users';
import { requireUser, type AuthEnv } from '../../auth/session';
import { onError } from '../../lib/on-error';
import { loginAs } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addUser(t.db, { email: 'Ana@Example.org', name: 'Ana', password: 'a-long-password', role: 'analyst' });
});
afterAll(() => t.close());

const login = (email: string, password: string) => t.request('/api/auth/login', { method: 'POST', json: { email, password } });

describe('sign-in', () => {
  it('sets an HttpOnly SameSite session cookie and returns a CSRF token', async () => {
    const res = await login('ana@example.org', 'a-long-password');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/osservatorio_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const body = (await res.json()) as any;
    expect(body.user).toMatchObject({ email: 'ana@example.org', role: 'analyst' });
    expect(body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const me = await t.request('/api/auth/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as any).csrfToken).toBe(body.csrfToken);
  });

  it('refuses a wrong password or unknown email with the same 401', async () => {
    const a = await expectProblem(await login('ana@example.org', 'wrong-password'), 401);
    const b = await expectProblem(await login('nobody@example.org', 'wrong-password'), 401);
    expect(a.detail).toBe(b.detail);
  });

  it('rejects bad bodies without writing a session', async () => {
    const before = await tableCounts(t.db);
    await expectProblem(await login('not-an-email', 'x'), 422);
    await expectProblem(await t.request('/api/auth/login', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }), 400);
    await expectProblem(await t.request('/api/auth/login', { method: 'POST', json: { email: 'ana@example.org', password: 'a-long-password', role: 'admin' } }), 422);
    await expectProblem(await t.request('/api/auth/login', { method: 'POST', body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('rate-limits repeated failures for one email with 429 and Retry-After', async () => {
    await addUser(t.db, { email: 'bruno@example.org', name: 'Bruno', password: 'a-long-password', role: 'moderator' });
    for (let i = 0; i < 10; i++) await login('bruno@example.org', 'nope-nope');
    const res = await login('bruno@example.org', 'a-long-password');
    await expectProblem(res, 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('logout ends the session', async () => {
    const h = await loginAs(t, 'admin');
    expect((await t.request('/api/auth/me', { headers: { cookie: h.cookie } })).status).toBe(200);
    expect((await t.request('/api/auth/logout', { method: 'POST', headers: { cookie: h.cookie } })).status).toBe(204);
    await expectProblem(await t.request('/api/auth/me', { headers: { cookie: h.cookie } }), 401);
  });

  it('an expired session is refused', async () => {
    const h = await loginAs(t, 'analyst');
    const saved = t.now.value;
    t.now.value = new Date(saved.getTime() + 13 * 3600_000);
    await expectProblem(await t.request('/api/auth/me', { headers: { cookie: h.cookie } }), 401);
    t.now.value = saved;
  });
});

describe('requireUser', () => {
  const guarded = () => {
    const deps = { db: t.db, clock: () => t.now.value } as Parameters<typeof requireUser>[0];
    return new Hono<AuthEnv>()
      .get('/r', requireUser(deps, 'admin', 'analyst'), (c) => c.json({ role: c.get('user').role }))
      .post('/w', requireUser(deps, 'admin'), (c) => c.json({ ok: true }))
      .onError(onError);
  };

  it('401 anonymous, 403 wrong role, 200 right role', async () => {
    const app = guarded();
    await expectProblem(await app.request('/r'), 401);
    const mod = await loginAs(t, 'moderator');
    await expectProblem(await app.request('/r', { headers: { cookie: mod.cookie } }), 403);
    const ana = await loginAs(t, 'analyst');
    expect((await app.request('/r', { headers: { cookie: ana.cookie } })).status).toBe(200);
  });

  it('writes need the CSRF token of the same session', async () => {
    const app = guarded();
    const a = await loginAs(t, 'admin');
    const b = await loginAs(t, 'admin');
    await expectProblem(await app.request('/w', { method: 'POST', headers: { cookie: a.cookie } }), 403);
    await expectProblem(await app.request('/w', { method: 'POST', headers: { cookie: a.cookie, 'x-csrf-token': b['x-csrf-token'] } }), 403);
    expect((await app.request('/w', { method: 'POST', headers: a })).status).toBe(200);
  });
});
