// Re-zoning stored signals after a territory import, on a real libSQL file with the analysis read
// on a worker thread's connection (as `npm start` runs it): points move into new zones and out of
// reshaped ones, signals without a point keep their zone, other diagnoses are left alone, a bad
// file changes no zone, and a report stored while the import runs is placed against the new zones.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, diagnoses, signals, zones } from '../../db/schema';
import { startWriteWorker, type WriteWorker } from '../../db/write-worker';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { planRezone, rezoneStatements } from './rezone';
import { BELVEDERE_CENTRE, HILL, polygon, square, territoryFile } from './test-fixtures';
import { runAtomically } from '../../db/client';

let t: TestApp;
let admin: AuthHeaders;
let reader: WriteWorker;
/** Runs once, during the next page read of a re-zoning (to store a report mid-import). */
let duringRead: (() => Promise<void>) | null = null;
const SLUG = 'rezone';
const OTHER = 'rezone-altra';

beforeAll(async () => {
  t = await createTestApp({
    writeWorker: true,
    deps: {
      readColumns: async (q, args, columns) => {
        const hook = duringRead;
        duringRead = null;
        await hook?.();
        return reader.readColumns(q, args, columns);
      },
    },
  });
  reader = startWriteWorker(t.url);
  admin = await loginAs(t, 'admin');
  for (const slug of [SLUG, OTHER]) {
    expect((await t.request('/api/diagnoses', { method: 'POST', json: { slug, title: `Diagnosi ${slug}` }, headers: admin })).status).toBe(201);
    expect((await t.request(`/api/diagnoses/${slug}`, { method: 'PATCH', json: { status: 'open' }, headers: admin })).status).toBe(200);
    expect((await importTerritory(territoryFile(), slug)).status).toBe(201);
  }
});
afterAll(async () => {
  await reader?.close();
  await t?.close();
});

function importTerritory(body: unknown, slug = SLUG, query = '') {
  return t.request(`/api/diagnoses/${slug}/imports/territory${query}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...admin, 'content-type': 'application/geo+json' } });
}
const diagnosis = async (slug = SLUG) => (await t.db.select().from(diagnoses).where(eq(diagnoses.slug, slug)))[0];
const zoneId = async (name: string, slug = SLUG) => (await t.db.select({ id: zones.id }).from(zones).where(and(eq(zones.diagnosisId, (await diagnosis(slug)).id), eq(zones.name, name))))[0]?.id;
const zoneOf = async (id: string) => (await t.db.select({ zoneId: signals.zoneId }).from(signals).where(eq(signals.id, id)))[0].zoneId;
/** Every signal's zone, by id: what a rejected import must leave as it was. */
const allZones = async () => (await t.db.select({ id: signals.id, zoneId: signals.zoneId }).from(signals).orderBy(asc(signals.id))).map((r) => `${r.id}=${r.zoneId}`);

async function report(place: { lat: number; lon: number } | { zoneId: string }, slug = SLUG): Promise<string> {
  const id = crypto.randomUUID();
  const res = await t.request(`/api/diagnoses/${slug}/signals`, { method: 'POST', json: { id, ...place, categories: ['lighting'], timeBands: ['night'], intensity: 3 } });
  expect(res.status).toBe(201);
  return id;
}

// Inside Monte Alto, away from its zones.
const FIELD = { lon: HILL.lon + 0.03, lat: HILL.lat + 0.03 };
const BORGO = polygon(square(HILL.lon + 0.025, HILL.lat + 0.025, 0.01));
// A district around the Piazza del Belvedere: the piazza, being smaller, keeps its points.
const QUARTIERE = polygon(square(HILL.lon + 0.005, HILL.lat + 0.005, 0.01));
const zone = (name: string, geometry: unknown, municipality = 'Monte Alto') => ({ type: 'Feature', properties: { kind: 'zone', name, municipality }, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

type Result = { signalsChecked: number; signalsRezoned: number; created: Record<string, number>; updated: Record<string, number> };

describe('a territory import re-zones the stored signals that have a point', () => {
  const ids = {} as Record<'field' | 'belvedere' | 'picked' | 'policeByZone' | 'policeAtPoint' | 'otherDiagnosis', string>;

  it('moves a point into a new zone; zone-list signals, figures per zone and other diagnoses keep theirs', async () => {
    const piazza = await zoneId('Piazza del Belvedere');
    const parco = await zoneId('Parco della Rocca');
    ids.field = await report(FIELD);
    ids.belvedere = await report(BELVEDERE_CENTRE);
    ids.picked = await report({ zoneId: parco });
    ids.otherDiagnosis = await report(FIELD, OTHER);
    // Police figures: one per zone (no point), one by a point in no zone.
    const csv = `zone,lat,lon,month,count,source\nParco della Rocca,,,2026-09,7,police\n,${FIELD.lat},${FIELD.lon},2026-09,3,police\n`;
    const counts = await t.request(`/api/diagnoses/${SLUG}/imports/counts`, { method: 'POST', body: csv, headers: { ...admin, 'content-type': 'text/csv' } });
    expect(counts.status).toBe(201);
    const police = await t.db.select().from(signals).where(and(eq(signals.diagnosisId, (await diagnosis()).id), eq(signals.source, 'police')));
    ids.policeByZone = police.find((s) => s.lat === null)!.id;
    ids.policeAtPoint = police.find((s) => s.lat !== null)!.id;
    expect(await zoneOf(ids.field)).toBeNull();
    expect(await zoneOf(ids.policeAtPoint)).toBeNull();
    expect(await zoneOf(ids.belvedere)).toBe(piazza);

    const before = await diagnosis();
    // The Piazza and the Parco again as they are; a new Borgo around the field; a Quartiere around the Piazza.
    const res = await importTerritory(collection(...territoryFile().features, zone('Borgo di Mezzo', BORGO), zone('Quartiere Alto', QUARTIERE)));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Result;
    expect(body.created.zones).toBe(2);
    // Three points (the field, the Belvedere, the police figure at the field); two move.
    expect(body).toMatchObject({ signalsChecked: 3, signalsRezoned: 2 });
    const borgo = await zoneId('Borgo di Mezzo');
    expect(await zoneOf(ids.field)).toBe(borgo);
    expect(await zoneOf(ids.policeAtPoint)).toBe(borgo);
    expect(await zoneOf(ids.belvedere)).toBe(piazza);
    expect(await zoneOf(ids.picked)).toBe(parco);
    expect(await zoneOf(ids.policeByZone)).toBe(parco);
    expect(await zoneOf(ids.otherDiagnosis)).toBeNull();

    const after = await diagnosis();
    expect(after.dataVersion).toBe(before.dataVersion + 1);
    // The first import (no signals yet) and this one.
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.diagnosisId, after.id), eq(auditLog.action, 'import.territory')));
    expect(entries.map((e) => (e.details as { signalsRezoned: number }).signalsRezoned).sort()).toEqual([0, 2]);
  });

  it('moves a point out of a reshaped zone: into the next smallest zone, then out of every zone', async () => {
    const piazza = await zoneId('Piazza del Belvedere');
    const quartiere = await zoneId('Quartiere Alto');
    const inNewPiazza = await report({ lon: HILL.lon + 0.0405, lat: HILL.lat + 0.0105 });
    expect(await zoneOf(inNewPiazza)).toBeNull();

    // The Piazza moves 3 km east: the Belvedere's point falls back to the Quartiere, the new point into the Piazza.
    const moved = territoryFile();
    moved.features[3].geometry = polygon(square(HILL.lon + 0.04, HILL.lat + 0.01, 0.001));
    const res = await importTerritory(moved);
    expect(((await res.json()) as Result).signalsRezoned).toBe(2);
    expect(await zoneOf(ids.belvedere)).toBe(quartiere);
    expect(await zoneOf(inNewPiazza)).toBe(piazza);

    // The Quartiere shrinks to its north-east corner: the Belvedere is in no zone any more.
    const shrunk = await importTerritory(collection(zone('Quartiere Alto', polygon(square(HILL.lon + 0.013, HILL.lat + 0.013, 0.002)))));
    expect(await shrunk.json()).toMatchObject({ updated: { zones: 1 }, signalsRezoned: 1 });
    expect(await zoneOf(ids.belvedere)).toBeNull();

    // Everything back: the Belvedere's point returns to the Piazza, the other one leaves it.
    const back = await importTerritory(collection(...territoryFile().features, zone('Quartiere Alto', QUARTIERE)));
    expect(((await back.json()) as Result).signalsRezoned).toBe(2);
    expect(await zoneOf(ids.belvedere)).toBe(piazza);
    expect(await zoneOf(inNewPiazza)).toBeNull();
    expect(await zoneOf(ids.picked)).toBe(await zoneId('Parco della Rocca'));
  });

  it('re-zones nothing when no zone is created or reshaped (a rename, the same file again)', async () => {
    const zonesBefore = await allZones();
    const renamed = territoryFile();
    renamed.features[4].properties.name = 'Parco della Rocca Alta';
    (renamed.features[4].properties as Record<string, unknown>).id = await zoneId('Parco della Rocca');
    // A municipality's new boundary does not place points either.
    renamed.features[0].geometry = polygon(square(HILL.lon, HILL.lat, 0.06));
    const res = await importTerritory(renamed);
    expect(await res.json()).toMatchObject({ updated: { municipalities: 1, zones: 1 }, signalsChecked: 0, signalsRezoned: 0 });
    expect(await importTerritory(renamed).then((r) => r.json())).toMatchObject({ signalsChecked: 0, signalsRezoned: 0 });
    expect(await allZones()).toEqual(zonesBefore);
    const restored = territoryFile();
    (restored.features[4].properties as Record<string, unknown>).id = await zoneId('Parco della Rocca Alta');
    expect(await importTerritory(restored).then((r) => r.json())).toMatchObject({ created: { zones: 0 }, updated: { municipalities: 1, zones: 1 }, signalsChecked: 0 });
    expect(await allZones()).toEqual(zonesBefore);
  });

  it('a rejected file changes no row and no zone, even when its good features would move signals', async () => {
    const before = { counts: await tableCounts(t.db), zones: await allZones(), version: (await diagnosis()).dataVersion };
    const badTown = { type: 'Feature', properties: { kind: 'municipality', name: 'Monte Rotto', istatCode: '12', population: 10 }, geometry: null };
    // A new zone over the field (which would take two signals) beside a bad municipality.
    const problem = await expectProblem(await importTerritory(collection(zone('Campo Nuovo', polygon(square(FIELD.lon - 0.001, FIELD.lat - 0.001, 0.002))), badTown)), 422);
    expect(problem.errors!.map((e) => e.field)).toEqual(['features[1].properties.istatCode']);
    await expectProblem(await importTerritory('{"type": "FeatureCollection", "features": ['), 400);
    await expectProblem(await importTerritory(collection(zone('Campo Nuovo', BORGO, 'Nessun Comune'))), 422);
    expect(await tableCounts(t.db)).toEqual(before.counts);
    expect(await allZones()).toEqual(before.zones);
    expect((await diagnosis()).dataVersion).toBe(before.version);
  });

  it('places a report stored while the import reads the signals against the new zones', async () => {
    const d = await diagnosis();
    const late = crypto.randomUUID();
    // Stored between the import's read and its commit, in the field the new Campo covers.
    duringRead = async () => {
      await t.db.insert(signals).values({ id: late, diagnosisId: d.id, source: 'resident', lat: FIELD.lat + 0.0001, lon: FIELD.lon, zoneId: null, categories: ['lighting'], timeBands: ['night'], intensity: 2, createdAt: t.now.value, occurredAt: t.now.value });
    };
    const res = await importTerritory(collection(zone('Campo Nuovo', polygon(square(FIELD.lon - 0.001, FIELD.lat - 0.001, 0.002)))));
    expect(res.status).toBe(201);
    expect(duringRead).toBeNull();
    const campo = await zoneId('Campo Nuovo');
    // The field, the police figure there, and the late one.
    expect(await res.json()).toMatchObject({ signalsRezoned: 3 });
    expect(await zoneOf(late)).toBe(campo);
    expect(await zoneOf(ids.field)).toBe(campo);
    expect(await zoneOf(ids.policeAtPoint)).toBe(campo);
    // The catch-up moved something, so the data version moved once more and the audit says 3.
    expect((await diagnosis()).dataVersion).toBe(d.dataVersion + 2);
    const entries = await t.db.select().from(auditLog).where(and(eq(auditLog.diagnosisId, d.id), eq(auditLog.action, 'import.territory')));
    expect(entries.some((e) => (e.details as { signalsRezoned: number }).signalsRezoned === 3)).toBe(true);
  });

  it('reads in pages and writes in chunks with the same outcome (a page of 2 rows, a statement of 1 signal)', async () => {
    const d = await diagnosis();
    const stored = await t.db.select({ id: zones.id, geometry: zones.geometry, areaKm2: zones.areaKm2 }).from(zones).where(eq(zones.diagnosisId, d.id));
    // Without the Borgo and the Campo, the field's three points belong to no zone.
    const gone = new Set([await zoneId('Borgo di Mezzo'), await zoneId('Campo Nuovo')]);
    const fewer = stored.filter((z) => !gone.has(z.id));
    const whole = await planRezone(t.db, undefined, d.id, fewer);
    const paged = await planRezone(t.db, reader.readColumns, d.id, fewer, { pageRows: 2 });
    expect(whole.moved).toBe(3);
    expect(paged).toEqual(whole);
    expect(whole.zones).toEqual([null, null, null]);
    // Nothing needs to move against the zones as stored.
    expect((await planRezone(t.db, undefined, d.id, stored, { pageRows: 2 })).moved).toBe(0);

    const statements = rezoneStatements(t.db, d.id, whole, 1);
    expect(statements).toHaveLength(3);
    for (const s of statements) expect(s.toSQL().params).toHaveLength(2);
    await runAtomically(t.db, statements);
    expect(await zoneOf(ids.field)).toBeNull();
    expect((await planRezone(t.db, undefined, d.id, stored)).moved).toBe(3);
    await runAtomically(t.db, rezoneStatements(t.db, d.id, await planRezone(t.db, undefined, d.id, stored)));
    expect(await zoneOf(ids.field)).toBe(await zoneId('Campo Nuovo'));
  });
});
