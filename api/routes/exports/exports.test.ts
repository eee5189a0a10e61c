import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signals } from '../../db/schema';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, type TestApp } from '../../test/test-app';

let t: TestApp;
let analyst: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 300 });
  analyst = await loginAs(t, 'analyst');
});
afterAll(() => t.close());

const get = (path: string, h: Partial<AuthHeaders> = analyst) => t.request(`/api/diagnoses/demo/exports/${path}`, { headers: h.cookie ? { cookie: h.cookie } : {} });
// The body starts with a UTF-8 byte-order mark (for spreadsheets); Response.text() drops it.
const textOf = async (res: Response) => {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes);
};
const parse = async (res: Response) => Papa.parse<Record<string, string>>(await textOf(res), { header: true, skipEmptyLines: true });

describe('signals.csv', () => {
  it('exports every signal with coordinates rounded and no unmoderated text', async () => {
    const res = await get('signals.csv?round=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('demo-segnalazioni.csv');
    const { data, errors } = await parse(res);
    expect(errors).toEqual([]);
    expect(data.filter((r) => r.source === 'resident')).toHaveLength(300);
    for (const r of data) if (r.lat) expect(r.lat.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(2);
    const pendingTexts = await t.db.query.signals.findMany({ where: (s, { eq }) => eq(s.moderation, 'pending') });
    const exported = new Set(data.map((r) => r.text).filter(Boolean));
    for (const s of pendingTexts) if (s.text && !(await t.db.query.signals.findFirst({ where: (x, { and, eq }) => and(eq(x.text, s.text!), eq(x.moderation, 'approved')) }))) expect(exported.has(s.text)).toBe(false);
  });

  it('flags the reports a moderator excluded, which no analysis counts', async () => {
    const [row] = await t.db.select({ id: signals.id }).from(signals).where(eq(signals.source, 'resident')).limit(1);
    await t.db.update(signals).set({ exclusion: 'spam' }).where(eq(signals.id, row.id));
    const { data } = await parse(await get('signals.csv'));
    expect(data.filter((r) => r.excluded === 'spam')).toHaveLength(1);
    expect(data.filter((r) => r.excluded === '').length).toBe(data.length - 1);
    await t.db.update(signals).set({ exclusion: null }).where(eq(signals.id, row.id));
  });

  it('never lets a text run as a spreadsheet formula', async () => {
    const formula = '=HYPERLINK("http://example.invalid","clicca")';
    const [row] = await t.db.select({ id: signals.id }).from(signals).where(eq(signals.source, 'resident')).limit(1);
    await t.db.update(signals).set({ text: formula, moderation: 'approved' }).where(eq(signals.id, row.id));
    const { data } = await parse(await get('signals.csv'));
    expect(data.filter((r) => r.text === `'${formula}`)).toHaveLength(1);
    expect(data.some((r) => r.text === formula)).toBe(false);
  });

  it('refuses bad options and the wrong roles', async () => {
    await expectProblem(await get('signals.csv?round=9'), 400);
    await expectProblem(await get('signals.csv?separator=tab'), 400);
    await expectProblem(await get('signals.csv', {}), 401);
    await expectProblem(await get('signals.csv', await loginAs(t, 'moderator')), 403);
  });
});

describe('answers.csv', () => {
  it('has one row per responding institution and readable headers per question', async () => {
    const res = await get('answers.csv?lang=it&separator=semicolon');
    expect(res.status).toBe(200);
    const parsed = Papa.parse<string[]>(await textOf(res), { delimiter: ';', skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header.slice(0, 3)).toEqual(['Ente', 'Tipo', 'Versione']);
    expect(header.length).toBeGreaterThan(100);
    expect(header.some((h) => /\[problems\.[a-z-]+\.severity\]$/.test(h) || /\[[a-zA-Z]+\.[^\]]+\]$/.test(h))).toBe(true);
    // The demo has 12 institutions that submitted (2 of them amended): one row each.
    const submitted = new Set((await t.db.query.responseRevisions.findMany()).map((r) => r.responseId));
    expect(rows).toHaveLength(submitted.size);
    expect(submitted.size).toBe(12);
    for (const r of rows) expect(r).toHaveLength(header.length);
  });
});
