// Moderation: who may act, paging through pending texts, approve and hide with who/when/why,
// an audit row per action, and what the public summary shows as a result.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, diagnoses, signals } from '../../db/schema';
import { loginAs, type AuthHeaders } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { validSignal } from './test-fixtures';

let t: TestApp;
let moderator: AuthHeaders & { userId: string };
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 400, env: { SIGNAL_RATE_LIMIT: '0' } });
  moderator = await loginAs(t, 'moderator');
});
afterAll(() => t.close());

const base = '/api/diagnoses/demo/moderation/signals';
type Page = { items: { id: string; text: string; moderation: string; moderatedBy: string | null; moderatedAt: string | null; moderationReason: string | null; createdAt: string }[]; nextCursor: string | null; pendingTotal: number };
const list = async (query = '', headers: Record<string, string> = moderator) => t.request(`${base}${query}`, { headers });
const report = async (text: string) => {
  const body = validSignal({ text });
  expect((await t.request('/api/diagnoses/demo/signals', { method: 'POST', json: body })).status).toBe(201);
  return body.id as string;
};
const summary = async () => (await (await t.request('/api/diagnoses/demo/summary')).json()) as { texts: { text: string; zone: string | null }[] };

describe('access', () => {
  it('needs a session (401) and, to act, the CSRF token (403)', async () => {
    await expectProblem(await t.request(base), 401);
    const id = await report('Testo da moderare, accesso.');
    await expectProblem(await t.request(`${base}/${id}/approve`, { method: 'POST' }), 401);
    await expectProblem(await t.request(`${base}/${id}/approve`, { method: 'POST', headers: { cookie: moderator.cookie } }), 403);
    expect((await t.db.select().from(signals).where(eq(signals.id, id)))[0].moderation).toBe('pending');
  });

  it('lets admins, analysts and moderators read the queue', async () => {
    for (const role of ['admin', 'analyst', 'moderator'] as const) {
      const h = await loginAs(t, role);
      expect((await list('', h)).status).toBe(200);
    }
  });
});

describe('the pending list', () => {
  it('pages by cursor through every pending text exactly once, oldest first', async () => {
    const first = (await (await list('?limit=100')).json()) as Page;
    expect(first.pendingTotal).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (await (await list(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json()) as Page;
      expect(page.items.length).toBeLessThanOrEqual(4);
      for (const item of page.items) {
        expect(item.moderation).toBe('pending');
        expect(item.text.length).toBeGreaterThan(0);
      }
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(first.pendingTotal);
    const times = first.items.map((i) => i.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it('refuses bad paging parameters with 400 naming the field', async () => {
    expect((await expectProblem(await list('?limit=0'), 400)).errors?.[0].field).toBe('limit');
    expect((await expectProblem(await list('?cursor=abc'), 400)).errors?.[0].field).toBe('cursor');
    expect((await expectProblem(await list('?state=none'), 400)).errors?.[0].field).toBe('state');
  });
});

describe('approve and hide', () => {
  it('approve records who and when, writes an audit row, and publishes the text', async () => {
    const text = 'Lampione rotto in piazza da settimane (approvato).';
    const id = await report(text);
    expect((await summary()).texts.map((x) => x.text)).not.toContain(text);
    const version = (await t.db.select({ v: diagnoses.dataVersion }).from(diagnoses))[0].v;
    const res = await t.request(`${base}/${id}/approve`, { method: 'POST', headers: moderator });
    expect(res.status).toBe(200);
    const item = (await res.json()) as Page['items'][number];
    expect(item).toMatchObject({ id, moderation: 'approved', moderatedAt: t.now.value.toISOString(), moderationReason: null });
    expect(item.moderatedBy).toMatch(/^moderator-/);
    const [row] = await t.db.select().from(signals).where(eq(signals.id, id));
    expect(row).toMatchObject({ moderation: 'approved', moderatedBy: moderator.userId });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.target, id), eq(auditLog.action, 'signal.approve')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: moderator.userId, details: { from: 'pending' } });
    expect((await t.db.select({ v: diagnoses.dataVersion }).from(diagnoses))[0].v).toBeGreaterThan(version);
    expect((await summary()).texts.map((x) => x.text)).toContain(text);
  });

  it('hide needs a reason, records it, and takes the text out of the public summary', async () => {
    const text = 'Testo con un nome di persona (da nascondere).';
    const id = await report(text);
    await t.request(`${base}/${id}/approve`, { method: 'POST', headers: moderator });
    expect((await summary()).texts.map((x) => x.text)).toContain(text);

    const before = await tableCounts(t.db);
    const missing = await expectProblem(await t.request(`${base}/${id}/hide`, { method: 'POST', headers: moderator, json: {} }), 422);
    expect(missing.errors?.[0].field).toBe('reason');
    await expectProblem(await t.request(`${base}/${id}/hide`, { method: 'POST', headers: moderator, json: { reason: 'x' } }), 422);
    expect(await tableCounts(t.db)).toEqual(before);

    const res = await t.request(`${base}/${id}/hide`, { method: 'POST', headers: moderator, json: { reason: 'Contiene dati personali' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ moderation: 'hidden', moderationReason: 'Contiene dati personali' });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.target, id), eq(auditLog.action, 'signal.hide')));
    expect(audit[0].details).toEqual({ from: 'approved', reason: 'Contiene dati personali' });
    expect((await summary()).texts.map((x) => x.text)).not.toContain(text);
    const hidden = (await (await list('?state=hidden&limit=100')).json()) as Page;
    expect(hidden.items.map((i) => i.id)).toContain(id);
  });

  it('refuses what is not a text of this diagnosis (404) and a malformed id (400), changing nothing', async () => {
    const [noText] = await t.db.select({ id: signals.id }).from(signals).where(eq(signals.moderation, 'none')).limit(1);
    const before = await tableCounts(t.db);
    await expectProblem(await t.request(`${base}/${noText.id}/approve`, { method: 'POST', headers: moderator }), 404);
    await expectProblem(await t.request(`${base}/${crypto.randomUUID()}/approve`, { method: 'POST', headers: moderator }), 404);
    await expectProblem(await t.request(`/api/diagnoses/nowhere/moderation/signals/${crypto.randomUUID()}/approve`, { method: 'POST', headers: moderator }), 404);
    await expectProblem(await t.request(`${base}/not-a-uuid/approve`, { method: 'POST', headers: moderator }), 400);
    expect(await tableCounts(t.db)).toEqual(before);
  });
});
