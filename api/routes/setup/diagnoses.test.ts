import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { eq } from 'drizzle-orm';
import { diagnoses } from '../../db/schema';

let t: TestApp;
let admin: AuthHeaders;
let analyst: AuthHeaders;
let moderator: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 50 });
  admin = await loginAs(t, 'admin');
  analyst = await loginAs(t, 'analyst');
  moderator = await loginAs(t, 'moderator');
});
afterAll(() => t.close());

const create = (h: Partial<AuthHeaders>, json: unknown) => t.request('/api/diagnoses', { method: 'POST', headers: h, json });

describe('authorisation', () => {
  it('listing needs a session; any role may list', async () => {
    await expectProblem(await t.request('/api/diagnoses'), 401);
    for (const h of [admin, analyst, moderator]) expect((await t.request('/api/diagnoses', { headers: { cookie: h.cookie } })).status).toBe(200);
  });

  it('only admins create, edit and start waves', async () => {
    const before = await tableCounts(t.db);
    const body = { slug: 'nope', title: 'Non creata' };
    await expectProblem(await create({}, body), 401);
    await expectProblem(await create(analyst, body), 403);
    await expectProblem(await create(moderator, body), 403);
    await expectProblem(await create({ cookie: admin.cookie }, body), 403); // no CSRF token
    await expectProblem(await t.request('/api/diagnoses/demo', { method: 'PATCH', headers: analyst, json: { status: 'closed' } }), 403);
    await expectProblem(await t.request('/api/diagnoses/demo/follow-up', { method: 'POST', headers: moderator, json: { slug: 'x-post', title: 'Ex post' } }), 403);
    expect(await tableCounts(t.db)).toEqual(before);
  });
});

describe('create and edit', () => {
  it('creates a draft ex-ante diagnosis and records it in the audit log', async () => {
    const res = await create(admin, { slug: 'piana-2027', title: 'Diagnosi della Piana 2027', k: 7 });
    expect(res.status).toBe(201);
    const d = (await res.json()) as any;
    expect(d).toMatchObject({ slug: 'piana-2027', status: 'draft', wave: 'ex-ante', k: 7, previousWaveSlug: null });
    expect(d.counts).toEqual({ areas: 0, municipalities: 0, zones: 0, institutions: 0, signals: 0, submitted: 0 });
    const log = await t.db.query.auditLog.findMany();
    expect(log.some((e) => e.action === 'diagnosis.create' && e.target === 'piana-2027')).toBe(true);
  });

  it('refuses a taken slug with 409 and bad bodies with 422, writing nothing', async () => {
    const before = await tableCounts(t.db);
    await expectProblem(await create(admin, { slug: 'demo', title: 'Doppione' }), 409);
    const bad = [
      { slug: 'Has Spaces', title: 'Titolo' },
      { slug: 'ok-slug', title: 'x' },
      { slug: 'ok-slug', title: 'Titolo', k: 0 },
      { slug: 'ok-slug', title: 'Titolo', k: 'five' },
      { slug: 'ok-slug', title: 'Titolo', unknown: 1 },
      { slug: 'ok-slug', title: 'Titolo', settings: { tileUrl: 'https://tiles.example/no-template.png' } },
      { title: 'Senza slug' },
    ];
    for (const body of bad) await expectProblem(await create(admin, body), 422);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('opens and closes a diagnosis', async () => {
    const open = await t.request('/api/diagnoses/piana-2027', { method: 'PATCH', headers: admin, json: { status: 'open' } });
    expect(((await open.json()) as any).status).toBe('open');
    const closed = await t.request('/api/diagnoses/piana-2027', { method: 'PATCH', headers: admin, json: { status: 'closed', title: 'Diagnosi della Piana (chiusa)' } });
    expect(await closed.json()).toMatchObject({ status: 'closed', title: 'Diagnosi della Piana (chiusa)' });
    await expectProblem(await t.request('/api/diagnoses/piana-2027', { method: 'PATCH', headers: admin, json: {} }), 422);
    await expectProblem(await t.request('/api/diagnoses/piana-2027', { method: 'PATCH', headers: admin, json: { status: 'archived' } }), 422);
    await expectProblem(await t.request('/api/diagnoses/nowhere', { method: 'PATCH', headers: admin, json: { status: 'open' } }), 404);
  });
});

describe('follow-up wave', () => {
  it('starts an ex-post wave carrying over territory, institutions and objectives', async () => {
    const res = await t.request('/api/diagnoses/demo/follow-up', { method: 'POST', headers: admin, json: { slug: 'demo-ex-post', title: 'DEMO - ex post' } });
    expect(res.status).toBe(201);
    const d = (await res.json()) as any;
    expect(d).toMatchObject({ wave: 'ex-post', status: 'draft', previousWaveSlug: 'demo', demo: true });
    expect(d.counts).toMatchObject({ areas: 3, municipalities: 10, zones: 25, institutions: 30, signals: 0, submitted: 0 });
    const inds = await t.db.query.indicators.findMany();
    expect(inds.length % 2).toBe(0); // each indicator copied once
    expect(inds.filter((i) => i.measured === null).length).toBeGreaterThanOrEqual(inds.length / 2);
    await expectProblem(await t.request('/api/diagnoses/demo/follow-up', { method: 'POST', headers: admin, json: { slug: 'demo-ex-post', title: 'Again' } }), 409);
  });

  it('does not carry the previous observation period over; takes its own or none', async () => {
    const [demo] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    expect(demo.settings.periodFrom).toBeTruthy();
    const own = await t.request('/api/diagnoses/demo/follow-up', { method: 'POST', headers: admin, json: { slug: 'demo-post-dates', title: 'Ex post', periodFrom: '2027-01-01', periodTo: '2027-12-31' } });
    expect(own.status).toBe(201);
    const none = await t.request('/api/diagnoses/demo/follow-up', { method: 'POST', headers: admin, json: { slug: 'demo-post-none', title: 'Ex post' } });
    expect(none.status).toBe(201);
    const [withDates] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo-post-dates'));
    const [without] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo-post-none'));
    expect(withDates.settings).toMatchObject({ periodFrom: '2027-01-01', periodTo: '2027-12-31' });
    expect(without.settings.periodFrom).toBeUndefined();
    expect(without.settings.periodTo).toBeUndefined();
    // A period that ends before it starts is refused, and no wave is created.
    await expectProblem(await t.request('/api/diagnoses/demo/follow-up', { method: 'POST', headers: admin, json: { slug: 'demo-post-bad', title: 'Ex post', periodFrom: '2027-12-31', periodTo: '2027-01-01' } }), 422);
    expect(await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo-post-bad'))).toHaveLength(0);
  });
});
