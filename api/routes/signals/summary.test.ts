// The public summary never shows a zone or category with fewer than k resident signals, nor a
// text a moderator has not approved.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoses, signals } from '../../db/schema';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 300 });
});
afterAll(() => t.close());

type Summary = {
  k: number;
  totalAtLeast: number | null;
  zones: { zoneId: string; name: string; count: number }[];
  categories: { id: string; label: string; count: number }[];
  texts: { text: string; zone: string | null }[];
};
const get = async (q = '') => (await (await t.request(`/api/diagnoses/demo/summary${q}`)).json()) as Summary;
const setK = (k: number) => t.db.update(diagnoses).set({ kThreshold: k }).where(eq(diagnoses.slug, 'demo'));

describe('GET /api/diagnoses/{slug}/summary', () => {
  it('shows exactly the zones and categories with at least k resident signals, with true counts', async () => {
    const s = await get();
    expect(s.k).toBe(5);
    const perZone = await t.db.all<{ zone_id: string; n: number }>(
      sql`select zone_id, count(*) as n from signals where source = 'resident' and zone_id is not null group by zone_id`,
    );
    const expected = perZone.filter((z) => z.n >= 5).map((z) => [z.zone_id, z.n]);
    expect(s.zones.map((z) => [z.zoneId, z.count]).sort()).toEqual(expected.sort());
    // The demo has zones below k: they are left out, not shown as zero or "< 5".
    expect(perZone.some((z) => z.n < 5)).toBe(true);
    for (const c of s.categories) expect(c.count).toBeGreaterThanOrEqual(5);
    const [{ n: total }] = await t.db.all<{ n: number }>(sql`select count(*) as n from signals where source = 'resident'`);
    expect(s.totalAtLeast).toBe(Math.floor(total / 10) * 10);
  });

  it('raising k hides more; a k above the total hides everything, texts included', async () => {
    try {
      await setK(40);
      const s = await get();
      for (const z of s.zones) expect(z.count).toBeGreaterThanOrEqual(40);
      await setK(1_000_000);
      const none = await get();
      expect(none).toMatchObject({ totalAtLeast: null, zones: [], categories: [], texts: [] });
    } finally {
      await setK(5);
    }
  });

  it('shows approved texts only', async () => {
    const s = await get();
    const approved = await t.db.select({ text: signals.text }).from(signals).where(and(eq(signals.moderation, 'approved')));
    const pending = await t.db.select({ text: signals.text }).from(signals).where(eq(signals.moderation, 'pending'));
    expect(s.texts.length).toBeGreaterThan(0);
    const approvedTexts = new Set(approved.map((r) => r.text));
    for (const x of s.texts) expect(approvedTexts.has(x.text)).toBe(true);
    // Texts shared by approved and pending rows aside, no pending-only text leaks.
    const pendingOnly = pending.map((r) => r.text).filter((x) => !approvedTexts.has(x));
    for (const x of pendingOnly) expect(s.texts.map((y) => y.text)).not.toContain(x);
    // A text names its place only when that place is shown.
    const shown = new Set(s.zones.map((z) => z.name));
    for (const x of s.texts) if (x.zone) expect(shown.has(x.zone)).toBe(true);
  });

  it('labels categories in English on request, and 404s an unknown diagnosis', async () => {
    const s = await get('?lang=en');
    const labels = s.categories.map((c) => c.label);
    expect(labels.some((l) => /^[A-Z][a-z]/.test(l))).toBe(true);
    expect(labels).not.toContain('Illuminazione scarsa');
    await expectProblem(await t.request('/api/diagnoses/nowhere/summary'), 404);
  });
});
