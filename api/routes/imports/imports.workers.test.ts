// The set-up imports on the scale path: `npm run dev:worker` (workerd + local D1). D1 runs the
// import as one batch of drizzle statements (no interactive transaction, no raw SQL in a batch),
// so the contract is checked there too: territory and institutions imported, a resident's signal
// placed in the new zone, a bad file changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../tests/server';
import { IN_TERRITORY_NO_ZONE } from '../signals/test-fixtures';
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
const signalAt = async (point: { lat: number; lon: number }) => {
  const res = await fetch(`${s.base}/api/diagnoses/demo/signals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.41' },
    body: JSON.stringify({ id: crypto.randomUUID(), ...point, categories: ['lighting'], timeBands: ['night'], intensity: 2 }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { zoneId: string | null }).zoneId;
};

describe('set-up imports on Workers + D1', () => {
  it('imports a zone, places the next signal in it, and re-imports without duplicating', async () => {
    expect(await signalAt(IN_TERRITORY_NO_ZONE)).toBeNull();
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
    const body = (await res.json()) as { created: Record<string, number>; items: { name: string; id: string }[] };
    expect(body.created).toEqual({ areas: 1, municipalities: 1, zones: 1 });
    const zoneId = body.items.find((i) => i.name === 'Largo del Lampione')!.id;
    expect(await signalAt(IN_TERRITORY_NO_ZONE)).toBe(zoneId);

    const again = await importTerritory(file);
    expect(((await again.json()) as { unchanged: Record<string, number> }).unchanged).toEqual({ areas: 1, municipalities: 1, zones: 1 });
    expect(await counts()).toMatchObject({ areas: before.areas + 1, municipalities: before.municipalities + 1, zones: before.zones + 1 });
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
