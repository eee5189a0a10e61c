// The set-up imports on the scale path: `npm run dev:worker` (workerd + local D1). D1 runs the
// import as one batch of drizzle statements (no interactive transaction, no raw SQL in a batch),
// so the contract is checked there too: territory and institutions imported, a resident's signal
// placed in the new zone, the signals stored before re-zoned (paged group_concat reads and
// json_each updates on D1), a bad file changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../tests/server';
import { IN_TERRITORY_NO_ZONE, IN_ZONE } from '../signals/test-fixtures';
import { polygon, square } from './test-fixtures';

let s: RunningServer;
let auth: { cookie: string; 'x-csrf-token': string };
beforeAll(async () => {
  s = await startServer('worker');
  const res = await fetch(`${s.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@osservatorio.example', password: 'osservatorio-demo' }),
  });
  expect(res.status).toBe(200);
  auth = { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}, 180_000);
afterAll(async () => {
  await s?.stop();
});

const counts = async () => ((await (await fetch(`${s.base}/api/diagnoses/demo`, { headers: auth })).json()) as { counts: Record<string, number> }).counts;
const importTerritory = (body: unknown) =>
  fetch(`${s.base}/api/diagnoses/demo/imports/territory`, { method: 'POST', headers: { ...auth, 'content-type': 'application/geo+json' }, body: JSON.stringify(body) });
type Place = { lat: number; lon: number } | { zoneId: string };
/** Sends a report (or, with the same id and content again, its retry) and returns it with the zone stored. */
const report = async (place: Place, id: string = crypto.randomUUID()) => {
  const res = await fetch(`${s.base}/api/diagnoses/demo/signals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.41' },
    body: JSON.stringify({ id, ...place, categories: ['lighting'], timeBands: ['night'], intensity: 2 }),
  });
  expect([200, 201]).toContain(res.status);
  return { id, place, zoneId: ((await res.json()) as { zoneId: string | null }).zoneId };
};
/** The zone a stored report has now: a retry answers with it. */
const storedZone = async (r: { id: string; place: Place }) => (await report(r.place, r.id)).zoneId;
const signalAt = async (point: { lat: number; lon: number }) => (await report(point)).zoneId;
/** The zone column of the signals export, for the rows of a source with this count. */
const exportedZones = async (source: string, count: number) => {
  const text = await (await fetch(`${s.base}/api/diagnoses/demo/exports/signals.csv`, { headers: auth })).text();
  const [head, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  const col = (name: string) => head.indexOf(name);
  return rows.filter((r) => r[col('source')] === source && r[col('count')] === String(count)).map((r) => r[col('zone')]);
};

describe('set-up imports on Workers + D1', () => {
  it('imports a zone, places the next signal in it and the one stored before, and re-imports without duplicating', async () => {
    const earlier = await report(IN_TERRITORY_NO_ZONE);
    expect(earlier.zoneId).toBeNull();
    const before = await counts();
    const { lat, lon } = IN_TERRITORY_NO_ZONE;
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { kind: 'area', name: 'Collina (worker)' }, geometry: null },
        { type: 'Feature', properties: { kind: 'municipality', name: 'Monte Worker', istatCode: '999201', population: 1200, area: 'Collina (worker)' }, geometry: polygon(square(11.5, 44.5, 0.02)) },
        { type: 'Feature', properties: { kind: 'zone', name: 'Largo del Lampione', municipality: 'Borgo Lume', zoneKind: 'strada' }, geometry: polygon(square(lon - 0.0005, lat - 0.0005, 0.001)) },
      ],
    };
    const res = await importTerritory(file);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { created: Record<string, number>; items: { name: string; id: string }[]; signalsRezoned: number };
    expect(body.created).toEqual({ areas: 1, municipalities: 1, zones: 1 });
    const zoneId = body.items.find((i) => i.name === 'Largo del Lampione')!.id;
    expect(await signalAt(IN_TERRITORY_NO_ZONE)).toBe(zoneId);
    // The report stored before the import moved into the new zone.
    expect(body.signalsRezoned).toBeGreaterThanOrEqual(1);
    expect(await storedZone(earlier)).toBe(zoneId);

    const again = await importTerritory(file);
    expect(await again.json()).toMatchObject({ unchanged: { areas: 1, municipalities: 1, zones: 1 }, signalsChecked: 0, signalsRezoned: 0 });
    expect(await counts()).toMatchObject({ areas: before.areas + 1, municipalities: before.municipalities + 1, zones: before.zones + 1 });
  });

  it('re-zones the signals stored with a point; zone-list reports and police figures per zone keep their zone; a bad file moves none', async () => {
    const zonesList = ((await (await fetch(`${s.base}/api/diagnoses/demo/public`)).json()) as { zones: { features: { properties: { id: string; name: string } }[] } }).zones.features;
    const piazzaRoma = zonesList.find((z) => z.properties.name === 'Piazza Roma')!.properties.id;
    const outside = { lat: IN_TERRITORY_NO_ZONE.lat - 0.002, lon: IN_TERRITORY_NO_ZONE.lon };
    const atCentre = await report(IN_ZONE);
    const inTheOpen = await report(outside);
    const picked = await report({ zoneId: piazzaRoma });
    expect([atCentre.zoneId, inTheOpen.zoneId, picked.zoneId]).toEqual([piazzaRoma, null, piazzaRoma]);
    const counts = await fetch(`${s.base}/api/diagnoses/demo/imports/counts`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: 'zone;month;count;source\nPiazza Roma;2027-03;977;police\n' });
    expect(counts.status).toBe(201);
    expect(await exportedZones('police', 977)).toEqual(['Piazza Roma']);

    // A fountain in the middle of Piazza Roma (smaller, so its points go to it) and a field around the open point.
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { kind: 'zone', name: 'Fontana di Piazza Roma', municipality: 'Borgo Lume', zoneKind: 'piazza' }, geometry: polygon(square(IN_ZONE.lon - 0.0004, IN_ZONE.lat - 0.0004, 0.0008)) },
        { type: 'Feature', properties: { kind: 'zone', name: 'Prato del Lume', municipality: 'Borgo Lume', zoneKind: 'parco' }, geometry: polygon(square(outside.lon - 0.0005, outside.lat - 0.0005, 0.001)) },
      ],
    };
    const res = await importTerritory(file);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { signalsChecked: number; signalsRezoned: number; items: { name: string; id: string }[] };
    const idOf = (name: string) => body.items.find((i) => i.name === name)!.id;
    expect(body.signalsChecked).toBeGreaterThan(1000);
    expect(body.signalsRezoned).toBeGreaterThanOrEqual(2);
    expect(await storedZone(atCentre)).toBe(idOf('Fontana di Piazza Roma'));
    expect(await storedZone(inTheOpen)).toBe(idOf('Prato del Lume'));
    expect(await storedZone(picked)).toBe(piazzaRoma);
    expect(await exportedZones('police', 977)).toEqual(['Piazza Roma']);

    // A file with an error changes no zone, though its good feature would move the open point.
    const bad = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { kind: 'zone', name: 'Prato del Lume', municipality: 'Borgo Lume' }, geometry: polygon(square(outside.lon + 0.01, outside.lat, 0.001)) },
        { type: 'Feature', properties: { kind: 'zone', name: 'Senza Comune', municipality: 'Nessun Comune' }, geometry: polygon(square(outside.lon, outside.lat, 0.001)) },
      ],
    };
    const refused = await importTerritory(bad);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await storedZone(inTheOpen)).toBe(idOf('Prato del Lume'));
    expect(await storedZone(atCentre)).toBe(idOf('Fontana di Piazza Roma'));
  });

  it('imports institutions from a semicolon CSV, and a bad file changes nothing', async () => {
    const before = await counts();
    const post = (csv: string) => fetch(`${s.base}/api/diagnoses/demo/imports/institutions`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv });
    const res = await post('nome;tipo;comune;email\nCentro diurno Il Faro;terzo-settore;Borgo Lume;faro@esempio.it\nPro Loco di Roccalta;associazione di categoria;Roccalta;\n');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: 2, errors: [] });
    const bad = await post('nome;tipo\nCentro diurno Il Faro;terzo-settore\nSindacato;union\n');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const territoryBad = await importTerritory({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { kind: 'zone', name: 'Rotta' }, geometry: { type: 'Polygon', coordinates: [[[11, 44], [11.1, 44], [11.1, 44.1], [11, 44]].slice(0, 3)] } }] });
    expect(territoryBad.status).toBe(422);
    expect(await counts()).toEqual({ ...before, institutions: before.institutions + 2 });
  });
});
