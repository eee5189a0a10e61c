// The residents' public summary through the real API on a libSQL file, the clock moved by hand.
// Each test plays one attack of the threat model (summary.routes.ts) and checks it fails; the
// figures are checked against the database's exact counts put through analysis/privacy.ts.
//
// Null hypotheses (what each test would see if the protection were missing):
// - rounding: the published figure of a zone equals its exact count (it must not, in general:
//   it equals publishedCount(exact), a multiple of the base, and nothing below k);
// - topping up: a zone holding 0, 1 or 2 other people's reports, topped up with the attacker's 4,
//   publishes different figures (it must not: all three publish 5);
// - differencing over time: a report made now changes the next answer (it must not until the
//   next refresh window);
// - totals: the published total minus the published zones leaves a hidden zone's count (it must
//   leave 0);
// - filters: two differently filtered summaries differ (there are no filters: they are equal);
// - versions: some unauthenticated answer carries a data version or a time that moves with a report.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosureRule, publishedCount } from '../../../analysis/privacy';
import { categories } from '../../../surveys/taxonomy';
import { createApp } from '../../app';
import { diagnoses, publicSummaries, signals, zones } from '../../db/schema';
import { startWriteWorker } from '../../db/write-worker';
import { parseEnv } from '../../env';
import { computeSnapshot } from './summary.routes';
import { loginAs } from '../../test/auth';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';
import { validSignal } from './test-fixtures';

let t: TestApp;
let diagnosisId: string;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 300, env: { SIGNAL_RATE_LIMIT: '0' } });
  diagnosisId = (await t.db.select({ id: diagnoses.id }).from(diagnoses).where(eq(diagnoses.slug, 'demo')))[0].id;
  // Made before any report is sent: the resident path caches the territory.
  for (const name of ['Vicolo 0', 'Vicolo 1', 'Vicolo 2', 'Vicolo del sondaggio']) emptyZones.set(name, await newZone(name));
});
const emptyZones = new Map<string, string>();
afterAll(() => t.close());

type Summary = {
  k: number;
  base: number;
  asOf: string;
  refreshHours: number;
  zonesTotal: number | null;
  zones: { zoneId: string; name: string; count: number }[];
  categories: { id: string; label: string; count: number }[];
  texts: { text: string; zone: string | null }[];
};
const HOUR = 3_600_000;
const read = async (q = '') => {
  const res = await t.request(`/api/diagnoses/demo/summary${q}`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Summary };
};
const get = async (q = '') => (await read(q)).body;
/** Moves the clock to `hours` after the start of the next UTC day (a new window at 24 h). */
const nextDay = (hours = 1) => {
  const day = Math.floor(t.now.value.getTime() / (24 * HOUR)) + 1;
  t.now.value = new Date(day * 24 * HOUR + hours * HOUR);
};
const windowStartNow = () => new Date(Math.floor(t.now.value.getTime() / (24 * HOUR)) * 24 * HOUR);
const post = async (over: Record<string, unknown>) => {
  const res = await t.request('/api/diagnoses/demo/signals', { method: 'POST', json: validSignal(over) });
  if (res.status !== 201) throw new Error(`report refused: ${res.status} ${await res.text()}`);
  return res;
};

/** Exact counts of the reports the current window stands on: resident, not excluded, made before it. */
async function exact() {
  const before = windowStartNow();
  const counted = and(eq(signals.diagnosisId, diagnosisId), eq(signals.source, 'resident'), isNull(signals.exclusion), lt(signals.createdAt, before));
  const perZone = await t.db.select({ zoneId: signals.zoneId, n: sql<number>`count(*)` }).from(signals).where(counted).groupBy(signals.zoneId);
  const perCategory = await t.db.all<{ id: string; n: number }>(
    sql`select c.value as id, count(*) as n from signals s, json_each(s.categories) c where s.diagnosis_id = ${diagnosisId} and s.source = 'resident' and s.exclusion is null and s.created_at < ${before.getTime()} group by c.value`,
  );
  return {
    zones: new Map(perZone.filter((z) => z.zoneId).map((z) => [z.zoneId!, Number(z.n)])),
    categories: new Map(perCategory.map((c) => [c.id, Number(c.n)])),
  };
}

/** A new, empty zone of the demo (a small square far from the others): what an attacker would target. */
async function newZone(name: string): Promise<string> {
  const id = crypto.randomUUID();
  const [x, y] = [10.3 + Math.random() * 0.01, 43.7 + Math.random() * 0.01];
  const ring = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]];
  await t.db.insert(zones).values({ id, diagnosisId, name, kind: 'strada', geometry: { type: 'Polygon', coordinates: [ring] }, minLon: x, minLat: y, maxLon: x + 0.001, maxLat: y + 0.001, areaKm2: 0.01, createdAt: t.now.value });
  return id;
}

describe('published figures', () => {
  it('rounds every zone and category count to the base, and shows it only at k or more once rounded', async () => {
    const s = await get();
    expect(s).toMatchObject({ k: 5, base: 5, refreshHours: 24, asOf: windowStartNow().toISOString().slice(0, 10) });
    const rule = disclosureRule({ public: true, k: 5, base: 5 })!;
    const truth = await exact();
    const expectedZones = [...truth.zones].flatMap(([id, n]) => (publishedCount(n, rule) === null ? [] : [[id, publishedCount(n, rule)]]));
    expect(s.zones.map((z) => [z.zoneId, z.count]).sort()).toEqual(expectedZones.sort());
    const expectedCategories = categories.flatMap((c) => {
      const p = publishedCount(truth.categories.get(c.id) ?? 0, rule);
      return p === null ? [] : [[c.id, p]];
    });
    expect(s.categories.map((c) => [c.id, c.count]).sort()).toEqual(expectedCategories.sort());
    for (const x of [...s.zones, ...s.categories]) {
      expect(x.count % 5).toBe(0);
      expect(x.count).toBeGreaterThanOrEqual(5);
    }
    // The demo has zones below k (left out, not shown as 0 or "< 5") and counts that rounding moves.
    expect([...truth.zones.values()].some((n) => n < 3 && n > 0)).toBe(true);
    expect(s.zones.some((z) => z.count !== truth.zones.get(z.zoneId))).toBe(true);
  });

  it('publishes as total only the sum of the zones shown: total minus the zones leaves nothing', async () => {
    const s = await get();
    expect(s.zonesTotal).toBe(s.zones.reduce((a, z) => a + z.count, 0));
    // There are reports in hidden zones and in no zone: none of them is in the total.
    const truth = await exact();
    const hidden = [...truth.zones].filter(([id]) => !s.zones.some((z) => z.zoneId === id));
    expect(hidden.reduce((a, [, n]) => a + n, 0)).toBeGreaterThan(0);
    expect(JSON.stringify(s)).not.toMatch(/"(total|totalAtLeast|rate|share|dataVersion)"/);
  });

  it('takes the base and k from the diagnosis; a k above the total hides everything, texts included', async () => {
    const admin = await loginAs(t, 'admin');
    const patch = (json: unknown) => t.request('/api/diagnoses/demo', { method: 'PATCH', headers: admin, json });
    await expectProblem(await patch({ settings: { roundingBase: 1 } }), 422);
    await expectProblem(await patch({ settings: { summaryRefreshHours: 'daily' } }), 422);
    try {
      expect((await patch({ settings: { roundingBase: 10 } })).status).toBe(200);
      const s = await get();
      expect(s.base).toBe(10);
      for (const x of [...s.zones, ...s.categories]) expect(x.count % 10).toBe(0);
      expect((await patch({ k: 100 })).status).toBe(200);
      for (const z of (await get()).zones) expect(z.count).toBeGreaterThanOrEqual(100);
      await t.db.update(diagnoses).set({ kThreshold: 1_000_000 }).where(eq(diagnoses.id, diagnosisId));
      expect(await get()).toMatchObject({ zonesTotal: null, zones: [], categories: [], texts: [] });
    } finally {
      await t.db.update(diagnoses).set({ kThreshold: 5, settings: {} }).where(eq(diagnoses.id, diagnosisId));
    }
    expect((await get()).base).toBe(5);
  });

  it('shows approved texts only, of reports made before the window, naming only zones that are shown', async () => {
    const s = await get();
    expect(s.texts.length).toBeGreaterThan(0);
    const approved = await t.db
      .select({ text: signals.text })
      .from(signals)
      .where(and(eq(signals.moderation, 'approved'), lt(signals.createdAt, windowStartNow())));
    const approvedTexts = new Set(approved.map((r) => r.text));
    for (const x of s.texts) expect(approvedTexts.has(x.text)).toBe(true);
    const shown = new Set(s.zones.map((z) => z.name));
    for (const x of s.texts) if (x.zone) expect(shown.has(x.zone)).toBe(true);
    // No date, no time, no id: a text is only its words and, perhaps, its zone.
    for (const x of s.texts) expect(Object.keys(x).sort()).toEqual(['text', 'zone']);
  });

  // Null hypothesis: texts come newest (or oldest) first, telling when each report arrived.
  it('lists texts in an order unrelated to their arrival', async () => {
    const moderator = await loginAs(t, 'moderator');
    // Four texts made a minute apart, whose ids sort in another order than their arrival (a < c < b < d):
    // no rotation of the id order is the order of arrival or its reverse.
    const ids = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000d'];
    const texts = ['Primo testo in ordine di arrivo.', 'Secondo testo in ordine di arrivo.', 'Terzo testo in ordine di arrivo.', 'Quarto testo in ordine di arrivo.'];
    for (const [i, id] of ids.entries()) {
      await post({ id, text: texts[i] });
      expect((await t.request(`/api/diagnoses/demo/moderation/signals/${id}/approve`, { method: 'POST', headers: moderator })).status).toBe(200);
      t.now.value = new Date(t.now.value.getTime() + 60_000);
    }
    nextDay();
    const shown = (await get()).texts.map((x) => x.text).filter((x) => texts.includes(x));
    expect(shown.sort()).toEqual([...texts].sort());
    const order = (await get()).texts.map((x) => texts.indexOf(x.text)).filter((i) => i >= 0);
    expect(order).not.toEqual([0, 1, 2, 3]);
    expect(order).not.toEqual([3, 2, 1, 0]);
  });

  it('computes the same snapshot on the Node reader thread as through drizzle', async () => {
    const worker = startWriteWorker(t.url);
    try {
      const rule = disclosureRule({ public: true, k: 5, base: 5 })!;
      const viaDb = await computeSnapshot(t.db, undefined, diagnosisId, windowStartNow(), rule);
      const viaWorker = await computeSnapshot(t.db, worker.readColumns, diagnosisId, windowStartNow(), rule);
      expect(viaWorker).toEqual(viaDb);
      expect(viaDb.zones.length).toBeGreaterThan(0);
      expect(viaDb.textIds.length).toBeGreaterThan(0);
    } finally {
      await worker.close();
    }
  });

  it('labels categories in English on request with the same counts, and 404s an unknown diagnosis', async () => {
    const it_ = await get();
    const en = await get('?lang=en');
    expect(en.categories.map((c) => [c.id, c.count])).toEqual(it_.categories.map((c) => [c.id, c.count]));
    expect(en.categories.map((c) => c.label)).not.toContain('Illuminazione scarsa');
    await expectProblem(await t.request('/api/diagnoses/nowhere/summary'), 404);
  });
});

describe('attacks', () => {
  it('topping up: 4 reports on a zone holding 0, 1 or 2 others’ reports publish the same 5', async () => {
    // Other people's reports, made before the attacker's window: 0, 1 and 2 in three zones.
    const held = [0, 1, 2];
    const ids = held.map((_, i) => emptyZones.get(`Vicolo ${i}`)!);
    for (const [i, n] of held.entries()) for (let j = 0; j < n; j++) await post({ lat: undefined, lon: undefined, zoneId: ids[i] });
    nextDay();
    // Hidden: none of the three zones appears.
    const before = await get();
    for (const id of ids) expect(before.zones.find((z) => z.zoneId === id)).toBeUndefined();
    // The attacker tops each zone up with 4 reports of their own and waits for the next window.
    for (const id of ids) for (let j = 0; j < 4; j++) await post({ lat: undefined, lon: undefined, zoneId: id });
    nextDay();
    const after = await get();
    const published = ids.map((id) => after.zones.find((z) => z.zoneId === id)?.count ?? null);
    expect(published).toEqual([5, 5, 5]);
    // What the attacker can infer: every hidden count consistent with "hidden before, 5 after 4 more".
    const rule = disclosureRule({ public: true, k: after.k, base: after.base })!;
    const consistent = [0, 1, 2, 3, 4].filter((h) => publishedCount(h, rule) === null && publishedCount(h + 4, rule) === 5);
    expect(consistent).toEqual([0, 1, 2]);
    expect(after.zonesTotal! - after.zones.reduce((a, z) => a + z.count, 0)).toBe(0);
  });

  it('differencing over time: a report made now changes nothing until the next window, for anyone', async () => {
    nextDay(2);
    const zone = emptyZones.get('Vicolo del sondaggio')!;
    const first = await read();
    // One report, then polling: the same bytes at once, an hour later, and late in the window.
    await post({ lat: undefined, lon: undefined, zoneId: zone, categories: ['road'] });
    for (let i = 0; i < 4; i++) await post({ lat: undefined, lon: undefined, zoneId: zone, categories: ['road'] });
    expect((await read()).text).toBe(first.text);
    t.now.value = new Date(t.now.value.getTime() + HOUR);
    expect((await read()).text).toBe(first.text);
    t.now.value = new Date(windowStartNow().getTime() + 24 * HOUR - 1);
    expect((await read('?lang=it')).text).toBe(first.text);
    // Another process (or Workers isolate) that computes the window afresh gets the same figures:
    // they stand on the reports made before the window, not on when the question comes.
    await t.db.delete(publicSummaries);
    const other = createApp({ runtime: 'node', db: t.db, config: parseEnv({ DATABASE_URL: t.url, SEED_DEMO: '0' }), clock: () => t.now.value });
    expect(await (await other.request('/api/diagnoses/demo/summary')).text()).toBe(first.text);
    // The next window counts them: the zone of 5 reports appears, and the figures are the database's.
    nextDay(0);
    const next = await get();
    expect(next.asOf).not.toBe(first.body.asOf);
    expect(next.zones.find((z) => z.zoneId === zone)?.count).toBe(5);
  });

  it('differencing across filters: the summary takes none, so every filter gives the same answer', async () => {
    const plain = (await read()).text;
    for (const q of ['?zone=x', '?categories=lighting', '?from=2026-01-01&to=2026-02-01', '?sources=police', '?k=1', '?base=1', '?asOf=2026-01-01'])
      expect((await read(q)).text).toBe(plain);
  });

  it('no unauthenticated answer carries a data version or a time that moves with a report', async () => {
    const pub = (await (await t.request('/api/diagnoses/demo/public')).json()) as { zones: { features: { id: string }[] } };
    const id = crypto.randomUUID();
    const answers: Response[] = [
      await t.request('/api/diagnoses/demo/summary'),
      await t.request('/api/diagnoses/demo/public'),
      await t.request('/api/diagnoses/demo/signals', { method: 'POST', json: validSignal({ id, lat: undefined, lon: undefined, zoneId: pub.zones.features[0].id }) }),
      await t.request(`/api/diagnoses/demo/signals/${id}/perception`, { method: 'POST', json: { safeAfterDark: 'fairly-safe' } }),
      await t.request('/api/health'),
    ];
    for (const res of answers) {
      expect(res.status).toBeLessThan(300);
      for (const [name] of res.headers) expect(name).not.toMatch(/version|etag|last-modified|x-data/i);
      const text = await res.text();
      expect(text).not.toMatch(/dataVersion|data_version|version"/i);
      // No instant (date and time): the summary's coarse day is all.
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
      expect(text).not.toMatch(/(?<![\d.])1[78]\d{11}(?![\d.])/);
    }
  });
});
