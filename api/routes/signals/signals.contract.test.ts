// Contract of POST /api/diagnoses/{slug}/signals: what is stored, how retries behave, and that
// every bad input gets a problem document naming the field and changes no row anywhere.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoses, signals, zones } from '../../db/schema';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { FAR_AWAY, IN_GAP, IN_TERRITORY_NO_ZONE, IN_ZONE, validSignal } from './test-fixtures';

// Twice: through the Hono app (as Workers and the tests' app.request run it), and over a socket
// to the Node server `npm start` runs, whose direct path answers this route (node-signal-path.ts).
describe.each([
  ['Hono app', false],
  ['Node server', true],
] as const)('%s', (_server, http) => {
  let t: TestApp;
  let piazzaRomaId: string;
  beforeAll(async () => {
    t = await createTestApp({ http, seed: true, residentSignals: 50, env: { SIGNAL_RATE_LIMIT: '0' } });
    [{ id: piazzaRomaId }] = await t.db.select({ id: zones.id }).from(zones).where(eq(zones.name, 'Piazza Roma'));
  });
  afterAll(() => t.close());

  const post = (body: unknown, slug = 'demo') => t.request(`/api/diagnoses/${slug}/signals`, { method: 'POST', json: body });
  const rowOf = async (id: string) => (await t.db.select().from(signals).where(eq(signals.id, id)))[0];
  const dataVersion = async () => (await t.db.select({ v: diagnoses.dataVersion }).from(diagnoses).where(eq(diagnoses.slug, 'demo')))[0].v;

  describe('a valid report', () => {
    it('is stored with its zone resolved by point-in-polygon (201)', async () => {
      const before = await dataVersion();
      const body = validSignal({ helps: ['police', 'lighting'], profile: { age: '30-44', relation: 'live' } });
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: body.id, zoneId: piazzaRomaId });
      const row = await rowOf(body.id as string);
      expect(row).toMatchObject({
        source: 'resident',
        zoneId: piazzaRomaId,
        categories: ['lighting', 'drugs'],
        timeBands: ['evening'],
        days: ['weekend'],
        intensity: 4,
        count: 1,
        // Stored in taxonomy order whatever order the client sent.
        helps: ['lighting', 'police'],
        profile: { age: '30-44', relation: 'live' },
        text: null,
        moderation: 'none',
      });
      expect(row.lat).toBeCloseTo(IN_ZONE.lat, 6);
      // Minute precision, from the server clock.
      expect(row.createdAt.getTime() % 60_000).toBe(0);
      expect(row.occurredAt.getTime()).toBe(row.createdAt.getTime());
      expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(await dataVersion()).toBeGreaterThan(before);
    });

    it('stores nothing that identifies the device: no address, agent or cookie column gets a value', async () => {
      const body = validSignal();
      await t.request('/api/diagnoses/demo/signals', {
        method: 'POST',
        json: body,
        headers: { 'user-agent': 'Agent/Unique-42', cookie: 'tracker=abc123', 'x-forwarded-for': '203.0.113.9' },
      });
      const dump = JSON.stringify(await t.db.all(`select * from signals where id = '${body.id}'`));
      for (const needle of ['Unique-42', 'abc123', '203.0.113.9']) expect(dump).not.toContain(needle);
    });

    it('keeps free text for moderation (pending)', async () => {
      const body = validSignal({ text: '  Lampioni spenti da mesi.  ' });
      expect((await post(body)).status).toBe(201);
      expect(await rowOf(body.id as string)).toMatchObject({ text: 'Lampioni spenti da mesi.', moderation: 'pending' });
    });

    it('accepts a zone picked from the list instead of a point', async () => {
      const body = validSignal({ lat: undefined, lon: undefined, zoneId: piazzaRomaId });
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: body.id, zoneId: piazzaRomaId });
      expect(await rowOf(body.id as string)).toMatchObject({ zoneId: piazzaRomaId, lat: null, lon: null });
    });

    it('accepts a point in the territory outside every zone (zoneId null)', async () => {
      const body = validSignal(IN_TERRITORY_NO_ZONE);
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(((await res.json()) as { zoneId: unknown }).zoneId).toBeNull();
    });

    it('accepts the perception survey with the report, and lowercases the id', async () => {
      const id = crypto.randomUUID();
      const body = validSignal({ id: id.toUpperCase(), perception: { safeAfterDark: 'not-very-safe', trustLocalPolice: 2 } });
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(((await res.json()) as { id: string }).id).toBe(id);
      expect((await rowOf(id)).perception).toEqual({ safeAfterDark: 'not-very-safe', trustLocalPolice: 2 });
    });
  });

  describe('retries', () => {
    it('same id and same content: 200 with the same answer, stored once', async () => {
      const body = validSignal();
      const first = await post(body);
      expect(first.status).toBe(201);
      const counts = await tableCounts(t.db);
      const again = await post(body);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(await first.json());
      // The same content in another order is the same report.
      const reordered = await post({ ...body, categories: ['drugs', 'lighting'] });
      expect(reordered.status).toBe(200);
      expect(await tableCounts(t.db)).toEqual(counts);
    });

    it('concurrent copies of one report store one row', async () => {
      const body = validSignal();
      const statuses = (await Promise.all(Array.from({ length: 8 }, () => post(body)))).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      const rows = await t.db.select().from(signals).where(eq(signals.id, body.id as string));
      expect(rows).toHaveLength(1);
    });

    it('same id with other content: 409 naming the id, nothing changed', async () => {
      const body = validSignal();
      expect((await post(body)).status).toBe(201);
      const counts = await tableCounts(t.db);
      const stored = await rowOf(body.id as string);
      const p = await expectProblem(await post({ ...body, intensity: 1 }), 409);
      expect(p.errors?.[0].field).toBe('id');
      expect(await tableCounts(t.db)).toEqual(counts);
      expect(await rowOf(body.id as string)).toEqual(stored);
    });
  });

  const longText = 'x'.repeat(501);
  const { id: _omitId, ...withoutId } = validSignal();
  const { categories: _c, ...withoutCategories } = validSignal();
  const { timeBands: _tb, ...withoutTimeBands } = validSignal();
  const { intensity: _i, ...withoutIntensity } = validSignal();
  const { lat: _la, lon: _lo, ...withoutPlace } = validSignal();
  const { lon: _lo2, ...withoutLon } = validSignal();

  // [what, body, status, field named in the problem]
  const badInputs: [string, unknown, number, string][] = [
    ['no id', withoutId, 422, 'id'],
    ['id not a UUID', validSignal({ id: 'not-a-uuid' }), 422, 'id'],
    ['id a number', validSignal({ id: 12345 }), 422, 'id'],
    ['no categories', withoutCategories, 422, 'categories'],
    ['empty categories', validSignal({ categories: [] }), 422, 'categories'],
    ['unknown category', validSignal({ categories: ['ufo'] }), 422, 'categories.0'],
    ['duplicate category', validSignal({ categories: ['drugs', 'drugs'] }), 422, 'categories'],
    ['categories not a list', validSignal({ categories: 'drugs' }), 422, 'categories'],
    ['no time bands', withoutTimeBands, 422, 'timeBands'],
    ['unknown time band', validSignal({ timeBands: ['midnight'] }), 422, 'timeBands.0'],
    ['unknown day kind', validSignal({ days: ['holiday'] }), 422, 'days.0'],
    ['empty days', validSignal({ days: [] }), 422, 'days'],
    ['unknown help', validSignal({ helps: ['dragons'] }), 422, 'helps.0'],
    ['no intensity', withoutIntensity, 422, 'intensity'],
    ['intensity 0', validSignal({ intensity: 0 }), 422, 'intensity'],
    ['intensity 6', validSignal({ intensity: 6 }), 422, 'intensity'],
    ['intensity 2.5', validSignal({ intensity: 2.5 }), 422, 'intensity'],
    ['intensity as text', validSignal({ intensity: '3' }), 422, 'intensity'],
    ['text over 500 characters', validSignal({ text: longText }), 422, 'text'],
    ['blank text', validSignal({ text: '   ' }), 422, 'text'],
    ['text a number', validSignal({ text: 42 }), 422, 'text'],
    ['unknown field', validSignal({ email: 'me@example.org' }), 422, 'email'],
    ['unknown age band', validSignal({ profile: { age: '12' } }), 422, 'profile.age'],
    ['unknown profile field', validSignal({ profile: { shoeSize: 44 } }), 422, 'profile.shoeSize'],
    ['latitude 91', validSignal({ lat: 91 }), 422, 'lat'],
    ['longitude -181', validSignal({ lon: -181 }), 422, 'lon'],
    ['latitude as text', validSignal({ lat: '43.8' }), 422, 'lat'],
    ['lat without lon', withoutLon, 422, 'lon'],
    ['point and zone together', validSignal({ zoneId: 'x' }), 422, 'zoneId'],
    ['no place at all', withoutPlace, 422, 'lat'],
    ['unknown zone', { ...withoutPlace, zoneId: '00000000-0000-4000-8000-000000000000' }, 422, 'zoneId'],
    ['point in a gap of the territory', validSignal(IN_GAP), 422, 'lat'],
    ['point far away', validSignal(FAR_AWAY), 422, 'lat'],
    ['perception: unknown answer', validSignal({ perception: { safeAfterDark: 'meh' } }), 422, 'perception.safeAfterDark'],
    ['perception: unknown item', validSignal({ perception: { safeAfterDark: 'very-safe', mood: 3 } }), 422, 'perception.mood'],
    ['perception: trust 9', validSignal({ perception: { safeAfterDark: 'very-safe', trustMunicipality: 9 } }), 422, 'perception.trustMunicipality'],
    ['honeypot too long', validSignal({ website: 'x'.repeat(2001) }), 422, 'website'],
    ['body is a list', [validSignal()], 422, '(body)'],
    ['body is null', null, 422, '(body)'],
    ['body is a string', 'hello', 422, '(body)'],
  ];

  describe('bad input changes nothing', () => {
    it.each(badInputs)('%s → %i naming %s', async (_what, body, status, field) => {
      const before = await tableCounts(t.db);
      const version = await dataVersion();
      const p = await expectProblem(await post(body), status);
      expect(p.errors?.map((e) => e.field)).toContain(field);
      expect(p.detail).toBeTruthy();
      expect(await tableCounts(t.db)).toEqual(before);
      expect(await dataVersion()).toBe(version);
    });

    it('names every bad field at once', async () => {
      const p = await expectProblem(await post({ id: 'x', categories: ['ufo'], timeBands: [], intensity: 9, extra: 1 }), 422);
      expect(p.errors?.map((e) => e.field).sort()).toEqual(['categories.0', 'extra', 'id', 'intensity', 'lat', 'timeBands']);
    });

    it('says why a point is refused', async () => {
      const p = (await expectProblem(await post(validSignal(IN_GAP)), 422)) as { type?: string; detail?: string };
      expect(p.type).toContain('outside-territory');
      expect(p.detail).toMatch(/outside the territory/);
    });

    const raw = (body: string, contentType = 'application/json', slug = 'demo') =>
      t.request(`/api/diagnoses/${slug}/signals`, { method: 'POST', body, headers: { 'content-type': contentType } });

    it.each([
      ['malformed JSON', () => raw('{"id": '), 400],
      ['truncated JSON', () => raw(JSON.stringify(validSignal()).slice(0, -3)), 400],
      ['text/plain', () => raw(JSON.stringify(validSignal()), 'text/plain'), 415],
      ['form encoded', () => raw('id=1', 'application/x-www-form-urlencoded'), 415],
      ['no content type', () => t.request('/api/diagnoses/demo/signals', { method: 'POST', body: JSON.stringify(validSignal()) }), 415],
      ['oversized body', () => raw(JSON.stringify(validSignal({ text: 'x'.repeat(20_000) }))), 413],
      [
        'oversized declared length',
        () => t.request('/api/diagnoses/demo/signals', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'content-length': '9000' } }),
        413,
      ],
      ['unknown diagnosis', () => raw(JSON.stringify(validSignal()), 'application/json', 'nowhere'), 404],
      ['malformed slug', () => raw(JSON.stringify(validSignal()), 'application/json', 'NOT_A_SLUG'), 400],
    ] as const)('%s → %i', async (_what, send, status) => {
      const before = await tableCounts(t.db);
      await expectProblem(await send(), status);
      expect(await tableCounts(t.db)).toEqual(before);
    });

    it('a diagnosis that is not open refuses new reports (409) but still answers a retry of a stored one', async () => {
      const stored = validSignal();
      expect((await post(stored)).status).toBe(201);
      await t.db.update(diagnoses).set({ status: 'closed' }).where(eq(diagnoses.slug, 'demo'));
      try {
        const before = await tableCounts(t.db);
        const p = await expectProblem(await post(validSignal()), 409);
        expect(p.detail).toMatch(/closed/);
        expect((await post(stored)).status).toBe(200);
        expect(await tableCounts(t.db)).toEqual(before);
      } finally {
        await t.db.update(diagnoses).set({ status: 'open' }).where(eq(diagnoses.slug, 'demo'));
      }
    });
  });

  describe('honeypot', () => {
    it('a filled honeypot looks accepted but nothing is stored', async () => {
      const before = await tableCounts(t.db);
      const body = validSignal({ website: 'http://spam.example' });
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: body.id, zoneId: piazzaRomaId });
      expect(await tableCounts(t.db)).toEqual(before);
    });

    it('an empty honeypot is a normal report', async () => {
      expect((await post(validSignal({ website: '' }))).status).toBe(201);
    });
  });

  describe('perception after the report', () => {
    const send = (id: string, body: unknown) => t.request(`/api/diagnoses/demo/signals/${id}/perception`, { method: 'POST', json: body });

    it('is attached once; the same answers again are 200, others 409', async () => {
      const report = validSignal();
      expect((await post(report)).status).toBe(201);
      const answers = { safeAfterDark: 'fairly-safe', avoidsEvening: 'sometimes', incivilities: { drugUse: 'often' }, trustMunicipality: 3 };
      expect((await send(report.id as string, answers)).status).toBe(200);
      expect((await rowOf(report.id as string)).perception).toEqual(answers);
      expect((await send(report.id as string, { ...answers })).status).toBe(200);
      const before = await tableCounts(t.db);
      await expectProblem(await send(report.id as string, { ...answers, trustMunicipality: 5 }), 409);
      expect((await rowOf(report.id as string)).perception).toEqual(answers);
      expect(await tableCounts(t.db)).toEqual(before);
      // A retry of the report itself still matches: perception is not part of its content.
      expect((await post(report)).status).toBe(200);
    });

    it('refuses an unknown report (404) and bad answers (422)', async () => {
      await expectProblem(await send(crypto.randomUUID(), { safeAfterDark: 'very-safe' }), 404);
      const report = validSignal();
      await post(report);
      const p = await expectProblem(await send(report.id as string, { safeAfterDark: 'so-so' }), 422);
      expect(p.errors?.[0].field).toBe('safeAfterDark');
      expect((await rowOf(report.id as string)).perception).toBeNull();
    });
  });

  describe('OpenAPI', () => {
    it('documents the endpoint from the same schema', async () => {
      const doc = (await (await t.request('/api/openapi.json')).json()) as any;
      const op = doc.paths['/api/diagnoses/{slug}/signals'].post;
      const schema = op.requestBody.content['application/json'].schema;
      expect(schema.properties.categories.items.enum).toContain('lighting');
      expect(schema.additionalProperties).toBe(false);
      expect(op.responses['201']).toBeTruthy();
    });
  });
});
