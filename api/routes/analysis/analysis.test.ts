import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { diagnoses, institutions, responseRevisions, responses, signals } from '../../db/schema';
import { latestSubmissions } from '../responses/submitted';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';
import { containsPoint } from '../../../analysis/geometry';
import { municipalities } from '../../db/schema';

let t: TestApp;
let analyst: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 1500 });
  analyst = await loginAs(t, 'analyst');
});
afterAll(() => t.close());

const get = async (path: string, h: Partial<AuthHeaders> = analyst) => t.request(`/api/diagnoses/demo/analysis/${path}`, { headers: h.cookie ? { cookie: h.cookie } : {} });
const json = async (path: string) => {
  const res = await get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
};

describe('authorisation', () => {
  it('anonymous 401, moderator 403, analyst and admin 200', async () => {
    await expectProblem(await get('time', {}), 401);
    const mod = await loginAs(t, 'moderator');
    await expectProblem(await get('time', mod), 403);
    const admin = await loginAs(t, 'admin');
    expect((await get('time', admin)).status).toBe(200);
  });
});

describe('hotspots', () => {
  it('is GeoJSON with the method and reproducible cell properties', async () => {
    const res = await get('hotspots');
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = (await res.json()) as any;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.method).toMatchObject({ statistic: 'Gi*', fdr: 'Benjamini-Hochberg' });
    expect(fc.method.cellMeters).toBeGreaterThan(0);
    const props = fc.features[0].properties;
    for (const key of ['x', 'y', 'count', 'value', 'z', 'p', 'q', 'class']) expect(props).toHaveProperty(key);
    // The demo plants clusters at its busiest places: some cells must be hot.
    expect(fc.features.filter((f: any) => f.properties.class.startsWith('hot')).length).toBeGreaterThan(0);
  });

  it('honours cell and band overrides and filters', async () => {
    const fc = await json('hotspots?cell=250&band=600');
    expect(fc.method).toMatchObject({ cellMeters: 250, bandMeters: 600 });
    const all = await json('hotspots?cell=250&band=600');
    const night = await json('hotspots?cell=250&band=600&timeBands=night&sources=resident');
    const sum = (x: any) => x.features.reduce((a: number, f: any) => a + f.properties.count, 0);
    expect(sum(night)).toBeLessThan(sum(all));
  });

  it('rejects unknown filter values with 400 naming the field', async () => {
    const cases = ['hotspots?categories=unicorns', 'hotspots?sources=rumours', 'hotspots?cell=1', 'hotspots?from=yesterday', 'time?dayKind=holiday', 'time?area=not-a-uuid', 'time?colour=red'];
    for (const c of cases) {
      const body = await expectProblem(await get(c), 400);
      expect(body.errors?.length).toBeGreaterThan(0);
    }
    await expectProblem(await get('nonsense'), 400);
    await expectProblem(await t.request('/api/diagnoses/nowhere/analysis/time', { headers: { cookie: analyst.cookie } }), 404);
  });
});

describe('zones, perception gap, time, strengths', () => {
  it('ranks every zone with components and a sensitivity report', async () => {
    const r = await json('zones');
    expect(r.zones).toHaveLength(25);
    expect(r.zones[0].rank).toBe(1);
    expect(r.zones[0]).toHaveProperty('scaled.police');
    expect(r.sensitivity.scenarios.length).toBe(2 * Object.values(r.method.weights).filter((w: any) => w > 0).length); // used components × (0.8, 1.2)
    // Shrunk rates, rank intervals from seeded posterior draws, the sampling rho, the few-reports flag.
    expect(r.method.sources).toEqual(['media', 'police', 'resident']);
    expect(r.method.combination).toMatch(/^deliberate/);
    expect(r.method.shrinkage.estimator).toMatch(/Marshall/);
    expect(r.method.fewReports.below).toBe(10);
    for (const z of r.zones) {
      expect(z.rankInterval.lower).toBeLessThanOrEqual(z.rankInterval.upper);
      expect(z.fewReports).toBe(z.residentReports < 10);
    }
    expect(r.sensitivity.sampling.draws).toBeGreaterThan(0);
    expect(r.sensitivity.sampling.spearmanMedian).toBeLessThanOrEqual(1);
    expect(await json('zones')).toEqual(r); // seeded: the same intervals every time
  });

  it('leaves out the sources the request does not name, as no data', async () => {
    const r = await json('zones?sources=resident');
    expect(r.method.sources).toEqual(['resident']);
    expect(r.method.missingComponents).toEqual(expect.arrayContaining(['police', 'media']));
    expect(r.zones[0].scaled.police).toBeNull();
    const gap = await json('perception-gap?sources=resident');
    expect(gap.zones).toEqual([]);
    expect(gap.unplaced).toHaveLength(25);
    expect(gap.method.missing).toEqual(['recorded']);
  });

  it('places zones in perception-gap quadrants', async () => {
    const r = await json('perception-gap');
    expect(r.zones).toHaveLength(25);
    const quadrants = new Set(r.zones.map((z: any) => z.quadrant));
    expect(quadrants.size).toBeGreaterThanOrEqual(3);
    // The demo's "Area verde di via Orti Romani" is much reported by residents and seldom by police.
    expect(r.zones.find((z: any) => z.name === 'Area verde di via Orti Romani').quadrant).toBe('fear-above-risk');
    expect(r.method.sources).toEqual({ perceived: ['resident'], recorded: ['media', 'police'] });
  });

  it('profiles time and narrows with the period filter', async () => {
    const all = await json('time');
    expect(all.table.map((r: any) => r.band)).toEqual(expect.arrayContaining(['morning', 'afternoon', 'evening', 'night']));
    expect(all.monthly.length).toBeGreaterThanOrEqual(12);
    const recent = await json('time?from=2026-09-01');
    expect(recent.total).toBeLessThan(all.total);
  });

  it('reads strengths and residents’ places', async () => {
    const r = await json('strengths');
    expect(r.residents.zones.length).toBeGreaterThan(0);
    expect(r.residents.method.sources).toEqual(['resident']);
    // Residents only, whatever the request names: police figures do not change residents' places.
    expect((await json('strengths?sources=police,resident')).residents).toEqual(r.residents);
    expect(r.participation.institutions).toBe(30);
    expect(r.dimensionLabels.knowledge.it).toBeTruthy();
  });
});

describe('cache', () => {
  it('serves the same result until the data changes, then recomputes', async () => {
    const a = await get('time?sources=police');
    const v1 = a.headers.get('x-data-version');
    const before = ((await a.json()) as any).total;
    const [d] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    await t.db.insert(signals).values({ id: crypto.randomUUID(), diagnosisId: d.id, source: 'police', lat: 43.84, lon: 10.5, categories: ['theft'], timeBands: [], count: 7, occurredAt: new Date('2026-10-01'), createdAt: new Date() });
    expect(((await (await get('time?sources=police')).json()) as any).total).toBe(before); // not yet bumped
    await t.db.update(diagnoses).set({ dataVersion: sql`${diagnoses.dataVersion} + 1` }).where(eq(diagnoses.id, d.id));
    const b = await get('time?sources=police');
    expect(b.headers.get('x-data-version')).not.toBe(v1);
    expect(((await b.json()) as any).total).toBe(before + 7);
  });
});

describe('compare', () => {
  it('without a previous wave gives the objectives’ progress', async () => {
    const r = await json('compare');
    expect(r.previous).toBeNull();
    const ob1 = r.objectives.find((o: any) => o.name.startsWith('OB1'));
    expect(ob1).toMatchObject({ baseline: 38, target: 30, measured: 35 });
    expect(ob1.share).toBeCloseTo(3 / 8, 6);
  });

  it('compares an ex-post wave with the ex-ante one: zone shares, windows, sources, paired institutions', async () => {
    const admin = await loginAs(t, 'admin');
    const res = await t.request('/api/diagnoses/demo/follow-up', { method: 'POST', headers: admin, json: { slug: 'demo-post', title: 'DEMO ex post' } });
    expect(res.status).toBe(201);
    const [demo] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    const [post] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo-post'));
    // The ex-post wave observes the following year (the follow-up copied the ex-ante dates).
    await t.db.update(diagnoses).set({ settings: { ...post.settings, periodFrom: '2026-11-02', periodTo: '2027-11-01' } }).where(eq(diagnoses.id, post.id));
    const zonesOf = (id: string) => t.db.query.zones.findMany({ where: (z, { eq }) => eq(z.diagnosisId, id) });
    const postZoneByName = new Map((await zonesOf(post.id)).map((z) => [z.name, z.id]));
    const demoZoneName = new Map((await zonesOf(demo.id)).map((z) => [z.id, z.name]));
    const roma = postZoneByName.get('Piazza Roma')!;
    // The same residents' reports a year later, zone for zone: no zone's share changes...
    const demoSignals = await t.db.select().from(signals).where(eq(signals.diagnosisId, demo.id));
    const YEAR = 366 * 86_400_000;
    const copied = demoSignals
      .filter((s) => s.source === 'resident')
      .map((s) => ({ ...s, id: crypto.randomUUID(), diagnosisId: post.id, zoneId: s.zoneId ? (postZoneByName.get(demoZoneName.get(s.zoneId)!) ?? null) : null, occurredAt: new Date(s.occurredAt.getTime() + YEAR), createdAt: new Date(s.createdAt.getTime() + YEAR) }));
    for (let i = 0; i < copied.length; i += 200) await t.db.insert(signals).values(copied.slice(i, i + 200));
    // ...except Piazza Roma, with 60 more reports; and after the pact police record almost nothing there.
    const extra = Array.from({ length: 60 }, (_, i) => ({ id: crypto.randomUUID(), diagnosisId: post.id, source: 'resident' as const, zoneId: roma, lat: 43.84, lon: 10.5, categories: ['nightlife'], timeBands: ['night'], count: 1, occurredAt: new Date(Date.UTC(2027, 0, 10 + i)), createdAt: new Date(Date.UTC(2027, 0, 10 + i)) }));
    await t.db.insert(signals).values([...extra, { id: crypto.randomUUID(), diagnosisId: post.id, source: 'police', zoneId: roma, categories: ['nightlife'], timeBands: [], count: 1, occurredAt: new Date('2027-06-01'), createdAt: new Date('2027-06-01') }]);
    // The institutions answer again (copied with new ids: paired by kind and name), answers shuffled.
    const demoInst = await t.db.select().from(institutions).where(eq(institutions.diagnosisId, demo.id));
    const postInst = new Map((await t.db.select().from(institutions).where(eq(institutions.diagnosisId, post.id))).map((i) => [`${i.kind}|${i.name}`, i.id]));
    const subs = await latestSubmissions(t.db, demo.id);
    const instById = new Map(demoInst.map((i) => [i.id, i]));
    for (const [j, sub] of subs.entries()) {
      const from = instById.get(sub.institutionId)!;
      const responseId = crypto.randomUUID();
      const answers = subs[(j + 1) % subs.length].answers;
      const at = new Date('2027-03-01');
      await t.db.insert(responses).values({ id: responseId, diagnosisId: post.id, institutionId: postInst.get(`${from.kind}|${from.name}`)!, answers, status: 'submitted', surveyVersion: sub.surveyVersion, submittedAt: at, createdAt: at, updatedAt: at });
      await t.db.insert(responseRevisions).values({ id: crypto.randomUUID(), responseId, version: 1, answers, surveyVersion: sub.surveyVersion, submittedAt: at });
    }
    const compare = async (qs: string) => (await (await t.request(`/api/diagnoses/demo-post/analysis/compare${qs}`, { headers: { cookie: analyst.cookie } })).json()) as any;

    const r = await compare('');
    expect(r.previous.slug).toBe('demo');
    expect(r.method.sources).toEqual(['resident']);
    expect(r.method.nullHypothesis.zones).toBe("the zone's share of the wave's reports is the same in both waves");
    expect(r.method.exposure.before.days).toBe(366);
    expect(r.method.exposure.after.days).toBe(365);
    // Reports dated outside a wave's period are not its own: counted apart, not compared.
    expect(r.method.exposure.before.outsidePeriod).toBeLessThan(5);
    const flagged = r.zones.filter((z: any) => z.change !== 'none');
    expect(flagged.map((z: any) => z.zoneId)).toEqual([roma]);
    expect(flagged[0]).toMatchObject({ change: 'increase', status: 'tested' });
    expect(flagged[0].q).toBeLessThanOrEqual(0.05);
    for (const z of r.zones.filter((x: any) => x.status === 'tested')) {
      expect(z.p).toBeGreaterThan(0);
      expect(z.q).toBeGreaterThanOrEqual(z.p);
    }
    const dims = r.dimensions.filter((d: any) => d.status === 'tested');
    expect(dims.length).toBeGreaterThan(0);
    for (const d of dims) expect(d).toMatchObject({ test: 'paired t', pairs: subs.length });

    // A date filter narrows counts and exposure alike: 1 Oct to 30 Nov 2026 spans both waves.
    const f = await compare('?from=2026-10-01&to=2026-11-30');
    expect(f.method.exposure.before.days).toBe(32);
    expect(f.method.exposure.after.days).toBe(29);
    // A month inside the ex-post wave only: no overlap, nothing tested (it was 0 vs everything).
    const none = await compare('?from=2027-03-01&to=2027-03-31');
    expect(none.method.exposure.overlap).toBe(false);
    expect(none.zones.every((z: any) => z.status === 'no-overlap' && z.p === null)).toBe(true);

    // Police only when asked: Piazza Roma's police events drop to 1.
    const police = await compare('?sources=police');
    expect(police.method.sources).toEqual(['police']);
    const z = police.zones.find((x: any) => x.zoneId === roma);
    expect(z.before.count).toBeGreaterThan(20);
    expect(z.after.count).toBe(1);
    expect(z.rateRatio).toBeLessThan(0.1);
  });
});

describe('hotspots on the territory grid', () => {
  const centre = (f: any) => {
    const ring = f.geometry.coordinates[0] as number[][];
    return [(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2];
  };

  it('lays the same cells for every filter, all inside the municipal boundaries', async () => {
    const all = await json('hotspots');
    const night = await json('hotspots?timeBands=night&categories=theft');
    expect(all.method).toMatchObject({ extent: 'territory', sources: ['resident'] });
    expect(all.method.test).toMatch(/exact conditional binomial/);
    expect(night.method.grid).toEqual(all.method.grid);
    expect(night.method.cellMeters).toBe(all.method.cellMeters);
    expect(night.features.map((f: any) => `${f.properties.col},${f.properties.row}`)).toEqual(all.features.map((f: any) => `${f.properties.col},${f.properties.row}`));
    const [d] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    const boundaries = (await t.db.select().from(municipalities).where(eq(municipalities.diagnosisId, d.id))).flatMap((m) => (m.geometry ? [m.geometry] : []));
    expect(boundaries.length).toBeGreaterThan(0);
    for (const f of all.features) {
      const [lon, lat] = centre(f);
      expect(boundaries.some((g) => containsPoint(g, lon, lat))).toBe(true);
    }
    expect(all.summary.cells).toBe(all.method.analysedCells);
  });

  // H0 for residents is untouched by police figures: one imported police row of 40 events at one
  // place must not change the residents' map; only a request naming police reads it.
  it('does not make a hot block of one imported police row of 40 events by default', async () => {
    const before = await json('hotspots');
    // A quiet cell: no resident report in its window.
    const quiet = before.features.find((f: any) => f.properties.window === 0 && f.properties.class === 'none') ?? before.features.find((f: any) => f.properties.count === 0);
    const [lon, lat] = centre(quiet);
    const [d] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    await t.db.insert(signals).values({ id: crypto.randomUUID(), diagnosisId: d.id, source: 'police', lat, lon, categories: ['theft'], timeBands: [], count: 40, occurredAt: new Date('2026-10-01'), createdAt: new Date() });
    await t.db.update(diagnoses).set({ dataVersion: sql`${diagnoses.dataVersion} + 1` }).where(eq(diagnoses.id, d.id));
    const after = await json('hotspots');
    expect(after.features.map((f: any) => f.properties.class)).toEqual(before.features.map((f: any) => f.properties.class));
    expect(after.summary.signals).toBe(before.summary.signals);
    const mixed = await json('hotspots?sources=resident,police');
    expect(mixed.method.sources).toEqual(['police', 'resident']);
    const at = mixed.features.find((f: any) => f.properties.col === quiet.properties.col && f.properties.row === quiet.properties.row);
    expect(at.properties.count).toBeGreaterThanOrEqual(40);
    expect(at.properties.class).toMatch(/^hot-99/); // what mixing the sources by default used to do
  });

  it('answers 400 naming the field for a grid or band of too many cells', async () => {
    const band = await expectProblem(await get('hotspots?cell=10&band=100000'), 400);
    expect(band.errors?.[0]?.field).toBe('band');
  });
});
