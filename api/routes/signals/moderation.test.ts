// Moderation: who may act, paging through pending texts, approve and hide with who/when/why,
// exclude and restore whole reports, an audit row per action, and what the analyses and the
// public summary show as a result.
//
// Null hypotheses: hiding a text removes the report from the analyses and the public counts
// (it must not); excluding a report leaves it in them (it must not); a refused request writes
// something (it must not: every table's digest is unchanged). The public figures are checked
// against the records put through analysis/privacy.ts (api/test/summary-truth.ts).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../analysis/fixtures/random';
import { cellKey, disclosureRule, perturbedPublishedCount, RECORD_KEY_COEFFICIENTS, RECORD_KEY_PRIME } from '../../../analysis/privacy';
import { auditLog, diagnoses, publicSummaries, publicSummaryKeys, signals, zones } from '../../db/schema';
import { loginAs, type AuthHeaders } from '../../test/auth';
import { countedCells, expectedFigure, storedSecret } from '../../test/summary-truth';
import { createTestApp, expectProblem, tableCounts, tableDigests, type TestApp } from '../../test/test-app';
import { validSignal } from './test-fixtures';

let t: TestApp;
let moderator: AuthHeaders & { userId: string };
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 400, env: { SIGNAL_RATE_LIMIT: '0' } });
  moderator = await loginAs(t, 'moderator');
  analyst = await loginAs(t, 'analyst');
  // An empty zone, made before any report (the resident path caches the territory).
  const [d] = await t.db.select({ id: diagnoses.id }).from(diagnoses).where(eq(diagnoses.slug, 'demo'));
  const [x, y] = [10.31, 43.71];
  const ring = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]];
  await t.db.insert(zones).values({ id: quietZone, diagnosisId: d.id, name: 'Vicolo quieto', kind: 'strada', geometry: { type: 'Polygon', coordinates: [ring] }, minLon: x, minLat: y, maxLon: x + 0.001, maxLat: y + 0.001, areaKm2: 0.01, createdAt: t.now.value });
});
let analyst: AuthHeaders;
const quietZone = crypto.randomUUID();
const HOUR = 3_600_000;
/** Moves the clock into the next UTC day (a new window of the public summary), signing in again. */
const nextDay = async () => {
  t.now.value = new Date((Math.floor(t.now.value.getTime() / (24 * HOUR)) + 1) * 24 * HOUR + HOUR);
  moderator = await loginAs(t, 'moderator');
  analyst = await loginAs(t, 'analyst');
};
afterAll(() => t.close());

const base = '/api/diagnoses/demo/moderation/signals';
type Page = { items: { id: string; text: string; moderation: string; moderatedBy: string | null; moderatedAt: string | null; moderationReason: string | null; createdAt: string }[]; nextCursor: string | null; pendingTotal: number };
const list = async (query = '', headers: Record<string, string> = moderator) => t.request(`${base}${query}`, { headers });
const report = async (text?: string, over: Record<string, unknown> = {}) => {
  const body = validSignal({ text, ...over });
  expect((await t.request('/api/diagnoses/demo/signals', { method: 'POST', json: body })).status).toBe(201);
  return body.id as string;
};
type Summary = { texts: { text: string; zone: string | null }[]; zones: { zoneId: string; count: number }[] };
const summary = async () => (await (await t.request('/api/diagnoses/demo/summary')).json()) as Summary;
/** The residents' reports the analyses count (the time profile's total, exact: a staff view). */
const analysed = async () => ((await (await t.request('/api/diagnoses/demo/analysis/time', { headers: { cookie: analyst.cookie } })).json()) as { total: number }).total;

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
    // The report was made in this window: its text shows from the next refresh on.
    expect((await summary()).texts.map((x) => x.text)).not.toContain(text);
    await nextDay();
    expect((await summary()).texts.map((x) => x.text)).toContain(text);
  });

  it('hide needs a reason, records it, and takes the text out of the public summary', async () => {
    const text = 'Testo con un nome di persona (da nascondere).';
    const id = await report(text);
    await t.request(`${base}/${id}/approve`, { method: 'POST', headers: moderator });
    await nextDay();
    expect((await summary()).texts.map((x) => x.text)).toContain(text);
    const counted = await analysed();

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
    // At once, within the window: the text is gone; the report still counts in the analyses.
    expect((await summary()).texts.map((x) => x.text)).not.toContain(text);
    expect(await analysed()).toBe(counted);
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

describe('exclude and restore', () => {
  type Item = Page['items'][number] & { exclusion: string | null; exclusionBy: string | null; exclusionAt: string | null; exclusionNote: string | null };
  const act = (id: string, action: 'exclude' | 'restore', json: unknown, headers: Record<string, string> = moderator) =>
    t.request(`${base}/${id}/${action}`, { method: 'POST', headers, json });
  const quiet = async () => (await summary()).zones.find((z) => z.zoneId === quietZone)?.count ?? null;
  const rule = disclosureRule({ public: true, k: 5, base: 5 })!;
  let diagnosisId: string;
  /** The quiet zone's figure as the records and the stored secret say it must be now. */
  const expectedQuiet = async () => {
    const start = new Date(Math.floor(t.now.value.getTime() / (24 * HOUR)) * 24 * HOUR);
    return expectedFigure((await countedCells(t.db, diagnosisId, start)).zones.get(quietZone), (await storedSecret(t.db, diagnosisId))!, rule);
  };
  let withText: string;
  let noText: string;
  let other: string;

  beforeAll(async () => {
    // Three reports in an empty zone, one with text: 3 rounds to 5, so the zone shows 5.
    // A minute apart, so the newest-first list has one order.
    const minute = () => (t.now.value = new Date(t.now.value.getTime() + 60_000));
    withText = await report('Qualcuno lascia rifiuti ogni notte.', { lat: undefined, lon: undefined, zoneId: quietZone });
    minute();
    noText = await report(undefined, { lat: undefined, lon: undefined, zoneId: quietZone });
    minute();
    other = await report(undefined, { lat: undefined, lon: undefined, zoneId: quietZone });
    await nextDay();
    // The figures are perturbed by each cell's key (analysis/privacy.ts): whether 3 reports show 5
    // and 2 show nothing depends on the secret. Use a secret (the first of a seeded sequence)
    // under which they do, as rounding alone would, so excluding one report visibly moves the
    // figure; the snapshot made under the earlier secret is dropped.
    [{ id: diagnosisId }] = await t.db.select({ id: diagnoses.id }).from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    const rowidOf = async (id: string) => Number((await t.db.all<{ r: number }>(sql`select rowid as r from signals where id = ${id}`))[0].r);
    const three = [await rowidOf(withText), await rowidOf(noText), await rowidOf(other)];
    const rand = mulberry32(12);
    let secret: number[];
    do secret = Array.from({ length: RECORD_KEY_COEFFICIENTS }, () => Math.floor(rand() * RECORD_KEY_PRIME));
    while (perturbedPublishedCount(3, cellKey(three, secret), rule) !== 5 || perturbedPublishedCount(2, cellKey([three[0], three[2]], secret), rule) !== null);
    await t.db.insert(publicSummaryKeys).values({ diagnosisId, secret, createdAt: t.now.value }).onConflictDoUpdate({ target: publicSummaryKeys.diagnosisId, set: { secret } });
    await t.db.delete(publicSummaries);
  });

  it('hiding a text keeps the report in the public counts and the analyses', async () => {
    const counted = await analysed();
    expect(await quiet()).toBe(5);
    expect(await expectedQuiet()).toBe(5);
    expect((await t.request(`${base}/${withText}/hide`, { method: 'POST', headers: moderator, json: { reason: 'Testo non pertinente' } })).status).toBe(200);
    expect(await quiet()).toBe(5);
    expect(await analysed()).toBe(counted);
  });

  it('excludes a report without text as spam: recorded, audited, out of the analyses and of the summary at once', async () => {
    const counted = await analysed();
    const res = await act(noText, 'exclude', { reason: 'spam', note: 'Dieci invii uguali in un minuto' });
    expect(res.status).toBe(200);
    const item = (await res.json()) as Item;
    expect(item).toMatchObject({ id: noText, text: '', moderation: 'none', exclusion: 'spam', exclusionAt: t.now.value.toISOString(), exclusionNote: 'Dieci invii uguali in un minuto' });
    expect(item.exclusionBy).toMatch(/^moderator-/);
    const [row] = await t.db.select().from(signals).where(eq(signals.id, noText));
    expect(row).toMatchObject({ exclusion: 'spam', exclusionBy: moderator.userId });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.target, noText), eq(auditLog.action, 'signal.exclude')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: moderator.userId, details: { reason: 'spam', from: null, note: 'Dieci invii uguali in un minuto' } });
    expect(await analysed()).toBe(counted - 1);
    // 2 reports left in the zone: under this secret hidden (recomputed at once from the same window's reports).
    expect(await expectedQuiet()).toBeNull();
    expect(await quiet()).toBeNull();
    const excluded = (await (await list('?state=excluded&limit=100')).json()) as { items: Item[] };
    expect(excluded.items.map((i) => i.id)).toContain(noText);
  });

  it('records a retried exclusion once', async () => {
    const before = await tableDigests(t.db);
    const again = await act(noText, 'exclude', { reason: 'spam', note: 'Dieci invii uguali in un minuto' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Item).exclusion).toBe('spam');
    expect(await tableDigests(t.db)).toEqual(before);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.target, noText), eq(auditLog.action, 'signal.exclude')))).toHaveLength(1);
  });

  it('reaches reports without text: every report that counts, newest first, one zone at a time', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await list(`?state=reports&zoneId=${quietZone}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: Item[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    // noText is excluded by now: the other two remain, newest first, text or not.
    expect(seen.map((i) => i.id)).toEqual([other, withText]);
    expect(seen.map((i) => i.text)).toEqual(['', 'Qualcuno lascia rifiuti ogni notte.']);
    const everywhere = (await (await list('?state=reports&limit=5')).json()) as { items: Item[] };
    const times = everywhere.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await expectProblem(await list(`?state=reports&zoneId=${'z'.repeat(65)}`), 400)).errors?.[0].field).toBe('zoneId');
  });

  it('excludes a report with text as abuse: its text leaves every list of texts and the summary', async () => {
    const text = 'Testo offensivo ripetuto (abuso).';
    const id = await report(text);
    await t.request(`${base}/${id}/approve`, { method: 'POST', headers: moderator });
    await nextDay();
    expect((await summary()).texts.map((x) => x.text)).toContain(text);
    expect((await act(id, 'exclude', { reason: 'abuse' })).status).toBe(200);
    expect((await summary()).texts.map((x) => x.text)).not.toContain(text);
    const approved = (await (await list('?state=approved&limit=100')).json()) as Page;
    expect(approved.items.map((i) => i.id)).not.toContain(id);
  });

  it('restore, saying why, counts the report again; both steps stay in the audit log', async () => {
    const counted = await analysed();
    await expectProblem(await act(other, 'restore', { note: 'Non era escluso' }), 409);
    const res = await act(noText, 'restore', { note: 'Erano invii di una scuola, verificati' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ exclusion: null, exclusionNote: 'Erano invii di una scuola, verificati' });
    expect(await analysed()).toBe(counted + 1);
    // The same three reports again: the same cell key, so the same figure as before the exclusion.
    expect(await quiet()).toBe(5);
    expect(await expectedQuiet()).toBe(5);
    const audit = await t.db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.target, noText)).orderBy(auditLog.createdAt);
    expect(audit.map((a) => a.action)).toEqual(['signal.exclude', 'signal.restore']);
    expect(audit[1].details).toEqual({ from: 'spam', note: 'Erano invii di una scuola, verificati' });
  });

  it('refuses bad input with a problem document and writes nothing', async () => {
    const [police] = await t.db.select({ id: signals.id }).from(signals).where(eq(signals.source, 'police')).limit(1);
    const before = await tableDigests(t.db);
    const bad: [unknown, number, string?][] = [
      [{}, 422, 'reason'],
      [{ reason: 5 }, 422, 'reason'],
      [{ reason: 'rude' }, 422, 'reason'],
      [{ reason: 'spam', note: 12 }, 422, 'note'],
      [{ reason: 'spam', note: 'x' }, 422, 'note'],
      [{ reason: 'spam', note: 'n'.repeat(501) }, 422, 'note'],
      [{ reason: 'spam', weight: 2 }, 422, 'weight'],
      [[{ reason: 'spam' }], 422],
      [null, 422],
    ];
    for (const [json, status, field] of bad) {
      const p = await expectProblem(await act(other, 'exclude', json), status);
      if (field) expect(p.errors?.map((e) => e.field)).toContain(field);
    }
    const raw = (body: string, contentType = 'application/json', id = other) =>
      t.request(`${base}/${id}/exclude`, { method: 'POST', headers: { ...moderator, 'content-type': contentType }, body });
    await expectProblem(await raw('{"reason": "spam"'), 400);
    await expectProblem(await raw(JSON.stringify({ reason: 'spam', note: 'n'.repeat(5000) })), 413);
    await expectProblem(await raw('reason=spam', 'application/x-www-form-urlencoded'), 415);
    await expectProblem(await raw('{"reason":"spam"}', 'application/json', 'not-a-uuid'), 400);
    await expectProblem(await raw('{"reason":"spam"}', 'application/json', crypto.randomUUID()), 404);
    // Imported police figures are not residents' reports: they are corrected by re-importing.
    await expectProblem(await raw('{"reason":"spam"}', 'application/json', police.id), 404);
    await expectProblem(await act(other, 'restore', {}), 422);
    await expectProblem(await act(other, 'restore', { note: 'ok', reason: 'spam' }), 422);
    // Access: no session 401, no CSRF token 403.
    await expectProblem(await t.request(`${base}/${other}/exclude`, { method: 'POST', json: { reason: 'spam' } }), 401);
    await expectProblem(await t.request(`${base}/${other}/exclude`, { method: 'POST', headers: { cookie: moderator.cookie }, json: { reason: 'spam' } }), 403);
    expect(await tableDigests(t.db)).toEqual(before);
  });

  it('keeps excluded reports out of the pending queue and its total', async () => {
    const id = await report('In attesa, poi escluso.');
    const pending = async () => (await (await list('?limit=1')).json()) as Page;
    const n = (await pending()).pendingTotal;
    expect((await act(id, 'exclude', { reason: 'spam' })).status).toBe(200);
    expect((await pending()).pendingTotal).toBe(n - 1);
    const [{ count }] = await t.db.all<{ count: number }>(sql`select count(*) as count from signals where exclusion is not null`);
    expect(Number(count)).toBe(2);
  });
});
