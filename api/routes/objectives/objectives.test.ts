// Objectives and indicators on a real libSQL file: admins set them up, analysts record measured
// values, every write bumps the dataVersion (the dashboard's objectives refresh) and is audited;
// bad input changes nothing.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, diagnoses, indicators, objectives } from '../../db/schema';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { expectGuardedWrite, expectRefused } from '../../test/refusals';
import { createTestApp, type TestApp } from '../../test/test-app';
import { demoDiagnosis } from '../invitations/test-helpers';

let t: TestApp;
let admin: AuthHeaders & { userId: string };
let analyst: AuthHeaders & { userId: string };
let moderator: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 40 });
  admin = await loginAs(t, 'admin');
  analyst = await loginAs(t, 'analyst');
  moderator = await loginAs(t, 'moderator');
});
afterAll(() => t.close());

type Indicator = { id: string; objectiveId: string; name: string; description: string; unit: string; baseline: number; target: number; direction: string | null; measured: number | null; measuredAt: string | null; progress: { share: number | null; clipped: number | null; status: string } };
type Objective = { id: string; code: string; title: string; description: string; indicators: Indicator[] };

const base = '/api/diagnoses/demo';
let codes = 0;
const code = () => `T${++codes}`;
const list = async (h: AuthHeaders = admin) => ((await (await t.request(`${base}/objectives`, { headers: { cookie: h.cookie } })).json()) as { items: Objective[] }).items;
const version = async () => (await demoDiagnosis(t)).dataVersion;
const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action));
const compareObjectives = async () => {
  const res = await t.request(`${base}/analysis/compare`, { headers: { cookie: admin.cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { objectives: { name: string; status: string; share: number | null }[] }).objectives;
};

async function createObjective(body: Record<string, unknown> = {}): Promise<Objective> {
  const res = await t.request(`${base}/objectives`, { method: 'POST', headers: admin, json: { code: code(), title: 'Obiettivo di prova', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Objective;
}

describe('reading', () => {
  it('lists the demo objectives by code with their indicators, directions and progress, for admins and analysts', async () => {
    const items = await list(analyst);
    expect(items.map((o) => o.code)).toEqual(['OB1', 'OB2', 'OB3', 'OB4']);
    const ob1 = items[0].indicators[0];
    expect(ob1).toMatchObject({ baseline: 38, target: 30, measured: 35, unit: '%', direction: 'decrease', measuredAt: '2026-11-01', progress: { status: 'on-the-way' } });
    expect(ob1.progress.share).toBeCloseTo(3 / 8, 6);
    expect(items[2].indicators.map((i) => i.progress.status)).toEqual(['on-the-way', 'not-measured']);
    await expectRefused(t, 401, `${base}/objectives`);
    await expectRefused(t, 403, `${base}/objectives`, { headers: { cookie: moderator.cookie } });
    await expectRefused(t, 404, '/api/diagnoses/nowhere/objectives', { headers: { cookie: admin.cookie } });
  });
});

describe('creating objectives', () => {
  it('creates an objective with its indicators; the analysis shows it at once; the audit log records it', async () => {
    await compareObjectives(); // cached at the current version
    const v = await version();
    const o = await createObjective({
      code: 'OB5',
      title: 'Ridurre l’abbandono scolastico',
      description: 'Con le scuole del territorio.',
      indicators: [
        { name: 'Abbandoni per 100 iscritti', unit: '%', baseline: 12, target: 8, measured: 11, measuredAt: '2026-10-15', description: 'Dato degli istituti.' },
        { name: 'Ore di doposcuola', unit: 'ore', baseline: 0, target: 20 },
        { name: 'Furti nelle scuole', baseline: 3, target: 3, direction: 'decrease' },
      ],
    });
    expect(o).toMatchObject({ code: 'OB5', title: 'Ridurre l’abbandono scolastico', description: 'Con le scuole del territorio.' });
    expect(o.indicators.map((i) => [i.name, i.direction, i.measured, i.measuredAt, i.progress.status])).toEqual([
      ['Abbandoni per 100 iscritti', 'decrease', 11, '2026-10-15', 'on-the-way'],
      ['Ore di doposcuola', 'increase', null, null, 'not-measured'],
      ['Furti nelle scuole', 'decrease', null, null, 'not-measured'],
    ]);
    expect(await version()).toBe(v + 1);
    const shown = await compareObjectives();
    expect(shown.find((x) => x.name === 'OB5 · Abbandoni per 100 iscritti')).toMatchObject({ status: 'on-the-way' });
    const [entry] = await audits('objective.create');
    expect(entry).toMatchObject({ userId: admin.userId, target: 'OB5', diagnosisId: (await demoDiagnosis(t)).id });
    expect(entry.details).toMatchObject({ id: o.id, indicators: ['Abbandoni per 100 iscritti', 'Ore di doposcuola', 'Furti nelle scuole'] });
  });

  it('dates a measured value today when no date is given', async () => {
    const o = await createObjective({ indicators: [{ name: 'Misurato oggi', baseline: 1, target: 2, measured: 1.5 }] });
    expect(o.indicators[0].measuredAt).toBe('2026-11-01');
  });

  it('refuses a code already used in the diagnosis with 409', async () => {
    const body = await expectRefused(t, 409, `${base}/objectives`, { method: 'POST', headers: admin, json: { code: 'OB1', title: 'Doppione' } });
    expect(body.errors?.[0].field).toBe('code');
  });

  it('refuses bad bodies with 422, naming each bad field, changing nothing', async () => {
    const ind = { name: 'Indicatore', baseline: 10, target: 20 };
    const cases: [unknown, string[]][] = [
      [{ code: 'OB 9', title: 'Spazio nel codice' }, ['code']],
      [{ code: '', title: 'Senza codice' }, ['code']],
      [{ code: 'X'.repeat(21), title: 'Codice lungo' }, ['code']],
      [{ code: 'OB9', title: 'no' }, ['title']],
      [{ code: 'OB9', title: 42 }, ['title']],
      [{ code: 'OB9', title: 'Valido', description: 'x'.repeat(4001) }, ['description']],
      [{ code: 'OB9', title: 'Valido', indicators: 'none' }, ['indicators']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, baseline: '10' }] }, ['indicators.0.baseline']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, target: 1e13 }] }, ['indicators.0.target']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, direction: 'decrease' }] }, ['indicators.0.direction']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, target: 10 }] }, ['indicators.0.direction']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, direction: 'sideways' }] }, ['indicators.0.direction']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, measuredAt: '2026-10-01' }] }, ['indicators.0.measuredAt']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, measured: 12, measuredAt: '2026-13-01' }] }, ['indicators.0.measuredAt']],
      [{ code: 'OB9', title: 'Valido', indicators: [ind, { ...ind, measured: 12, measuredAt: '2027-01-01' }] }, ['indicators.1.measuredAt']],
      [{ code: 'OB9', title: 'Valido', indicators: [{ ...ind, weight: 2 }] }, ['indicators.0.weight']],
      [{ code: 'OB9', title: 'Valido', indicators: Array(21).fill(ind) }, ['indicators']],
      [{ code: 'OB9', title: 'Valido', diagnosisId: 'other' }, ['diagnosisId']],
    ];
    for (const [json, fields] of cases) {
      const body = await expectRefused(t, 422, `${base}/objectives`, { method: 'POST', headers: admin, json });
      expect(body.errors?.map((e) => e.field), JSON.stringify(json).slice(0, 200)).toEqual(fields);
    }
  });

  it('refuses analysts and moderators, and the usual guards', async () => {
    for (const h of [analyst, moderator]) await expectRefused(t, 403, `${base}/objectives`, { method: 'POST', headers: h, json: { code: 'OB9', title: 'Non mio' } });
    await expectRefused(t, 404, '/api/diagnoses/nowhere/objectives', { method: 'POST', headers: admin, json: { code: 'OB9', title: 'Nessuna diagnosi' } });
    await expectGuardedWrite(t, 'POST', `${base}/objectives`, admin, { code: 'OB9', title: 'Valido' });
  });
});

describe('editing and deleting objectives', () => {
  it('edits code, title and description, auditing only what changed', async () => {
    const o = await createObjective();
    const v = await version();
    const res = await t.request(`${base}/objectives/${o.id}`, { method: 'PATCH', headers: admin, json: { title: 'Titolo nuovo', description: o.description } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Objective).title).toBe('Titolo nuovo');
    expect(await version()).toBe(v + 1);
    const entry = (await audits('objective.update')).find((e) => (e.details as { id: string }).id === o.id)!;
    expect(entry.details).toEqual({ id: o.id, changes: { title: { from: 'Obiettivo di prova', to: 'Titolo nuovo' } } });
    // The same again changes nothing: no write, no audit row, no new version.
    const again = await t.request(`${base}/objectives/${o.id}`, { method: 'PATCH', headers: admin, json: { title: 'Titolo nuovo' } });
    expect(again.status).toBe(200);
    expect(await version()).toBe(v + 1);
  });

  it('refuses a taken code (409), unknown or foreign objectives (404), bad ids (400) and bad bodies (422)', async () => {
    const o = await createObjective();
    const path = `${base}/objectives/${o.id}`;
    await expectRefused(t, 409, path, { method: 'PATCH', headers: admin, json: { code: 'OB1' } });
    await expectRefused(t, 404, `${base}/objectives/${crypto.randomUUID()}`, { method: 'PATCH', headers: admin, json: { title: 'Nessuno' } });
    await expectRefused(t, 400, `${base}/objectives/OB1`, { method: 'PATCH', headers: admin, json: { title: 'Per codice' } });
    // An objective of another diagnosis is not reachable through this one.
    const otherId = crypto.randomUUID();
    await t.db.insert(diagnoses).values({ id: otherId, slug: 'altra', title: 'Altra diagnosi' });
    const foreign = crypto.randomUUID();
    await t.db.insert(objectives).values({ id: foreign, diagnosisId: otherId, code: 'OB1', title: 'Altrui' });
    await expectRefused(t, 404, `${base}/objectives/${foreign}`, { method: 'PATCH', headers: admin, json: { title: 'Rubato' } });
    await expectRefused(t, 404, `${base}/objectives/${foreign}`, { method: 'DELETE', headers: admin });
    for (const json of [{}, { code: 'a b' }, { title: '' }, { title: null }, { indicators: [] }, { id: crypto.randomUUID() }]) {
      await expectRefused(t, 422, path, { method: 'PATCH', headers: admin, json });
    }
    await expectRefused(t, 403, path, { method: 'PATCH', headers: analyst, json: { title: 'Da analista' } });
    await expectGuardedWrite(t, 'PATCH', path, admin, { title: 'Guardato' });
  });

  it('deletes an objective with its indicators; they leave the analysis', async () => {
    const o = await createObjective({ indicators: [{ name: 'Da cancellare', baseline: 1, target: 3 }] });
    expect((await compareObjectives()).some((x) => x.name === `${o.code} · Da cancellare`)).toBe(true);
    await expectRefused(t, 403, `${base}/objectives/${o.id}`, { method: 'DELETE', headers: analyst });
    await expectRefused(t, 403, `${base}/objectives/${o.id}`, { method: 'DELETE', headers: { cookie: admin.cookie } });
    const res = await t.request(`${base}/objectives/${o.id}`, { method: 'DELETE', headers: admin });
    expect(res.status).toBe(204);
    expect(await t.db.select().from(indicators).where(eq(indicators.objectiveId, o.id))).toEqual([]);
    expect((await compareObjectives()).some((x) => x.name === `${o.code} · Da cancellare`)).toBe(false);
    const entry = (await audits('objective.delete')).find((e) => e.target === o.code)!;
    expect(entry.details).toMatchObject({ id: o.id, indicators: ['Da cancellare'] });
    await expectRefused(t, 404, `${base}/objectives/${o.id}`, { method: 'DELETE', headers: admin });
  });
});

describe('indicators', () => {
  it('adds an indicator to an objective', async () => {
    const o = await createObjective();
    const v = await version();
    const res = await t.request(`${base}/objectives/${o.id}/indicators`, { method: 'POST', headers: admin, json: { name: 'Panchine riparate', unit: 'panchine', baseline: 0, target: 40, measured: 10, measuredAt: '2026-09-30' } });
    expect(res.status).toBe(201);
    const ind = (await res.json()) as Indicator;
    expect(ind).toMatchObject({ objectiveId: o.id, direction: 'increase', measured: 10, measuredAt: '2026-09-30', progress: { share: 0.25, status: 'on-the-way' } });
    expect(await version()).toBe(v + 1);
    expect((await audits('indicator.create')).some((e) => e.target === `${o.code} · Panchine riparate`)).toBe(true);
    expect((await list()).find((x) => x.id === o.id)!.indicators.map((i) => i.id)).toEqual([ind.id]);
  });

  it('refuses bad indicators and unknown objectives, changing nothing', async () => {
    const o = await createObjective();
    const path = `${base}/objectives/${o.id}/indicators`;
    for (const json of [{}, { name: 'x', baseline: 1 }, { name: 'x', baseline: 1, target: 1 }, { name: 'x', baseline: 1, target: 2, direction: 'decrease' }, { name: 'x', baseline: 1, target: 2, measured: 'tanti' }, { name: 'x', baseline: 1, target: 2, unit: 'u'.repeat(31) }]) {
      await expectRefused(t, 422, path, { method: 'POST', headers: admin, json });
    }
    await expectRefused(t, 404, `${base}/objectives/${crypto.randomUUID()}/indicators`, { method: 'POST', headers: admin, json: { name: 'x', baseline: 1, target: 2 } });
    await expectRefused(t, 403, path, { method: 'POST', headers: analyst, json: { name: 'x', baseline: 1, target: 2 } });
    await expectGuardedWrite(t, 'POST', path, admin, { name: 'x', baseline: 1, target: 2 });
  });

  it('edits an indicator: a new target re-derives the direction; a contradicting one is refused', async () => {
    const o = await createObjective({ indicators: [{ name: 'Da modificare', baseline: 10, target: 20 }] });
    const path = `${base}/indicators/${o.indicators[0].id}`;
    const res = await t.request(path, { method: 'PATCH', headers: admin, json: { target: 5, description: 'Ora si vuole scendere.' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ target: 5, direction: 'decrease', description: 'Ora si vuole scendere.' });
    const entry = (await audits('indicator.update')).find((e) => (e.details as { id: string }).id === o.indicators[0].id)!;
    expect(entry.details).toMatchObject({ changes: { target: { from: 20, to: 5 }, direction: { from: 'increase', to: 'decrease' } } });
    await expectRefused(t, 422, path, { method: 'PATCH', headers: admin, json: { direction: 'increase' } });
    // A target equal to the baseline keeps the direction the indicator had, unless one is sent.
    expect(await (await t.request(path, { method: 'PATCH', headers: admin, json: { target: 10 } })).json()).toMatchObject({ target: 10, direction: 'decrease' });
    expect(await (await t.request(path, { method: 'PATCH', headers: admin, json: { direction: 'increase' } })).json()).toMatchObject({ target: 10, direction: 'increase' });
    await expectRefused(t, 422, path, { method: 'PATCH', headers: admin, json: { measuredAt: '2026-10-01' } }); // no measured value
    await expectRefused(t, 422, path, { method: 'PATCH', headers: admin, json: { name: '' } });
    await expectRefused(t, 422, path, { method: 'PATCH', headers: admin, json: { objectiveId: crypto.randomUUID() } });
    await expectRefused(t, 403, path, { method: 'PATCH', headers: analyst, json: { name: 'Da analista' } });
    await expectRefused(t, 404, `${base}/indicators/${crypto.randomUUID()}`, { method: 'PATCH', headers: admin, json: { name: 'Nessuno' } });
    await expectGuardedWrite(t, 'PATCH', path, admin, { name: 'Guardato' });
  });

  it('leaves an indicator stored before directions alone until its figures are edited', async () => {
    const o = await createObjective();
    const id = crypto.randomUUID();
    await t.db.insert(indicators).values({ id, objectiveId: o.id, name: 'Vecchio', baseline: 4, target: 4 });
    const renamed = await t.request(`${base}/indicators/${id}`, { method: 'PATCH', headers: admin, json: { name: 'Vecchio, rinominato' } });
    expect(await renamed.json()).toMatchObject({ name: 'Vecchio, rinominato', direction: null });
    await expectRefused(t, 422, `${base}/indicators/${id}`, { method: 'PATCH', headers: admin, json: { baseline: 4 } });
    expect(await (await t.request(`${base}/indicators/${id}`, { method: 'PATCH', headers: admin, json: { target: 2 } })).json()).toMatchObject({ direction: 'decrease' });
  });

  it('an analyst records a measured value (dated today unless told); the dashboard’s progress follows', async () => {
    const o = await createObjective({ indicators: [{ name: 'Segnalazioni risolte', unit: '%', baseline: 20, target: 60 }] });
    const path = `${base}/indicators/${o.indicators[0].id}/measurement`;
    const v = await version();
    const res = await t.request(path, { method: 'PUT', headers: analyst, json: { measured: 40 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ measured: 40, measuredAt: '2026-11-01', progress: { share: 0.5, status: 'on-the-way' } });
    expect(await version()).toBe(v + 1);
    expect((await compareObjectives()).find((x) => x.name === `${o.code} · Segnalazioni risolte`)).toMatchObject({ share: 0.5 });
    const entry = (await audits('indicator.measure')).find((e) => (e.details as { id: string }).id === o.indicators[0].id)!;
    expect(entry).toMatchObject({ userId: analyst.userId, details: { changes: { measured: { from: null, to: 40 }, measuredAt: { from: null, to: '2026-11-01' } } } });

    const dated = await t.request(path, { method: 'PUT', headers: analyst, json: { measured: 60, measuredAt: '2026-10-20' } });
    expect(await dated.json()).toMatchObject({ measured: 60, measuredAt: '2026-10-20', progress: { status: 'achieved' } });
    const cleared = await t.request(path, { method: 'PUT', headers: admin, json: { measured: null } });
    expect(await cleared.json()).toMatchObject({ measured: null, measuredAt: null, progress: { status: 'not-measured' } });
  });

  it('refuses bad measurements, moderators and unknown indicators, changing nothing', async () => {
    const o = await createObjective({ indicators: [{ name: 'Da misurare', baseline: 1, target: 2 }] });
    const path = `${base}/indicators/${o.indicators[0].id}/measurement`;
    const cases: [unknown, string[]][] = [
      [{}, ['measured']],
      [{ measured: '3' }, ['measured']],
      [{ measured: 1e13 }, ['measured']],
      [{ measured: null, measuredAt: '2026-10-01' }, ['measuredAt']],
      [{ measured: 3, measuredAt: '01/10/2026' }, ['measuredAt']],
      [{ measured: 3, measuredAt: '2026-11-03' }, ['measuredAt']], // in the future
      [{ measured: 3, unit: '%' }, ['unit']],
    ];
    for (const [json, fields] of cases) {
      const body = await expectRefused(t, 422, path, { method: 'PUT', headers: analyst, json });
      expect(body.errors?.map((e) => e.field), JSON.stringify(json)).toEqual(fields);
    }
    // The next calendar day is still today somewhere east: accepted.
    expect((await t.request(path, { method: 'PUT', headers: analyst, json: { measured: 3, measuredAt: '2026-11-02' } })).status).toBe(200);
    await expectRefused(t, 403, path, { method: 'PUT', headers: moderator, json: { measured: 2 } });
    await expectRefused(t, 404, `${base}/indicators/${crypto.randomUUID()}/measurement`, { method: 'PUT', headers: analyst, json: { measured: 2 } });
    await expectGuardedWrite(t, 'PUT', path, analyst, { measured: 2 });
  });

  it('deletes an indicator', async () => {
    const o = await createObjective({ indicators: [{ name: 'Via', baseline: 1, target: 2 }, { name: 'Resta', baseline: 1, target: 2 }] });
    await expectRefused(t, 403, `${base}/indicators/${o.indicators[0].id}`, { method: 'DELETE', headers: analyst });
    expect((await t.request(`${base}/indicators/${o.indicators[0].id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    const [row] = await t.db.select().from(objectives).where(and(eq(objectives.id, o.id)));
    expect(row).toBeDefined();
    expect((await list()).find((x) => x.id === o.id)!.indicators.map((i) => i.name)).toEqual(['Resta']);
    expect((await audits('indicator.delete')).some((e) => e.target === `${o.code} · Via`)).toBe(true);
    await expectRefused(t, 404, `${base}/indicators/${o.indicators[0].id}`, { method: 'DELETE', headers: admin });
  });
});
