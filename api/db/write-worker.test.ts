// The Node write path of `npm start`: resident signals commit on a worker thread's own libSQL
// connection. Same contract as the main-connection path (signals.contract.test.ts), checked here
// on the parts where two connections could disagree: visibility after the answer, retries,
// duplicates inside one batch, a diagnosis closed by the other connection, and failures.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSignal } from '../routes/signals/test-fixtures';
import { createTestApp, type TestApp } from '../test/test-app';
import { diagnoses, signals } from './schema';
import { startWriteWorker } from './write-worker';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true, residentSignals: 20, env: { SIGNAL_RATE_LIMIT: '0' }, writeWorker: true });
});
afterAll(() => t.close());

const post = (body: unknown) => t.request('/api/diagnoses/demo/signals', { method: 'POST', json: body });
const count = async (id: string) => (await t.db.select({ id: signals.id }).from(signals).where(eq(signals.id, id))).length;
const dataVersion = async () => (await t.db.select({ v: diagnoses.dataVersion }).from(diagnoses).where(eq(diagnoses.slug, 'demo')))[0].v;

describe('signals through the write worker', () => {
  it('a 201 means the row is already visible to the main connection', async () => {
    const before = await dataVersion();
    const body = validSignal();
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(await count(body.id as string)).toBe(1);
    expect(await dataVersion()).toBeGreaterThan(before);
  });

  it('a retry gets 200 with the same answer, other content under the id 409', async () => {
    const body = validSignal();
    const first = await post(body);
    expect(first.status).toBe(201);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    const other = await post({ ...body, intensity: 1 });
    expect(other.status).toBe(409);
    expect(await count(body.id as string)).toBe(1);
  });

  it('200 concurrent posts, each sent twice, store 200 rows and every post is acknowledged', async () => {
    const bodies = Array.from({ length: 200 }, () => validSignal());
    const responses = await Promise.all([...bodies, ...bodies].map((b) => post(b)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    const ids = bodies.map((b) => b.id as string);
    const stored = await t.db.all<{ n: number }>(`select count(*) as n from signals where id in (${ids.map((id) => `'${id}'`).join(',')})`);
    expect(stored[0].n).toBe(200);
  });

  it('stores the same row as the main-connection path does', async () => {
    const plain = await createTestApp({ seed: true, residentSignals: 0, env: { SIGNAL_RATE_LIMIT: '0' } });
    try {
      const body = validSignal({ helps: ['police', 'lighting'], profile: { age: '30-44', relation: 'live' }, text: 'Lampioni spenti da settimane', perception: { safeAfterDark: 'not-very-safe' } });
      const viaWorker = await post(body);
      const viaMain = await plain.request('/api/diagnoses/demo/signals', { method: 'POST', json: body });
      expect(viaWorker.status).toBe(201);
      expect(viaMain.status).toBe(201);
      const read = async (db: TestApp['db']) => {
        const [row] = await db.select().from(signals).where(eq(signals.id, body.id as string));
        // Ids of the diagnosis and zone differ between the two databases; everything else must not.
        const { diagnosisId, zoneId, ...rest } = row;
        return { ...rest, diagnosisId: typeof diagnosisId, zoneId: typeof zoneId };
      };
      expect(await read(t.db)).toEqual(await read(plain.db));
    } finally {
      await plain.close();
    }
  });

  it('a diagnosis closed on the main connection refuses new reports at commit time', async () => {
    await t.db.update(diagnoses).set({ status: 'closed' }).where(eq(diagnoses.slug, 'demo'));
    try {
      const body = validSignal();
      const res = await post(body);
      expect(res.status).toBe(409);
      expect(await count(body.id as string)).toBe(0);
    } finally {
      await t.db.update(diagnoses).set({ status: 'open' }).where(eq(diagnoses.slug, 'demo'));
    }
  });
});

describe('the write worker itself', () => {
  it('runs statements atomically: an error in the second undoes the first, and the next batch works', async () => {
    const id = randomUUID();
    const w = startWriteWorker(t.url);
    try {
      await expect(
        w.writeBatch([
          { sql: `insert into audit_log (id, action, created_at) values (?, 'test', 0)`, args: [id] },
          { sql: 'insert into no_such_table values (1)', args: [] },
        ]),
      ).rejects.toThrow(/no_such_table/);
      expect(await t.db.all(`select id from audit_log where id = '${id}'`)).toHaveLength(0);
      const [rows] = await w.writeBatch([{ sql: `insert into audit_log (id, action, created_at) values (?, 'test', 0) returning id`, args: [id] }]);
      expect(rows).toEqual([[id]]);
      expect(await t.db.all(`select id from audit_log where id = '${id}'`)).toHaveLength(1);
      // The per-row form: the number of rows each execution changed, all in one transaction.
      const other = randomUUID();
      const changes = await w.writeEach([], `insert into audit_log (id, action, created_at) values (?, 'test', 0) on conflict (id) do nothing`, [[other], [other], [id]]);
      expect(changes).toEqual([1, 0, 0]);
      await expect(w.writeEach([], 'insert into audit_log (id, action, created_at) values (?, null, 0)', [[randomUUID()]])).rejects.toThrow(/NOT NULL/);
    } finally {
      await w.close();
    }
  });

  it('a second thread checkpoints the WAL while the first writes, and the data stays whole', async () => {
    const writer = startWriteWorker(t.url);
    const reader = startWriteWorker(t.url);
    try {
      const before = (await t.db.all<{ n: number }>('select count(*) as n from audit_log'))[0].n;
      const writes = Array.from({ length: 20 }, (_, i) =>
        writer.writeEach([], `insert into audit_log (id, action, created_at) values (?, 'checkpoint-test', 0)`, Array.from({ length: 50 }, () => [randomUUID()])).then(() => i),
      );
      const checkpoints = Array.from({ length: 5 }, () => reader.checkpoint());
      await Promise.all(writes);
      const [busy, frames, copied] = (await Promise.all(checkpoints)).at(-1)!;
      expect(busy).toBe(0);
      expect(Number(copied)).toBeLessThanOrEqual(Number(frames));
      const last = await reader.checkpoint();
      expect(last[0]).toBe(0);
      expect(Number(last[2])).toBe(Number(last[1]));
      expect((await t.db.all<{ n: number }>('select count(*) as n from audit_log'))[0].n).toBe(before + 1000);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('after close, a batch is refused instead of hanging', async () => {
    const w = startWriteWorker(t.url);
    await w.close();
    await expect(w.writeBatch([{ sql: 'select 1', args: [] }])).rejects.toThrow(/write worker/);
  });
});
