// The analysis read of a diagnosis's signals, through drizzle (Workers, remote libSQL) and through
// the Node worker thread: both give the same table, and the table holds what the rows say.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIds, signalSources, timeBandIds } from '../../../surveys/taxonomy';
import { idsOfMask } from '../../../analysis/signal-table';
import { signals } from '../../db/schema';
import { startWriteWorker, type WriteWorker } from '../../db/write-worker';
import { createTestApp, type TestApp } from '../../test/test-app';
import { diagnosisBySlug } from '../diagnoses/territory';
import { loadEvidence } from './evidence';

let t: TestApp;
let worker: WriteWorker;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 300 });
  worker = startWriteWorker(t.url);
});
afterAll(async () => {
  await worker.close();
  await t.close();
});

describe('signal scan', () => {
  it('reads the same table through drizzle and through the worker thread', async () => {
    const d = await diagnosisBySlug(t.db, 'demo');
    const viaDb = (await loadEvidence(t.db, d)).signals;
    const viaWorker = (await loadEvidence(t.db, d, worker.readColumns)).signals;
    expect(viaWorker.n).toBeGreaterThan(300);
    expect(viaWorker).toEqual(viaDb);
  });

  it('reads the same table in small pages, with pending, approved and hidden texts, and without excluded reports', async () => {
    const d = await diagnosisBySlug(t.db, 'demo');
    const rows = await t.db.select({ id: signals.id }).from(signals).where(eq(signals.diagnosisId, d.id)).limit(40);
    await t.db.update(signals).set({ moderation: 'pending', text: 'x' }).where(inArray(signals.id, rows.slice(0, 10).map((r) => r.id)));
    await t.db.update(signals).set({ moderation: 'approved', text: 'y' }).where(inArray(signals.id, rows.slice(10, 20).map((r) => r.id)));
    const whole = (await loadEvidence(t.db, d, worker.readColumns)).signals;
    // Hiding a text hides the text, not the report: the table keeps every row.
    await t.db.update(signals).set({ moderation: 'hidden', text: 'z' }).where(inArray(signals.id, rows.slice(20, 30).map((r) => r.id)));
    expect((await loadEvidence(t.db, d, undefined, { pageRows: 7 })).signals.n).toBe(whole.n);
    // A report excluded as abuse or spam, with text or without, leaves the analysis.
    await t.db.update(signals).set({ exclusion: 'spam' }).where(inArray(signals.id, rows.slice(25, 35).map((r) => r.id)));
    const paged = (await loadEvidence(t.db, d, undefined, { pageRows: 7 })).signals;
    expect(paged.n).toBe(whole.n - 10);
    expect((await loadEvidence(t.db, d, worker.readColumns, { pageRows: 7 })).signals).toEqual(paged);
    expect((await loadEvidence(t.db, d, worker.readColumns)).signals).toEqual(paged);
  });

  it('decodes each row as stored: place, time, source, sets, day kind, intensity, zone, perception', async () => {
    const d = await diagnosisBySlug(t.db, 'demo');
    const table = (await loadEvidence(t.db, d, worker.readColumns)).signals;
    const rows = await t.db.select().from(signals).where(eq(signals.diagnosisId, d.id));
    const shown = rows.filter((r) => r.exclusion === null && ((r.lat !== null && r.lon !== null) || r.zoneId));
    expect(table.n).toBe(shown.length);
    // The scan keeps the database's order, so row i of the table is row i of the same select.
    const byTime = (i: number) => ({
      time: table.time[i],
      source: signalSources[table.source[i]],
      categories: idsOfMask(categoryIds, table.categories[i]),
      timeBands: idsOfMask(timeBandIds, table.timeBands[i]),
      intensity: table.intensity[i] || null,
      zoneId: table.zone[i] >= 0 ? table.zoneIds[table.zone[i]] : null,
      count: table.count[i],
    });
    const expected = (r: (typeof rows)[number]) => ({
      time: r.occurredAt.getTime(),
      source: r.source,
      categories: categoryIds.filter((c) => (r.categories as string[]).includes(c)),
      timeBands: timeBandIds.filter((b) => (r.timeBands as string[]).includes(b)),
      intensity: r.intensity,
      zoneId: r.zoneId,
      count: r.count,
    });
    const sortKey = (x: { time: number; source?: string; zoneId: string | null; count: number }) => `${x.time}|${x.source}|${x.zoneId}|${x.count}`;
    const got = Array.from({ length: table.n }, (_, i) => byTime(i)).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const want = shown.map(expected).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(got.map(sortKey)).toEqual(want.map(sortKey));
    expect(got).toEqual(want);
    const withPerception = shown.filter((r) => r.perception).length;
    expect(withPerception).toBeGreaterThan(0);
    expect([...table.unsafe].filter((u) => u >= 0).length).toBe(withPerception);
  });

  it('reads an empty diagnosis as an empty table', async () => {
    const d = await diagnosisBySlug(t.db, 'demo');
    const table = (await loadEvidence(t.db, { ...d, id: 'no-such-diagnosis' }, worker.readColumns)).signals;
    expect(table.n).toBe(0);
  });
});
