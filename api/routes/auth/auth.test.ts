import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { addUser } from '../../auth/users';
import { auditLog, users } from '../../db/schema';
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

describe('changing one’s own password', () => {
  const OLD = 'correct horse battery staple';
  const NEW = 'a brand new long passphrase';
  const change = (auth: { cookie: string; 'x-csrf-token': string }, body: unknown, init: { headers?: Record<string, string>; raw?: string } = {}) =>
    t.request('/api/auth/password', {
      method: 'POST',
      headers: { ...auth, ...(init.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.raw !== undefined ? { body: init.raw } : { json: body }),
    });
  const emailOf = async (userId: string) => (await t.db.select({ email: users.email }).from(users).where(eq(users.id, userId)))[0].email;
  const hashOf = async (userId: string) => (await t.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0].h;

  it('changes it (204): the old one no longer signs in, the new one does; other sessions end, this one stays; audited', async () => {
    const me = await loginAs(t, 'moderator');
    const email = await emailOf(me.userId);
    const other = await login(email, OLD);
    const otherCookie = other.headers.get('set-cookie')!.split(';')[0];
    const res = await change(me, { currentPassword: OLD, newPassword: NEW });
    expect(res.status).toBe(204);
    expect((await login(email, OLD)).status).toBe(401);
    expect((await login(email, NEW)).status).toBe(200);
    expect((await t.request('/api/auth/me', { headers: { cookie: me.cookie } })).status).toBe(200);
    expect((await t.request('/api/auth/me', { headers: { cookie: otherCookie } })).status).toBe(401);
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.password-change'), eq(auditLog.target, email)));
    expect(entries).toHaveLength(1);
    expect(entries[0].userId).toBe(me.userId);
    expect(JSON.stringify(entries)).not.toContain(NEW);
  });

  const refusals: [string, unknown, number, string | null][] = [
    ['a wrong current password', { currentPassword: 'not my password', newPassword: NEW }, 422, 'currentPassword'],
    ['the current password again', { currentPassword: OLD, newPassword: OLD }, 422, 'newPassword'],
    ['a new password under 10 characters', { currentPassword: OLD, newPassword: 'short' }, 422, 'newPassword'],
    ['a new password over 200 characters', { currentPassword: OLD, newPassword: 'x'.repeat(201) }, 422, 'newPassword'],
    ['no current password', { newPassword: NEW }, 422, 'currentPassword'],
    ['a number for the new password', { currentPassword: OLD, newPassword: 1234567890123 }, 422, 'newPassword'],
    ['an unknown field', { currentPassword: OLD, newPassword: NEW, email: 'x@example.org' }, 422, 'email'],
    ['a list', [OLD, NEW], 422, '(body)'],
  ];
  it.each(refusals)('refuses %s (%i naming %s) and changes nothing', async (_what, body, status, field) => {
    const me = await loginAs(t, 'analyst');
    const [hash, counts] = [await hashOf(me.userId), await tableCounts(t.db)];
    const p = await expectProblem(await change(me, body), status);
    if (field) expect(p.errors?.map((e) => e.field)).toContain(field);
    expect(await hashOf(me.userId)).toBe(hash);
    expect(await tableCounts(t.db)).toEqual(counts);
  });

  it('refuses malformed JSON (400), an oversized body (413), no CSRF token (403), no session (401), and changes nothing', async () => {
    const me = await loginAs(t, 'admin');
    const [hash, counts] = [await hashOf(me.userId), await tableCounts(t.db)];
    await expectProblem(await change(me, null, { raw: '{"currentPassword": ' }), 400);
    await expectProblem(await change(me, { currentPassword: OLD, newPassword: NEW, pad: 'x'.repeat(5000) }), 413);
    await expectProblem(await change({ cookie: me.cookie, 'x-csrf-token': 'wrong' }, { currentPassword: OLD, newPassword: NEW }), 403);
    await expectProblem(await t.request('/api/auth/password', { method: 'POST', json: { currentPassword: OLD, newPassword: NEW } }), 401);
    expect(await hashOf(me.userId)).toBe(hash);
    expect(await tableCounts(t.db)).toEqual(counts);
  });

  it('after 10 attempts in 15 minutes answers 429 with Retry-After, even to the right password', async () => {
    const me = await loginAs(t, 'analyst');
    const hash = await hashOf(me.userId);
    for (let i = 0; i < 10; i++) await expectProblem(await change(me, { currentPassword: `guess ${i}`, newPassword: NEW }), 422);
    const res = await change(me, { currentPassword: OLD, newPassword: NEW });
    await expectProblem(res.clone(), 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await hashOf(me.userId)).toBe(hash);
    t.now.value = new Date(t.now.value.getTime() + 16 * 60 * 1000);
    expect((await change(me, { currentPassword: OLD, newPassword: NEW })).status).toBe(204);
  });
});
