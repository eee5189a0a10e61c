// Reading the audit log: what set-up, objectives, moderation, invitations and accounts wrote,
// newest first, filtered and paged; the whole log for admins, a diagnosis's for its analysts.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signals } from '../../db/schema';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { expectRefused } from '../../test/refusals';
import { createTestApp, type TestApp } from '../../test/test-app';
import { demoDiagnosis, freshInstitution } from '../invitations/test-helpers';

type Entry = { id: string; at: string; action: string; diagnosis: { slug: string; title: string } | null; user: { id: string; email: string; name: string } | null; target: string | null; targetName: string | null; details: Record<string, unknown> | null };
type Page = { items: Entry[]; nextCursor: string | null; actions: string[] };

let t: TestApp;
let admin: AuthHeaders & { userId: string };
let analyst: AuthHeaders;
let moderator: AuthHeaders;
let institutionId: string;
const tick = () => (t.now.value = new Date(t.now.value.getTime() + 60_000));

beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 40 });
  admin = await loginAs(t, 'admin');
  analyst = await loginAs(t, 'analyst');
  moderator = await loginAs(t, 'moderator');
  const write = async (path: string, method: string, json: unknown, h: AuthHeaders = admin) => {
    tick();
    const res = await t.request(path, { method, headers: h, json });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res;
  };
  // One of each kind of action, a minute apart.
  await write('/api/diagnoses', 'POST', { slug: 'seconda', title: 'Seconda diagnosi' });
  await write('/api/diagnoses/demo', 'PATCH', { description: 'Descrizione aggiornata.' });
  await write('/api/diagnoses/demo/objectives', 'POST', { code: 'OB9', title: 'Obiettivo registrato', indicators: [{ name: 'Quota', baseline: 1, target: 2 }] });
  await write('/api/users', 'POST', { email: 'registro@ente.example', name: 'Registro', role: 'analyst', password: 'una password lunga' });
  institutionId = await freshInstitution(t);
  await write('/api/diagnoses/demo/invitations', 'POST', { institutionId }, analyst);
  const d = await demoDiagnosis(t);
  const [pending] = await t.db.select({ id: signals.id }).from(signals).where(eq(signals.diagnosisId, d.id)).limit(1);
  await t.db.update(signals).set({ moderation: 'pending', text: 'Testo da moderare' }).where(eq(signals.id, pending.id));
  await write(`/api/diagnoses/demo/moderation/signals/${pending.id}/hide`, 'POST', { reason: 'Contiene un nome' }, moderator);
});
afterAll(() => t.close());

const get = async (path: string, h: AuthHeaders = admin): Promise<Page> => {
  const res = await t.request(path, { headers: { cookie: h.cookie } });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as Page;
};

describe('the whole log (admin)', () => {
  it('lists every entry newest first with who, when, what, target and details', async () => {
    const page = await get('/api/audit');
    expect(page.items.map((e) => e.action)).toEqual(['signal.hide', 'invitation.create', 'user.create', 'objective.create', 'diagnosis.update', 'diagnosis.create']);
    const [hide, invitation, account, objective, update] = page.items;
    expect(hide).toMatchObject({ diagnosis: { slug: 'demo' }, user: { name: 'Test moderator' }, details: { from: 'pending', reason: 'Contiene un nome' } });
    expect(invitation).toMatchObject({ target: institutionId, targetName: expect.stringContaining('Ente di prova'), user: { name: 'Test analyst' } });
    expect(invitation.details).not.toHaveProperty('token');
    expect(account).toMatchObject({ diagnosis: null, target: 'registro@ente.example', user: { id: admin.userId }, details: { role: 'analyst', passwordGenerated: false } });
    expect(objective).toMatchObject({ target: 'OB9', details: { indicators: ['Quota'] } });
    expect(update).toMatchObject({ target: 'demo', details: { description: 'Descrizione aggiornata.' } });
    expect(new Date(hide.at).getTime()).toBeGreaterThan(new Date(invitation.at).getTime());
    expect(page.actions).toEqual(['diagnosis.create', 'diagnosis.update', 'invitation.create', 'objective.create', 'signal.hide', 'user.create']);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by diagnosis and by action (exact, or every action of a kind)', async () => {
    const demo = await get('/api/audit?diagnosis=demo');
    expect(demo.items.every((e) => e.diagnosis?.slug === 'demo')).toBe(true);
    expect(demo.items.map((e) => e.action)).not.toContain('user.create');
    expect(demo.actions).not.toContain('user.create');
    expect((await get('/api/audit?diagnosis=seconda')).items.map((e) => e.action)).toEqual(['diagnosis.create']);
    expect((await get('/api/audit?action=diagnosis')).items.map((e) => e.action)).toEqual(['diagnosis.update', 'diagnosis.create']);
    expect((await get('/api/audit?action=diagnosis.create')).items.map((e) => e.target)).toEqual(['seconda']);
    // A prefix matches whole parts only.
    expect((await get('/api/audit?action=diagnos')).items).toEqual([]);
    expect((await get('/api/audit?action=user&diagnosis=demo')).items).toEqual([]);
  });

  it('pages by cursor without gaps or repeats, also among entries of the same instant', async () => {
    // Several entries at one instant: the id breaks the tie.
    for (let i = 0; i < 5; i++) {
      const res = await t.request('/api/diagnoses/demo/objectives', { method: 'POST', headers: admin, json: { code: `S${i}`, title: 'Stesso istante' } });
      expect(res.status).toBe(201);
    }
    const all = (await get('/api/audit?limit=100')).items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await get(`/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(11);
  });

  it('is for admins only; bad filters are 400 problems; an unknown diagnosis is 404', async () => {
    await expectRefused(t, 401, '/api/audit');
    await expectRefused(t, 403, '/api/audit', { headers: { cookie: analyst.cookie } });
    await expectRefused(t, 403, '/api/audit', { headers: { cookie: moderator.cookie } });
    for (const q of ['limit=0', 'limit=101', 'limit=ten', 'cursor=yesterday', 'cursor=1_../../etc', "action=user'--", 'action=User.Create', `action=${'a'.repeat(65)}`, 'diagnosis=Not A Slug']) {
      const body = await expectRefused(t, 400, `/api/audit?${q}`, { headers: { cookie: admin.cookie } });
      expect(body.errors?.length, q).toBeGreaterThan(0);
    }
    await expectRefused(t, 404, '/api/audit?diagnosis=nowhere', { headers: { cookie: admin.cookie } });
  });
});

describe('one diagnosis’s log (admin, analyst)', () => {
  it('shows an analyst the entries of the diagnosis, never account changes', async () => {
    const page = await get('/api/diagnoses/demo/audit', analyst);
    expect(page.items.length).toBeGreaterThan(3);
    expect(page.items.every((e) => e.diagnosis?.slug === 'demo')).toBe(true);
    expect(page.actions).not.toContain('user.create');
    expect((await get('/api/diagnoses/demo/audit?action=signal', analyst)).items.map((e) => e.action)).toEqual(['signal.hide']);
    expect((await get('/api/diagnoses/seconda/audit', admin)).items).toHaveLength(1);
  });

  it('refuses moderators and anonymous callers, bad filters and unknown diagnoses', async () => {
    await expectRefused(t, 401, '/api/diagnoses/demo/audit');
    await expectRefused(t, 403, '/api/diagnoses/demo/audit', { headers: { cookie: moderator.cookie } });
    await expectRefused(t, 400, '/api/diagnoses/demo/audit?limit=-1', { headers: { cookie: analyst.cookie } });
    await expectRefused(t, 404, '/api/diagnoses/nowhere/audit', { headers: { cookie: analyst.cookie } });
  });
});
