import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../../../surveys/taxonomy';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
});
afterAll(() => t.close());

describe('GET /api/diagnoses/{slug}/public', () => {
  it('gives a resident page what it needs', async () => {
    const res = await t.request('/api/diagnoses/demo/public');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ slug: 'demo', status: 'open', wave: 'ex-ante', demo: true, k: 5 });
    expect(body.title).toMatch(/^DEMO/);
    expect(body.categories).toHaveLength(categories.length);
    expect(body.categories[0]).toEqual({ id: 'lighting', label: 'Illuminazione scarsa' });
    expect(body.zones.type).toBe('FeatureCollection');
    expect(body.zones.features.length).toBeGreaterThanOrEqual(20);
    const f = body.zones.features[0];
    expect(f.geometry.type).toBe('Polygon');
    expect(f.properties).toHaveProperty('name');
    const [minLon, minLat, maxLon, maxLat] = body.bbox;
    expect(minLon).toBeLessThan(maxLon);
    expect(minLat).toBeLessThan(maxLat);
    for (const feature of body.zones.features)
      for (const [lon, lat] of feature.geometry.coordinates[0]) {
        expect(lon).toBeGreaterThanOrEqual(minLon);
        expect(lat).toBeLessThanOrEqual(maxLat);
      }
    expect(body.map.tileUrl).toContain('{z}');
  });

  it('labels in English on request', async () => {
    const body = (await (await t.request('/api/diagnoses/demo/public?lang=en')).json()) as any;
    expect(body.categories[0]).toEqual({ id: 'lighting', label: 'Poor lighting' });
  });

  it('refuses an unknown diagnosis with 404', async () => {
    await expectProblem(await t.request('/api/diagnoses/nowhere/public'), 404);
  });

  it('refuses a malformed slug and an unknown language with 400 naming the field', async () => {
    const a = await expectProblem(await t.request('/api/diagnoses/NOT_A_SLUG/public'), 400);
    expect(a.errors?.[0].field).toBe('slug');
    const b = await expectProblem(await t.request('/api/diagnoses/demo/public?lang=fr'), 400);
    expect(b.errors?.[0].field).toBe('lang');
  });
});

describe('public rule and refresh window', () => {
  it('takes k and the rounding base from the diagnosis (defaults 5 and 5), and windows on UTC boundaries', async () => {
    const { publicRuleOf, refreshHoursOf, windowStart } = await import('./public.routes');
    expect(publicRuleOf({ kThreshold: 5, settings: {} })).toEqual({ k: 5, base: 5 });
    expect(publicRuleOf({ kThreshold: 8, settings: { roundingBase: 10 } })).toEqual({ k: 8, base: 10 });
    expect(refreshHoursOf({ settings: {} })).toBe(24);
    expect(windowStart(new Date('2026-12-04T20:07:18Z'), 24).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(windowStart(new Date('2026-12-04T00:00:00Z'), 24).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(windowStart(new Date('2026-12-03T23:59:59.999Z'), 24).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(windowStart(new Date('2026-12-04T13:30:00Z'), 6).toISOString()).toBe('2026-12-04T12:00:00.000Z');
  });

  it('tells the page the rounding base beside k', async () => {
    const body = (await (await t.request('/api/diagnoses/demo/public')).json()) as { k: number; base: number };
    expect(body).toMatchObject({ k: 5, base: 5 });
  });
});
