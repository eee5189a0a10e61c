// Accounts API on a real libSQL file: admins create, rename, re-role, disable/enable and reset
// accounts; nobody else may; bad input changes nothing; the last active admin stays one.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../../db/schema';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { expectGuardedWrite, expectRefused } from '../../test/refusals';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: AuthHeaders & { userId: string };
let analyst: AuthHeaders;
let moderator: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t, 'admin');
  analyst = await loginAs(t, 'analyst');
  moderator = await loginAs(t, 'moderator');
});
afterAll(() => t.close());

type User = { id: string; email: string; name: string; role: string; disabledAt: string | null; activeSessions: number };
let seq = 0;
const email = (what: string) => `${what}-${++seq}@ente.example`;
const PASSWORD = 'una password lunga';

const create = (h: Partial<AuthHeaders>, json: unknown) => t.request('/api/users', { method: 'POST', headers: h, json });
const patch = (h: Partial<AuthHeaders>, id: string, json: unknown) => t.request(`/api/users/${id}`, { method: 'PATCH', headers: h, json });
const reset = (h: Partial<AuthHeaders>, id: string, json: unknown) => t.request(`/api/users/${id}/password`, { method: 'POST', headers: h, json });
const login = (emailAddress: string, password: string) => t.request('/api/auth/login', { method: 'POST', json: { email: emailAddress, password } });

async function newUser(role: 'admin' | 'analyst' | 'moderator', password = PASSWORD) {
  const address = email(role);
  const res = await create(admin, { email: address, name: `Persona ${role}`, role, password });
  expect(res.status).toBe(201);
  return { ...((await res.json()) as { user: User }).user, password };
}

async function sessionOf(address: string, password: string): Promise<AuthHeaders> {
  const res = await login(address, password);
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

const auditOf = (action: string, target: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.target, target)));

describe('who may manage accounts', () => {
  it('lists accounts for admins only', async () => {
    await expectRefused(t, 401, '/api/users');
    await expectRefused(t, 403, '/api/users', { headers: { cookie: analyst.cookie } });
    await expectRefused(t, 403, '/api/users', { headers: { cookie: moderator.cookie } });
    const res = await t.request('/api/users', { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { items } = (await res.json()) as { items: (User & { passwordHash?: string })[] };
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.find((u) => u.id === admin.userId)).toMatchObject({ role: 'admin', disabledAt: null, activeSessions: 1 });
    expect(JSON.stringify(items)).not.toContain('pbkdf2');
  });

  it('refuses analysts and moderators every write, changing nothing', async () => {
    const body = { email: email('nope'), name: 'Nessuno', role: 'admin', password: PASSWORD };
    for (const h of [analyst, moderator]) {
      await expectRefused(t, 403, '/api/users', { method: 'POST', headers: h, json: body });
      await expectRefused(t, 403, `/api/users/${admin.userId}`, { method: 'PATCH', headers: h, json: { role: 'moderator' } });
      await expectRefused(t, 403, `/api/users/${admin.userId}/password`, { method: 'POST', headers: h, json: { password: PASSWORD } });
    }
  });
});

describe('creating an account', () => {
  it('creates an analyst with a chosen password, who can then sign in; the audit log says who did it', async () => {
    const address = email('Analista').replace('analista', 'ANALISTA');
    const res = await create(admin, { email: address, name: 'Anna Analisti', role: 'analyst', password: PASSWORD });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { user: User; password?: string };
    expect(body.password).toBeUndefined();
    expect(body.user).toMatchObject({ email: address.toLowerCase(), name: 'Anna Analisti', role: 'analyst', disabledAt: null, activeSessions: 0 });
    const [row] = await t.db.select().from(users).where(eq(users.id, body.user.id));
    expect(row.passwordHash).toMatch(/^pbkdf2\$100000\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect((await login(address, PASSWORD)).status).toBe(200);
    const [entry] = await auditOf('user.create', address.toLowerCase());
    expect(entry).toMatchObject({ userId: admin.userId, diagnosisId: null, details: { name: 'Anna Analisti', role: 'analyst', passwordGenerated: false } });
    expect(JSON.stringify(entry.details)).not.toContain(PASSWORD);
  });

  it('generates a password when none is given and shows it once', async () => {
    const address = email('moderatore');
    const res = await create(admin, { email: address, name: 'Mario Moderati', role: 'moderator' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { user, password } = (await res.json()) as { user: User; password: string };
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await login(address, password)).status).toBe(200);
    const listed = (await (await t.request('/api/users', { headers: { cookie: admin.cookie } })).json()) as { items: User[] };
    expect(JSON.stringify(listed)).not.toContain(password);
    expect(listed.items.find((u) => u.id === user.id)?.activeSessions).toBe(1);
  });

  it('refuses an email that already has an account (whatever its case) with 409', async () => {
    const existing = await newUser('analyst');
    const body = await expectRefused(t, 409, '/api/users', { method: 'POST', headers: admin, json: { email: existing.email.toUpperCase(), name: 'Doppione', role: 'analyst', password: PASSWORD } });
    expect(body.errors?.[0].field).toBe('email');
  });

  it('refuses bad bodies with 422, one entry per bad field, changing nothing', async () => {
    const good = { email: email('ok'), name: 'Valida', role: 'analyst', password: PASSWORD };
    const cases: [unknown, string[]][] = [
      [{ ...good, email: 'not-an-email' }, ['email']],
      [{ ...good, email: 42 }, ['email']],
      [{ ...good, role: 'superuser' }, ['role']],
      [{ ...good, name: '   ' }, ['name']],
      [{ ...good, name: 'x'.repeat(201) }, ['name']],
      [{ ...good, password: 'short' }, ['password']],
      [{ ...good, password: 'x'.repeat(201) }, ['password']],
      [{ ...good, password: null }, ['password']],
      [{ ...good, disabled: true }, ['disabled']],
      [{ name: 'Senza email', role: 'analyst' }, ['email']],
    ];
    for (const [json, fields] of cases) {
      const body = await expectRefused(t, 422, '/api/users', { method: 'POST', headers: admin, json });
      expect(body.errors?.map((e) => e.field), JSON.stringify(json)).toEqual(fields);
    }
  });

  it('refuses without a session or CSRF token, other content types, oversized and malformed bodies', async () => {
    await expectGuardedWrite(t, 'POST', '/api/users', admin, { email: email('guard'), name: 'Guardia', role: 'analyst', password: PASSWORD });
  });
});

describe('changing an account', () => {
  it('renames and changes a role, each change in the audit log; the new role applies to the open session', async () => {
    const u = await newUser('analyst');
    const session = await sessionOf(u.email, u.password);
    expect((await t.request('/api/users', { headers: { cookie: session.cookie } })).status).toBe(403);
    const res = await patch(admin, u.id, { role: 'moderator', name: 'Nuovo Nome' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: 'moderator', name: 'Nuovo Nome' });
    expect((await auditOf('user.role', u.email))[0].details).toEqual({ from: 'analyst', to: 'moderator' });
    expect((await auditOf('user.rename', u.email))[0].details).toEqual({ from: 'Persona analyst', to: 'Nuovo Nome' });
    const me = (await (await t.request('/api/auth/me', { headers: { cookie: session.cookie } })).json()) as { user: User };
    expect(me.user.role).toBe('moderator');
  });

  it('writes nothing for a change that changes nothing', async () => {
    const u = await newUser('analyst');
    const before = (await t.db.select().from(auditLog)).length;
    const res = await patch(admin, u.id, { role: 'analyst', name: u.name, disabled: false });
    expect(res.status).toBe(200);
    expect((await t.db.select().from(auditLog)).length).toBe(before);
  });

  it('disabling ends the sessions at once and refuses sign-in; enabling lets the person in again', async () => {
    const u = await newUser('analyst');
    const session = await sessionOf(u.email, u.password);
    expect((await t.request('/api/auth/me', { headers: { cookie: session.cookie } })).status).toBe(200);
    const res = await patch(admin, u.id, { disabled: true });
    expect(res.status).toBe(200);
    const disabled = (await res.json()) as User;
    expect(disabled.disabledAt).toBe(t.now.value.toISOString());
    expect(disabled.activeSessions).toBe(0);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, u.id))).toEqual([]);
    await expectProblem(await t.request('/api/auth/me', { headers: { cookie: session.cookie } }), 401);
    await expectProblem(await login(u.email, u.password), 401);
    expect(await auditOf('user.disable', u.email)).toHaveLength(1);

    const enabled = await patch(admin, u.id, { disabled: false });
    expect(((await enabled.json()) as User).disabledAt).toBeNull();
    expect((await login(u.email, u.password)).status).toBe(200);
    expect(await auditOf('user.enable', u.email)).toHaveLength(1);
  });

  it('refuses bad changes with 422, unknown ids with 404, malformed ids with 400, changing nothing', async () => {
    const u = await newUser('analyst');
    for (const json of [{}, { role: 'root' }, { disabled: 'yes' }, { disabled: 1 }, { name: '' }, { email: 'new@ente.example' }, { passwordHash: 'x' }]) {
      await expectRefused(t, 422, `/api/users/${u.id}`, { method: 'PATCH', headers: admin, json });
    }
    await expectRefused(t, 404, `/api/users/${crypto.randomUUID()}`, { method: 'PATCH', headers: admin, json: { role: 'analyst' } });
    await expectRefused(t, 400, '/api/users/not-a-uuid', { method: 'PATCH', headers: admin, json: { role: 'analyst' } });
    await expectGuardedWrite(t, 'PATCH', `/api/users/${u.id}`, admin, { role: 'moderator' });
  });
});

describe('the last active admin', () => {
  it('cannot demote or disable themself while no other admin is active', async () => {
    // A fresh database: one admin only (a disabled admin does not count).
    const solo = await createTestApp();
    try {
      const only = await loginAs(solo, 'admin');
      const other = await solo.request('/api/users', { method: 'POST', headers: only, json: { email: 'second@ente.example', name: 'Seconda', role: 'admin', password: PASSWORD } });
      const second = ((await other.json()) as { user: User }).user;
      expect((await solo.request(`/api/users/${second.id}`, { method: 'PATCH', headers: only, json: { disabled: true } })).status).toBe(200);

      for (const json of [{ role: 'analyst' }, { disabled: true }, { role: 'moderator', disabled: true }]) {
        const body = await expectRefused(solo, 409, `/api/users/${only.userId}`, { method: 'PATCH', headers: only, json });
        expect(body.detail).toContain('last active admin');
      }
      // Renaming is fine, and so is demoting once another admin is active again.
      expect((await solo.request(`/api/users/${only.userId}`, { method: 'PATCH', headers: only, json: { name: 'Unica' } })).status).toBe(200);
      expect((await solo.request(`/api/users/${second.id}`, { method: 'PATCH', headers: only, json: { disabled: false } })).status).toBe(200);
      const demoted = await solo.request(`/api/users/${only.userId}`, { method: 'PATCH', headers: only, json: { role: 'analyst' } });
      expect(demoted.status).toBe(200);
      // The demoted admin's session now has the analyst role: the accounts API refuses it.
      await expectProblem(await solo.request('/api/users', { headers: { cookie: only.cookie } }), 403);
    } finally {
      await solo.close();
    }
  });

  it('two admins demoting each other at the same moment: one succeeds, one admin remains', async () => {
    const duo = await createTestApp();
    try {
      const a = await loginAs(duo, 'admin');
      const b = await loginAs(duo, 'admin');
      const [ra, rb] = await Promise.all([
        duo.request(`/api/users/${b.userId}`, { method: 'PATCH', headers: a, json: { role: 'analyst' } }),
        duo.request(`/api/users/${a.userId}`, { method: 'PATCH', headers: b, json: { role: 'analyst' } }),
      ]);
      const statuses = [ra.status, rb.status];
      // Whichever commits second is either refused (409) or already demoted (403).
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      const admins = await duo.db.select().from(users).where(eq(users.role, 'admin'));
      expect(admins).toHaveLength(1);
      expect(await duo.db.select().from(auditLog).where(eq(auditLog.action, 'user.role'))).toHaveLength(1);
    } finally {
      await duo.close();
    }
  });
});

describe('resetting a password', () => {
  it('sets a new password, ends the person’s sessions, and the old password stops working', async () => {
    const u = await newUser('moderator');
    const session = await sessionOf(u.email, u.password);
    const res = await reset(admin, u.id, { password: 'la nuova password' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { password?: string }).password).toBeUndefined();
    await expectProblem(await t.request('/api/auth/me', { headers: { cookie: session.cookie } }), 401);
    await expectProblem(await login(u.email, u.password), 401);
    expect((await login(u.email, 'la nuova password')).status).toBe(200);
    const [entry] = await auditOf('user.password-reset', u.email);
    expect(entry.details).toEqual({ passwordGenerated: false });
  });

  it('generates one when none is given', async () => {
    const u = await newUser('analyst');
    const res = await reset(admin, u.id, {});
    const { password } = (await res.json()) as { password: string };
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await login(u.email, password)).status).toBe(200);
  });

  it('an admin resetting their own password stays signed in here, and only here', async () => {
    const me = await newUser('admin');
    const here = await sessionOf(me.email, me.password);
    const elsewhere = await sessionOf(me.email, me.password);
    expect((await reset(here, me.id, { password: 'ancora più lunga' })).status).toBe(200);
    expect((await t.request('/api/auth/me', { headers: { cookie: here.cookie } })).status).toBe(200);
    await expectProblem(await t.request('/api/auth/me', { headers: { cookie: elsewhere.cookie } }), 401);
  });

  it('refuses bad bodies and unknown accounts, changing nothing', async () => {
    const u = await newUser('analyst');
    for (const json of [{ password: 'short' }, { password: 12345678901 }, { password: 'x'.repeat(201) }, { newPassword: PASSWORD }]) {
      await expectRefused(t, 422, `/api/users/${u.id}/password`, { method: 'POST', headers: admin, json });
    }
    await expectRefused(t, 404, `/api/users/${crypto.randomUUID()}/password`, { method: 'POST', headers: admin, json: {} });
    await expectGuardedWrite(t, 'POST', `/api/users/${u.id}/password`, admin, { password: 'una terza password' });
  });
});
