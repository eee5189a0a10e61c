// POST /api/diagnoses/{slug}/imports/institutions on a real libSQL file with the demo: Italian and
// English headers, ';' and ',', re-import by name, skipBadRows, and bad files that change nothing.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas, auditLog, diagnoses, institutions, municipalities } from '../../db/schema';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { institutionTemplate } from './institutions.columns';

let t: TestApp;
let admin: AuthHeaders & { userId: string };
let analyst: AuthHeaders;
let demoId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 20 });
  admin = await loginAs(t, 'admin');
  analyst = await loginAs(t, 'analyst');
  [{ id: demoId }] = await t.db.select({ id: diagnoses.id }).from(diagnoses).where(eq(diagnoses.slug, 'demo'));
});
afterAll(() => t.close());

const post = (csv: string | Uint8Array, opts: { query?: string; headers?: Partial<AuthHeaders>; type?: string } = {}) =>
  t.request(`/api/diagnoses/demo/imports/institutions${opts.query ?? ''}`, {
    method: 'POST',
    body: csv as BodyInit,
    headers: { ...(opts.headers ?? admin), 'content-type': opts.type ?? 'text/csv; charset=utf-8' },
  });

const named = async (name: string) => (await t.db.select().from(institutions).where(and(eq(institutions.diagnosisId, demoId), eq(institutions.name, name))))[0];
/** The demo's areas are called "Piana (demo)", "Valle (demo)", "Costa (demo)". */
const areaId = async (name: string) => (await t.db.select().from(areas).where(and(eq(areas.diagnosisId, demoId), eq(areas.name, `${name} (demo)`))))[0].id;
const municipalityId = async (name: string) => (await t.db.select().from(municipalities).where(and(eq(municipalities.diagnosisId, demoId), eq(municipalities.name, name))))[0].id;
const dataVersion = async () => (await t.db.select().from(diagnoses).where(eq(diagnoses.id, demoId)))[0].dataVersion;

async function snapshot() {
  return {
    counts: await tableCounts(t.db),
    dataVersion: await dataVersion(),
    institutions: JSON.stringify(await t.db.select().from(institutions).where(eq(institutions.diagnosisId, demoId)).orderBy(institutions.id)),
  };
}

const ITALIAN = [
  'nome;tipo;ambito;comune;email',
  'Comando stazione Carabinieri di Roccalta;Forze dell’ordine;;Roccalta;cc.roccalta@esempio.it',
  'Istituto comprensivo Vallemura;scuola;Valle (demo);999007;',
  '"Parrocchia di San Rocco; Marina";Ente religioso;costa (DEMO);;',
].join('\n');

describe('importing institutions', () => {
  it('reads Italian headers with ";", kinds by id or name, places by name or ISTAT code, and logs it', async () => {
    const version = await dataVersion();
    const res = await post(ITALIAN);
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: 0, errors: [] });
    expect(body.items.map((i: any) => [i.line, i.name, i.action])).toEqual([
      [2, 'Comando stazione Carabinieri di Roccalta', 'created'],
      [3, 'Istituto comprensivo Vallemura', 'created'],
      [4, 'Parrocchia di San Rocco; Marina', 'created'],
    ]);
    // The area left empty comes from the municipality.
    expect(await named('Comando stazione Carabinieri di Roccalta')).toMatchObject({ kind: 'forze-ordine', areaId: await areaId('Valle'), municipalityId: await municipalityId('Roccalta'), email: 'cc.roccalta@esempio.it' });
    expect(await named('Istituto comprensivo Vallemura')).toMatchObject({ kind: 'scuola', areaId: await areaId('Valle'), municipalityId: await municipalityId('Vallemura'), email: null });
    expect(await named('Parrocchia di San Rocco; Marina')).toMatchObject({ kind: 'ente-religioso', areaId: await areaId('Costa'), municipalityId: null });
    expect(await dataVersion()).toBe(version + 1);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.diagnosisId, demoId), eq(auditLog.action, 'import.institutions')));
    expect(audit).toMatchObject({ userId: admin.userId, details: { created: 3, updated: 0, unchanged: 0, skipped: 0 } });
  });

  it('reads English headers with ",", a BOM, CRLF and quoted fields', async () => {
    const csv = '\uFEFFName,Kind,Area,Municipality,E-mail\r\n"Associazione Commercianti, Borgo Lume",Trade association,,Borgo Lume,info@commercianti.example\r\nPolizia locale di Vallemura,local police,,Vallemura,\r\n';
    const res = await post(csv);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: 2 });
    expect(await named('Associazione Commercianti, Borgo Lume')).toMatchObject({ kind: 'associazione-categoria', areaId: await areaId('Piana'), email: 'info@commercianti.example' });
    expect((await named('Polizia locale di Vallemura')).kind).toBe('polizia-locale');
  });

  it('re-importing by name updates and never duplicates; a column left out keeps what is stored', async () => {
    const before = await tableCounts(t.db);
    const res = await post(ITALIAN.replace('cc.roccalta@esempio.it', 'tro12345@pec.carabinieri.it').replace('Istituto comprensivo Vallemura', 'ISTITUTO COMPRENSIVO VALLEMURA'));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect((await tableCounts(t.db)).institutions).toBe(before.institutions);
    expect((await named('Comando stazione Carabinieri di Roccalta')).email).toBe('tro12345@pec.carabinieri.it');
    expect(await named('ISTITUTO COMPRENSIVO VALLEMURA')).toBeDefined();

    // The demo's own institution, by name; only name and kind sent: its area stays, no email column.
    const caritas = await named('Caritas diocesana');
    const kept = await post('nome;tipo\ncaritas diocesana;ente-religioso\n');
    expect(await kept.json()).toMatchObject({ created: 0, updated: 1 });
    expect(await named('caritas diocesana')).toMatchObject({ id: caritas.id, kind: 'ente-religioso', areaId: caritas.areaId, email: caritas.email });
    expect((await post('nome;tipo\nCaritas diocesana;ente-religioso\n')).status).toBe(201);
    expect((await tableCounts(t.db)).institutions).toBe(before.institutions);
  });

  it('with skipBadRows=true imports the good lines and reports the others', async () => {
    const csv = 'nome;tipo\nCentro giovani La Rete;terzo-settore\nSindacato;union\n';
    const before = await snapshot();
    const refused = await expectProblem(await post(csv), 422);
    expect(refused.errors).toEqual([{ field: 'line 3: kind', line: 3, message: expect.stringContaining('"union" is not an institution kind') }]);
    expect(await snapshot()).toEqual(before);
    const res = await post(csv, { query: '?skipBadRows=true' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: 1, skipped: 1, errors: [{ line: 3, field: 'kind' }] });
  });

  it('offers a template the import reads: its header alone is a file with no institutions', async () => {
    for (const lang of ['it', 'en'] as const) {
      const header = institutionTemplate(lang);
      const problem = await expectProblem(await post(header), 422);
      expect(problem.errors).toEqual([{ field: 'line 1', line: 1, message: 'The file has a header but no institutions.' }]);
      expect((await post(`${header}Ente del modello ${lang};altro;;;\n`.replaceAll(';', lang === 'it' ? ';' : ','))).status).toBe(201);
    }
  });
});

describe('bad files change nothing', () => {
  const latin1 = Uint8Array.from([...'nome;tipo\nComunit', 0xe0, ...' montana;comunita-montana\n'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))));
  // [what, body, status, the errors' fields (one per bad field), content type, query]
  const cases: [string, string | Uint8Array, number, string[] | null, string?, string?][] = [
    ['the wrong content type', ITALIAN, 415, null, 'application/json'],
    ['a bad query', ITALIAN, 400, ['skipBadRows'], undefined, '?skipBadRows=yes'],
    ['an empty file', '', 422, ['line 1']],
    ['a missing required column', 'nome;ambito\nProtezione civile;Valle\n', 422, ['line 1: kind']],
    ['an unknown column', 'nome;tipo;telefono\nProtezione civile;altro;0583 000000\n', 422, ['line 1: telefono']],
    ['two columns for one field', 'nome;name;tipo\nA;B;altro\n', 422, ['line 1: name']],
    ['a skipBadRows that cannot skip a bad header', 'name;tipo;colore\nA;altro;rosso\n', 422, ['line 1: colore'], undefined, '?skipBadRows=true'],
    ['an unknown institution kind', 'nome;tipo\nProtezione civile;protezione-civile\n', 422, ['line 2: kind']],
    ['a missing name and kind', 'nome;tipo;ambito\n;;Valle (demo)\n', 422, ['line 2: name', 'line 2: kind']],
    ['an unknown area', 'nome;tipo;ambito\nProtezione civile;altro;Pianura\n', 422, ['line 2: area']],
    ['an unknown municipality', 'nome;tipo;comune\nProtezione civile;altro;Atlantide\n', 422, ['line 2: municipality']],
    ['an area that is not the municipality’s', 'nome;tipo;ambito;comune\nProtezione civile;altro;Costa (demo);Roccalta\n', 422, ['line 2: area']],
    ['a bad email address', 'nome;tipo;email\nProtezione civile;altro;protezione civile at comune\n', 422, ['line 2: email']],
    ['duplicate names in the file', 'nome;tipo\nProtezione civile;altro\nCroce Verde;terzo-settore\nprotezione  CIVILE;altro\n', 422, ['line 4: name']],
    ['a value beyond the header', 'nome;tipo\nProtezione civile;altro;in più\n', 422, ['line 2']],
    ['a name too long', `nome;tipo\n${'x'.repeat(201)};altro\n`, 422, ['line 2: name']],
    ['a file that is not UTF-8 (Excel’s Windows-1252)', latin1, 422, ['line 2']],
    ['an unclosed quote, with its line', 'nome;tipo\nProtezione civile;altro\n"Croce Verde;terzo-settore\n', 422, ['line 3', 'line 3: kind']],
    ['an oversized file', `nome;tipo\n${'Ente di prova;altro\n'.repeat(60_000)}`, 413, null],
  ];

  it.each(cases)('%s', async (_what, body, status, fields, type, query) => {
    const before = await snapshot();
    const problem = await expectProblem(await post(body, { type, query }), status);
    if (fields) expect(problem.errors!.map((e) => e.field)).toEqual(fields);
    for (const e of problem.errors ?? []) expect(e.message.length).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(before);
  });

  it('says what is wrong on each line, naming the accepted kinds', async () => {
    const problem = await expectProblem(await post('nome;tipo;email\nProtezione civile;protezione-civile;pc@\n'), 422);
    expect(problem.detail).toBe('1 line(s) have errors; nothing was imported. Fix them, or send skipBadRows=true to import the good lines.');
    expect(problem.errors).toEqual([
      { field: 'line 2: kind', line: 2, message: expect.stringMatching(/^"protezione-civile" is not an institution kind: one of comune, comunita-montana, .*altro/) },
      { field: 'line 2: email', line: 2, message: '"pc@" is not an email address.' },
    ]);
  });

  it('refuses analysts, moderators, a missing CSRF token and anonymous callers', async () => {
    const moderator = await loginAs(t, 'moderator');
    const before = await snapshot();
    await expectProblem(await post(ITALIAN, { headers: analyst }), 403);
    await expectProblem(await post(ITALIAN, { headers: moderator }), 403);
    await expectProblem(await post(ITALIAN, { headers: { cookie: admin.cookie } }), 403);
    await expectProblem(await post(ITALIAN, { headers: {} }), 401);
    expect(await snapshot()).toEqual(before);
  });
});
