import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { diagnoses, signals } from '../../db/schema';
import { type AuthHeaders, loginAs } from '../../test/auth';
import { createTestApp, expectProblem, tableCounts, type TestApp } from '../../test/test-app';
import { IN_ZONE } from '../signals/test-fixtures';

let t: TestApp;
let analyst: AuthHeaders;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 20 });
  analyst = await loginAs(t, 'analyst');
});
afterAll(() => t.close());

const post = (csv: string, query = '', h: Partial<AuthHeaders> = analyst, type = 'text/csv') =>
  t.request(`/api/diagnoses/demo/imports/counts${query}`, { method: 'POST', body: csv, headers: { ...h, 'content-type': type } });

const policeTotal = async () => {
  const [row] = await t.db.all<{ n: number }>(sql`select coalesce(sum(count), 0) as n from signals where source = 'police'`);
  return row.n;
};

describe('POST /api/diagnoses/{slug}/imports/counts', () => {
  it('imports rows by zone name, zone id and point, and bumps the data version', async () => {
    const [d0] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    const before = await policeTotal();
    const csv = 'zone,month,count,source\nPiazza Roma,2027-01,12,police\nStazione ferroviaria,2027-01,3,media\n';
    const res = await post(csv);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 2, skipped: 0, errors: [] });
    expect(await policeTotal()).toBe(before + 12);
    const [d1] = await t.db.select().from(diagnoses).where(eq(diagnoses.slug, 'demo'));
    expect(d1.dataVersion).toBe(d0.dataVersion + 1);
  });

  it('replaces figures on re-import instead of doubling them (semicolons, as Italian spreadsheets save)', async () => {
    const before = await policeTotal();
    const res = await post('zona;month;count;source\n'.replace('zona', 'zone') + 'Piazza Roma;2027-01;15;police\n');
    expect(res.status).toBe(201);
    expect(await policeTotal()).toBe(before + 3);
  });

  it('keeps points in one zone apart from each other and from the zone’s own figure; the same point twice adds up', async () => {
    const [zone] = await t.db.all<{ id: string }>(sql`select id from zones where name = 'Piazza Roma'`);
    const before = await policeTotal();
    const at = (dLat: number) => `${(IN_ZONE.lat + dLat).toFixed(6)},${IN_ZONE.lon.toFixed(6)}`;
    const csv = [
      'zone,lat,lon,month,count,source',
      `,${at(0)},2027-04,2,police`,
      `,${at(0.00005)},2027-04,3,police`,
      `,${at(-0.00005)},2027-04,4,police`,
      `,${at(-0.00005)},2027-04,1,police`,
      'Piazza Roma,,,2027-04,10,police',
    ].join('\n');
    const res = await post(csv);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 5, skipped: 0, errors: [] });
    expect(await policeTotal()).toBe(before + 20);
    const stored = await t.db.all<{ lat: number | null; count: number; zone_id: string }>(
      sql`select lat, count, zone_id from signals where source = 'police' and occurred_at = ${Date.parse('2027-04-01T00:00:00Z')} order by lat`,
    );
    expect(stored.map((r) => [r.lat === null ? null : Number(r.lat.toFixed(5)), r.count])).toEqual([
      [null, 10],
      [Number((IN_ZONE.lat - 0.00005).toFixed(5)), 5],
      [Number(IN_ZONE.lat.toFixed(5)), 2],
      [Number((IN_ZONE.lat + 0.00005).toFixed(5)), 3],
    ]);
    expect(new Set(stored.map((r) => r.zone_id))).toEqual(new Set([zone.id]));
    // The same file again replaces the figures: nothing doubles.
    expect((await post(csv)).status).toBe(201);
    expect(await policeTotal()).toBe(before + 20);
  });

  it('reports every bad row with its line and imports nothing', async () => {
    const before = await tableCounts(t.db);
    const csv = ['zone,month,count,source', 'Piazza Roma,2027-02,4,police', 'Nowhere Square,2027-02,4,police', 'Piazza Roma,2027-13,4,police', 'Piazza Roma,2027-02,-1,police', 'Piazza Roma,2027-02,4,rumours'].join('\n');
    const body = await expectProblem(await post(csv), 422);
    expect(body.errors!.map((e) => e.field.match(/^line (\d+)/)![1])).toEqual(['3', '4', '5', '6']);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('imports the good rows when asked to skip the bad ones', async () => {
    const csv = 'zone,month,count,source\nPiazza Marconi,2027-02,4,police\nNowhere,2027-02,4,police\n';
    const res = await post(csv, '?skipBadRows=true');
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ imported: 1, skipped: 1 });
    expect(body.errors[0].line).toBe(3);
  });

  it('refuses the wrong content type, an empty file, a wrong role and oversized files', async () => {
    const before = await tableCounts(t.db);
    await expectProblem(await post('zone,month,count,source\n', '', analyst, 'application/json'), 415);
    await expectProblem(await post('zone,month,count,source\n'), 422);
    await expectProblem(await post('zone,month,count,source\nPiazza Roma,2027-03,1,police\n', '', {}), 401);
    const mod = await loginAs(t, 'moderator');
    await expectProblem(await post('zone,month,count,source\nPiazza Roma,2027-03,1,police\n', '', mod), 403);
    await expectProblem(await post('zone,month,count,source\nPiazza Roma,2027-03,1,police\n', '', { cookie: analyst.cookie }), 403);
    await expectProblem(await post('zone,month,count,source\n' + 'Piazza Roma,2027-03,1,police\n'.repeat(200_000)), 413);
    await expectProblem(await post('a,b\n1,2\n', '?skipBadRows=maybe'), 400);
    const after = await tableCounts(t.db);
    expect(after.signals).toBe(before.signals);
    expect(after.audit_log).toBe(before.audit_log);
  });

  it('stores nothing personal: imported rows have no text, profile or perception', async () => {
    const rows = await t.db.select().from(signals).where(and(eq(signals.source, 'police'), eq(signals.count, 15)));
    expect(rows[0]).toMatchObject({ text: null, profile: null, perception: null });
  });
});
