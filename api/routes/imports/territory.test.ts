// POST /api/diagnoses/{slug}/imports/territory on a real libSQL file: a valid file, re-import,
// skipBad, residents' signals placed against the new zones, and bad files that change nothing.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, auditLog, diagnoses, municipalities, signals, zones } from '../../db/schema';
import { MAX_TERRITORY_BYTES } from './limits';
import { BELVEDERE_CENTRE, HILL, polygon, square, territoryFile, type TerritoryFile } from './test-fixtures';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: AuthHeaders & { userId: string };
const SLUG = 'collina';

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t, 'admin');
  const created = await t.request('/api/diagnoses', { method: 'POST', json: { slug: SLUG, title: 'Diagnosi della Collina' }, headers: admin });
  expect(created.status).toBe(201);
  expect((await t.request(`/api/diagnoses/${SLUG}`, { method: 'PATCH', json: { status: 'open' }, headers: admin })).status).toBe(200);
});
afterAll(() => t.close());

const post = (body: unknown, opts: { query?: string; headers?: Partial<AuthHeaders>; type?: string; slug?: string } = {}) =>
  t.request(`/api/diagnoses/${opts.slug ?? SLUG}/imports/territory${opts.query ?? ''}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { ...(opts.headers ?? admin), 'content-type': opts.type ?? 'application/geo+json' },
  });

const diagnosis = async () => (await t.db.select().from(diagnoses).where(eq(diagnoses.slug, SLUG)))[0];
const zoneNamed = async (name: string) => (await t.db.select().from(zones).where(and(eq(zones.diagnosisId, (await diagnosis()).id), eq(zones.name, name))))[0];
const signal = (point: { lat: number; lon: number }) =>
  t.request(`/api/diagnoses/${SLUG}/signals`, { method: 'POST', json: { id: crypto.randomUUID(), ...point, categories: ['lighting'], timeBands: ['night'], intensity: 3 } });

/** Everything a bad request must leave as it was: every table's rows, the territory, the signals' zones, the data version. */
async function snapshot() {
  const d = await diagnosis();
  return {
    counts: await tableCounts(t.db),
    dataVersion: d.dataVersion,
    signalZones: JSON.stringify(await t.db.select({ id: signals.id, zoneId: signals.zoneId }).from(signals).orderBy(signals.id)),
    territory: JSON.stringify([
      await t.db.select().from(areas).where(eq(areas.diagnosisId, d.id)).orderBy(areas.id),
      await t.db.select().from(municipalities).where(eq(municipalities.diagnosisId, d.id)).orderBy(municipalities.id),
      await t.db.select().from(zones).where(eq(zones.diagnosisId, d.id)).orderBy(zones.id),
    ]),
  };
}

const edit = (f: (file: TerritoryFile) => void) => {
  const file = territoryFile();
  f(file);
  return file;
};
const props = (file: TerritoryFile, i: number) => file.features[i].properties as Record<string, unknown>;

describe('importing a territory', () => {
  it('creates areas, municipalities and zones, resolving references by name and ISTAT code', async () => {
    const before = await diagnosis();
    const res = await post(territoryFile());
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ created: { areas: 1, municipalities: 2, zones: 2 }, updated: { areas: 0, municipalities: 0, zones: 0 }, unchanged: { areas: 0, municipalities: 0, zones: 0 }, skipped: 0, errors: [] });
    expect(body.items.map((i: any) => [i.index, i.kind, i.name, i.action])).toEqual([
      [1, 'area', 'Collina', 'created'],
      [0, 'municipality', 'Monte Alto', 'created'],
      [2, 'municipality', 'Valle Bassa', 'created'],
      [3, 'zone', 'Piazza del Belvedere', 'created'],
      [4, 'zone', 'Parco della Rocca', 'created'],
    ]);

    const d = await diagnosis();
    expect(d.dataVersion).toBe(before.dataVersion + 1);
    const [area] = await t.db.select().from(areas).where(eq(areas.diagnosisId, d.id));
    const towns = await t.db.select().from(municipalities).where(eq(municipalities.diagnosisId, d.id)).orderBy(municipalities.istatCode);
    expect(towns.map((m) => [m.name, m.istatCode, m.population, m.areaId])).toEqual([
      ['Monte Alto', '999101', 4200, area.id],
      ['Valle Bassa', '999102', 1800, area.id],
    ]);
    expect(towns[0].geometry).toEqual(polygon(square(HILL.lon, HILL.lat, 0.05)));
    const piazza = await zoneNamed('Piazza del Belvedere');
    expect(piazza).toMatchObject({ municipalityId: towns[0].id, kind: 'piazza', population: null });
    expect([piazza.minLon, piazza.minLat, piazza.maxLon, piazza.maxLat]).toEqual([11.21, 44.21, 11.211, 44.211]);
    // About 80 m × 111 m at this latitude.
    expect(piazza.areaKm2).toBeGreaterThan(0.0085);
    expect(piazza.areaKm2).toBeLessThan(0.0093);
    const parco = await zoneNamed('Parco della Rocca');
    expect(parco).toMatchObject({ municipalityId: towns[1].id, kind: 'parco', population: 150 });
    expect(parco.geometry.type).toBe('MultiPolygon');

    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.diagnosisId, d.id), eq(auditLog.action, 'import.territory')));
    expect(audit).toMatchObject({ userId: admin.userId, target: SLUG, details: { created: { areas: 1, municipalities: 2, zones: 2 }, skipped: 0 } });

    const described = (await (await t.request(`/api/diagnoses/${SLUG}`, { headers: admin })).json()) as any;
    expect(described.counts).toMatchObject({ areas: 1, municipalities: 2, zones: 2 });
  });

  it("places residents' signals in the imported zones at once, and in the reshaped ones after a re-import", async () => {
    const piazza = await zoneNamed('Piazza del Belvedere');
    const first = await signal(BELVEDERE_CENTRE);
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { id: string; zoneId: string | null };
    expect(firstBody.zoneId).toBe(piazza.id);
    // Outside every boundary of the diagnosis.
    expect((await signal({ lat: HILL.lat - 0.05, lon: HILL.lon })).status).toBe(422);

    // The square moves 2 km east (still in Monte Alto); the signal index must not keep the old shape.
    const moved = edit((f) => {
      f.features[3].geometry = polygon(square(HILL.lon + 0.03, HILL.lat + 0.01, 0.001));
    });
    const res = await post(moved);
    expect(res.status).toBe(201);
    const moveBody = (await res.json()) as any;
    expect(moveBody.updated).toEqual({ areas: 0, municipalities: 0, zones: 1 });
    // The one signal stored so far left the square with it.
    expect(moveBody).toMatchObject({ signalsChecked: 1, signalsRezoned: 1 });
    expect((await zoneNamed('Piazza del Belvedere')).id).toBe(piazza.id);
    const inNew = await signal({ lon: HILL.lon + 0.0305, lat: HILL.lat + 0.0105 });
    expect(((await inNew.json()) as any).zoneId).toBe(piazza.id);
    const inOld = await signal(BELVEDERE_CENTRE);
    expect(inOld.status).toBe(201);
    expect(((await inOld.json()) as any).zoneId).toBeNull();
    // The signal stored before left the square with it: its point is in no zone now.
    const zoneOfFirst = async () => (await t.db.select({ zoneId: signals.zoneId }).from(signals).where(eq(signals.id, firstBody.id)))[0].zoneId;
    expect(await zoneOfFirst()).toBeNull();

    // Back where it was, for the tests that follow: the first and the last signal return to the square.
    const back = await post(territoryFile());
    expect(back.status).toBe(201);
    expect(await back.json()).toMatchObject({ signalsChecked: 3, signalsRezoned: 3 });
    expect(await zoneOfFirst()).toBe(piazza.id);
  });

  it('re-importing the same file changes nothing but the data version; a name matches without case', async () => {
    const before = await snapshot();
    const res = await post(territoryFile());
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: { areas: 0, municipalities: 0, zones: 0 }, updated: { areas: 0, municipalities: 0, zones: 0 }, unchanged: { areas: 1, municipalities: 2, zones: 2 } });
    const after = await snapshot();
    expect(after.territory).toBe(before.territory);
    expect(after.counts.zones).toBe(before.counts.zones);
    expect(after.dataVersion).toBe(before.dataVersion + 1);

    // A case change is a rename of the same row, not a second zone.
    const recased = await post(edit((f) => void (props(f, 4).name = 'parco della rocca')));
    expect(await recased.json()).toMatchObject({ created: { zones: 0 }, updated: { zones: 1 } });
    expect((await tableCounts(t.db)).zones).toBe(before.counts.zones);
    expect((await post(territoryFile())).status).toBe(201);
  });

  it('updates by id (a rename), by ISTAT code (a municipality renamed), and keeps what a feature leaves out', async () => {
    const parco = await zoneNamed('Parco della Rocca');
    const file = edit((f) => {
      Object.assign(props(f, 4), { id: parco.id, name: 'Parco della Rocca Vecchia' });
      delete props(f, 4).population;
      delete props(f, 4).zoneKind;
      Object.assign(props(f, 2), { name: 'Valle Bassa Terme', population: 1900 });
      delete props(f, 2).area;
      f.features[2].geometry = null as never;
    });
    const before = await tableCounts(t.db);
    const res = await post(file);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: { areas: 0, municipalities: 0, zones: 0 }, updated: { municipalities: 1, zones: 1 } });
    expect(await tableCounts(t.db)).toMatchObject({ zones: before.zones, municipalities: before.municipalities });
    const renamed = await zoneNamed('Parco della Rocca Vecchia');
    expect(renamed).toMatchObject({ id: parco.id, population: 150, kind: 'parco' });
    const [town] = await t.db.select().from(municipalities).where(eq(municipalities.istatCode, '999102'));
    expect(town).toMatchObject({ name: 'Valle Bassa Terme', population: 1900 });
    expect(town.areaId).not.toBeNull();
    expect(town.geometry).toEqual(polygon(square(HILL.lon + 0.05, HILL.lat, 0.05)));

    // null clears: the zone leaves its municipality.
    const cleared = await post(
      edit((f) => {
        props(f, 3).municipality = null;
        props(f, 4).id = parco.id;
      }),
    );
    expect(cleared.status).toBe(201);
    expect((await zoneNamed('Piazza del Belvedere')).municipalityId).toBeNull();
    expect((await post(edit((f) => void Object.assign(props(f, 4), { id: parco.id })))).status).toBe(201);
    expect((await zoneNamed('Parco della Rocca')).id).toBe(parco.id);
  });

  it('with skipBad=true imports the good features and skips the bad ones and those that refer to them', async () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { kind: 'municipality', name: 'Poggio Nuovo', istatCode: '99910', population: 900 }, geometry: null },
        { type: 'Feature', properties: { kind: 'zone', name: 'Piazza di Poggio', municipality: 'Poggio Nuovo' }, geometry: polygon(square(HILL.lon + 0.02, HILL.lat + 0.02, 0.001)) },
        { type: 'Feature', properties: { kind: 'zone', name: 'Fontana vecchia', municipality: 'Monte Alto' }, geometry: polygon(square(HILL.lon + 0.025, HILL.lat + 0.025, 0.001)) },
      ],
    };
    const before = await snapshot();
    const refused = await expectProblem(await post(file), 422);
    expect(refused.errors!.map((e: any) => [e.index, e.name, e.field])).toEqual([
      [0, 'Poggio Nuovo', 'features[0].properties.istatCode'],
      [1, 'Piazza di Poggio', 'features[1].properties.municipality'],
    ]);
    expect(refused.errors![1].message).toMatch(/feature 0, which has errors/);
    expect((await snapshot()).territory).toBe(before.territory);

    const res = await post(file, { query: '?skipBad=true' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ created: { municipalities: 0, zones: 1 }, skipped: 2 });
    expect(body.items.map((i: any) => i.name)).toEqual(['Fontana vecchia']);
    expect(body.errors).toHaveLength(2);
    expect(await zoneNamed('Fontana vecchia')).toBeDefined();
  });
});

describe('bad files change nothing', () => {
  const bigName = 'x'.repeat(300);
  // [what, body, status, the errors' fields (one per bad field or feature), content type, query]
  const cases: [string, () => unknown, number, string[] | null, string?, string?][] = [
    ['malformed JSON', () => '{"type": "FeatureCollection", "features": [', 400, null],
    ['a shapefile sent as JSON', () => 'PK\u0003\u0004 binary', 400, null],
    ['the wrong content type', () => territoryFile(), 415, null, 'text/csv'],
    ['a Feature instead of a FeatureCollection', () => territoryFile().features[0], 422, ['type', 'features', 'properties', 'geometry']],
    ['no features', () => ({ type: 'FeatureCollection', features: [] }), 422, ['features']],
    ['an unknown member of the collection', () => ({ ...territoryFile(), style: 'red' }), 422, ['style']],
    ['a projected CRS', () => ({ ...territoryFile(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32632' } } }), 422, ['crs']],
    ['a bad query', () => territoryFile(), 400, ['skipBad'], undefined, '?skipBad=maybe'],
    // Monte Alto is then a bad feature, and the Piazza that names it is reported too.
    ['an unknown property', () => edit((f) => void (props(f, 0).colour = 'green')), 422, ['features[0].properties.colour', 'features[3].properties.municipality']],
    ['wrong types', () => edit((f) => void Object.assign(props(f, 0), { population: '4200', name: 12 })), 422, ['features[0].properties.name', 'features[0].properties.population']],
    ['a name too long and a negative population', () => edit((f) => void Object.assign(props(f, 2), { name: bigName, population: -1 })), 422, ['features[2].properties.name', 'features[2].properties.population', 'features[4].properties.municipality']],
    // The area Collina is already in the diagnosis, so the municipalities still find it.
    ['an unknown kind', () => edit((f) => void (props(f, 1).kind = 'province')), 422, ['features[1].properties.kind']],
    ['a feature that is not an object', () => edit((f) => void (f.features[1] = 'Collina' as never)), 422, ['features[1]']],
    ['a Point geometry', () => edit((f) => void (f.features[3].geometry = { type: 'Point', coordinates: [11.2, 44.2] } as never)), 422, ['features[3].geometry.type']],
    ['a zone without geometry', () => edit((f) => void (f.features[3].geometry = null as never)), 422, ['features[3].geometry']],
    ['an area with a geometry', () => edit((f) => void (f.features[1].geometry = polygon(square(11, 44, 0.1)) as never)), 422, ['features[0].properties.area', 'features[1].geometry', 'features[2].properties.area', 'features[3].properties.municipality', 'features[4].properties.municipality']],
    ['an unclosed ring', () => edit((f) => void (f.features[3].geometry = { type: 'Polygon', coordinates: [square(11.21, 44.21, 0.001).slice(0, 4).concat([[11.2105, 44.2105]])] })), 422, ['features[3].geometry.coordinates.0']],
    ['a ring of three positions', () => edit((f) => void (f.features[3].geometry = { type: 'Polygon', coordinates: [[[11.21, 44.21], [11.22, 44.21], [11.21, 44.21]]] })), 422, ['features[3].geometry.coordinates.0']],
    ['a ring on one line', () => edit((f) => void (f.features[3].geometry = { type: 'Polygon', coordinates: [[[11.21, 44.21], [11.22, 44.21], [11.23, 44.21], [11.21, 44.21]]] })), 422, ['features[3].geometry.coordinates.0']],
    [
      'projected (UTM) coordinates: one error per ring, not per vertex',
      () => edit((f) => void (f.features[0].geometry = polygon(square(681_234, 4_901_234, 5000)))),
      422,
      ['features[0].geometry.coordinates.0.0', 'features[3].properties.municipality'],
    ],
    ['a latitude out of range', () => edit((f) => void (f.features[4].geometry = { type: 'MultiPolygon', coordinates: [[square(11.26, 89.999, 0.01)]] })), 422, ['features[4].geometry.coordinates.0.0.2']],
    ['text coordinates', () => edit((f) => void (f.features[3].geometry = { type: 'Polygon', coordinates: [[['11.21', '44.21'], [11.22, 44.21], [11.22, 44.22], [11.21, 44.21]]] } as never)), 422, ['features[3].geometry.coordinates.0.0.0', 'features[3].geometry.coordinates.0.0.1']],
    [
      'a geometry of more than 50,000 positions',
      () => edit((f) => void (f.features[3].geometry = polygon([...Array.from({ length: 50_000 }, (_, i) => [11.21 + Math.cos(i / 8000) * 0.001, 44.21 + Math.sin(i / 8000) * 0.001] as [number, number]), [11.211, 44.21]]))),
      422,
      ['features[3].geometry.coordinates'],
    ],
    ['an unknown area', () => edit((f) => void (props(f, 2).area = 'Pianura')), 422, ['features[2].properties.area', 'features[4].properties.municipality']],
    ['an unknown municipality', () => edit((f) => void (props(f, 3).municipality = 'Monte Basso')), 422, ['features[3].properties.municipality']],
    ['an ISTAT code of five digits', () => edit((f) => void (props(f, 0).istatCode = '99910')), 422, ['features[0].properties.istatCode', 'features[3].properties.municipality']],
    // 999102 is then still the code of the stored Valle Bassa, which the Parco finds.
    ['an ISTAT code as a number', () => edit((f) => void (props(f, 2).istatCode = 999102)), 422, ['features[2].properties.istatCode']],
    ['an ISTAT code of province 000', () => edit((f) => void (props(f, 2).istatCode = '000102')), 422, ['features[2].properties.istatCode']],
    ['a missing ISTAT code and population', () => edit((f) => void (delete props(f, 0).istatCode, delete props(f, 0).population)), 422, ['features[0].properties.istatCode', 'features[0].properties.population', 'features[3].properties.municipality']],
    ['two zones with one name', () => edit((f) => void (props(f, 4).name = 'Piazza del Belvedere')), 422, ['features[4].properties.name']],
    ['two municipalities with one ISTAT code', () => edit((f) => void (props(f, 2).istatCode = '999101')), 422, ['features[2].properties.istatCode']],
    ['an id that is no row of the diagnosis', () => edit((f) => void (props(f, 3).id = 'no-such-zone')), 422, ['features[3].properties.id']],
  ];

  it.each(cases)('%s', async (_what, body, status, fields, type, query) => {
    const before = await snapshot();
    const problem = await expectProblem(await post(body(), { type, query }), status);
    if (fields) expect(problem.errors!.map((e) => e.field)).toEqual(fields);
    for (const e of problem.errors ?? []) expect(e.message.length).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(before);
  });

  it('names each bad feature with its index and name', async () => {
    const problem = await expectProblem(await post(edit((f) => void (props(f, 0).istatCode = '1272'))), 422);
    expect(problem.errors![0]).toEqual({ index: 0, name: 'Monte Alto', field: 'features[0].properties.istatCode', message: 'An ISTAT municipality code is 6 digits, e.g. "001272".' });
    expect(problem.detail).toMatch(/2 feature\(s\) have errors; nothing was imported/);
  });

  it('refuses a name or ISTAT code another row of the diagnosis already has', async () => {
    const [monte] = await t.db.select().from(municipalities).where(eq(municipalities.istatCode, '999101'));
    const before = await snapshot();
    // Renaming the Parco (by id) to the name the Piazza has.
    const parco = await zoneNamed('Parco della Rocca');
    const clash = { type: 'FeatureCollection', features: [{ ...territoryFile().features[4], properties: { ...props(territoryFile(), 4), id: parco.id, name: 'Piazza del Belvedere' } }] };
    expect((await expectProblem(await post(clash), 422)).errors!.map((e) => e.field)).toEqual(['features[0].properties.name']);
    // Giving Valle Bassa (by id) the ISTAT code of Monte Alto; swapping both codes in one file.
    const [valle] = await t.db.select().from(municipalities).where(eq(municipalities.istatCode, '999102'));
    const taken = edit((f) => void Object.assign(props(f, 2), { id: valle.id, istatCode: '999101' }));
    taken.features.splice(0, 1);
    expect((await expectProblem(await post(taken), 422)).errors!.map((e) => e.field)).toEqual(['features[1].properties.istatCode']);
    const swap = edit((f) => {
      Object.assign(props(f, 0), { id: monte.id, istatCode: '999102' });
      Object.assign(props(f, 2), { id: valle.id, istatCode: '999101' });
    });
    const swapped = await expectProblem(await post(swap), 422);
    expect(swapped.errors!.filter((e) => e.field.endsWith('istatCode')).map((e) => e.message)).toEqual([
      'ISTAT code 999102 belongs to "Valle Bassa" in this diagnosis (codes cannot be swapped in one import).',
      'ISTAT code 999101 belongs to "Monte Alto" in this diagnosis (codes cannot be swapped in one import).',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it(`refuses a body over ${MAX_TERRITORY_BYTES / 1024 / 1024} MiB with 413`, async () => {
    const before = await snapshot();
    const huge = JSON.stringify({ ...territoryFile(), name: 'x'.repeat(MAX_TERRITORY_BYTES) });
    const problem = await expectProblem(await post(huge), 413);
    expect(problem.detail).toMatch(/larger than 8192 KiB/);
    // Just under the limit is read (and here refused for its content, not its size).
    const under = JSON.stringify({ ...territoryFile(), junk: 'x'.repeat(MAX_TERRITORY_BYTES - 4000) });
    expect((await post(under)).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses more than 2000 features', async () => {
    const before = await snapshot();
    const many = { type: 'FeatureCollection', features: Array.from({ length: 2001 }, (_, i) => ({ type: 'Feature', properties: { kind: 'area', name: `Area ${i}` }, geometry: null })) };
    expect((await expectProblem(await post(many), 422)).errors!.map((e) => e.field)).toEqual(['features']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses analysts, moderators, a missing CSRF token and anonymous callers', async () => {
    const [analyst, moderator] = [await loginAs(t, 'analyst'), await loginAs(t, 'moderator')];
    const before = await snapshot();
    await expectProblem(await post(territoryFile(), { headers: analyst }), 403);
    await expectProblem(await post(territoryFile(), { headers: moderator }), 403);
    await expectProblem(await post(territoryFile(), { headers: { cookie: admin.cookie } }), 403);
    await expectProblem(await post(territoryFile(), { headers: {} }), 401);
    await expectProblem(await post(territoryFile(), { slug: 'no-such-diagnosis' }), 404);
    expect(await snapshot()).toEqual(before);
  });
});
