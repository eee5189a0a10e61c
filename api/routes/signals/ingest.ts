// Turns a validated resident report into a stored signal: resolves the place, normalises the
// content (so a retry hashes the same), and writes through the group-commit queue. A retry with
// the same id and content gets the first answer back; other content under that id is a conflict.
import { eq, inArray, sql } from 'drizzle-orm';
import { categoryIds, dayKindIds, helpIds, timeBandIds } from '../../../surveys/taxonomy';
import type { AppDb } from '../../db/client';
import { diagnoses, signals } from '../../db/schema';
import { Problem } from '../../lib/problem';
import { canonicalJson, sha256Hex } from './content-hash';
import type { SignalAck, SignalInput } from './signals.schemas';
import { type TerritoryIndex, territoryFingerprintSql, territoryIndexFor } from './territory-index';
import { createWriteQueue, type WriteQueue } from './write-queue';
import type { SqlValue, WriteEach } from '../../db/write-worker';

export type SignalDiagnosis = { id: string; slug: string; status: 'draft' | 'open' | 'closed'; kThreshold: number; fingerprint: string };

/**
 * How long a diagnosis read stays in memory. Every signal needs it, so under load this saves one
 * query per request; nothing depends on it being fresh, because the insert itself checks that
 * the diagnosis is open and the zone exists at commit time (see `signalWriter`).
 */
const DIAGNOSIS_TTL_MS = 1000;
const diagnosisCache = new WeakMap<AppDb, Map<string, { at: number; value: Promise<SignalDiagnosis> }>>();

async function readDiagnosis(db: AppDb, slug: string): Promise<SignalDiagnosis> {
  const [row] = await db.all<{ id: string; slug: string; status: SignalDiagnosis['status']; k: number; fp: string }>(
    sql`select d.id as id, d.slug as slug, d.status as status, d.k_threshold as k, ${sql.raw(territoryFingerprintSql)} as fp from diagnoses d where d.slug = ${slug} limit 1`,
  );
  if (!row) throw new Problem(404, `No diagnosis with slug "${slug}".`);
  return { id: row.id, slug: row.slug, status: row.status, kThreshold: Number(row.k), fingerprint: String(row.fp) };
}

/** The diagnosis by slug with its territory fingerprint (one indexed read, cached for a second). */
export function diagnosisForSignals(db: AppDb, slug: string, opts: { fresh?: boolean } = {}): Promise<SignalDiagnosis> {
  let perDb = diagnosisCache.get(db);
  if (!perDb) diagnosisCache.set(db, (perDb = new Map()));
  const now = performance.now();
  const hit = perDb.get(slug);
  if (hit && !opts.fresh && now - hit.at < DIAGNOSIS_TTL_MS) return hit.value;
  const value = readDiagnosis(db, slug);
  perDb.set(slug, { at: now, value });
  value.catch(() => {
    if (perDb.get(slug)?.value === value) perDb.delete(slug);
  });
  return value;
}

export function territoryOf(db: AppDb, d: SignalDiagnosis): Promise<TerritoryIndex> {
  return territoryIndexFor(db, d.id, d.fingerprint);
}

/** Where the signal is: a point resolved to its zone, or a zone picked from the list. 422 when neither fits. */
export function resolvePlace(index: TerritoryIndex, input: SignalInput): { lat: number | null; lon: number | null; zoneId: string | null } {
  if (input.zoneId !== undefined) {
    if (!index.hasZone(input.zoneId)) {
      throw new Problem(422, 'The zone is not one of this diagnosis.', { errors: [{ field: 'zoneId', message: 'Unknown zone for this diagnosis.' }] });
    }
    return { lat: null, lon: null, zoneId: input.zoneId };
  }
  // Six decimals is about 10 cm: enough for any zone, no false precision kept.
  const lat = Math.round(input.lat! * 1e6) / 1e6;
  const lon = Math.round(input.lon! * 1e6) / 1e6;
  if (!index.contains(lon, lat)) {
    const message = 'This point is outside the territory of the diagnosis.';
    throw new Problem(422, 'The point is outside the territory of this diagnosis: choose a place inside it or pick a zone from the list.', {
      type: 'https://osservatorio.dev/problems/outside-territory',
      errors: [
        { field: 'lat', message },
        { field: 'lon', message },
      ],
    });
  }
  return { lat, lon, zoneId: index.zoneAt(lon, lat) };
}

const inOrder = <T extends string>(order: readonly T[], values: readonly T[] | undefined) =>
  values ? order.filter((v) => values.includes(v)) : undefined;

/** Stable text of anything a retry must repeat exactly (sets in taxonomy order, keys sorted). */
export function contentHash(input: SignalInput, place: { lat: number | null; lon: number | null; zoneId: string | null }, diagnosisId: string): string {
  const content = {
    diagnosisId,
    place: input.zoneId !== undefined ? { zoneId: input.zoneId } : { lat: place.lat, lon: place.lon },
    categories: inOrder(categoryIds, input.categories),
    timeBands: inOrder(timeBandIds, input.timeBands),
    days: inOrder(dayKindIds, input.days),
    helps: inOrder(helpIds, input.helps),
    intensity: input.intensity,
    text: input.text,
    profile: input.profile && Object.keys(input.profile).length > 0 ? input.profile : undefined,
    perception: input.perception,
  };
  return sha256Hex(canonicalJson(content));
}

export const canonicalPerception = (p: unknown) => canonicalJson(p);

const MINUTE = 60_000;
/** Times are kept to the minute: enough for analysis, less to link a report to a person. */
export const toMinute = (d: Date) => new Date(Math.floor(d.getTime() / MINUTE) * MINUTE);

export type SignalRow = typeof signals.$inferInsert;

export function signalRow(input: SignalInput, place: { lat: number | null; lon: number | null; zoneId: string | null }, diagnosisId: string, hash: string, now: Date): SignalRow {
  const at = toMinute(now);
  return {
    id: input.id,
    diagnosisId,
    source: 'resident',
    lat: place.lat,
    lon: place.lon,
    zoneId: place.zoneId,
    categories: inOrder(categoryIds, input.categories)!,
    timeBands: inOrder(timeBandIds, input.timeBands)!,
    days: inOrder(dayKindIds, input.days) ?? null,
    intensity: input.intensity,
    count: 1,
    helps: inOrder(helpIds, input.helps) ?? null,
    text: input.text ?? null,
    // Free text waits for a moderator before anything public shows it.
    moderation: input.text ? 'pending' : 'none',
    profile: input.profile && Object.keys(input.profile).length > 0 ? input.profile : null,
    perception: input.perception ?? null,
    contentHash: hash,
    occurredAt: at,
    createdAt: at,
  };
}

// One statement per batch whatever its size: the rows travel as one JSON parameter (D1 allows
// 100 bound parameters), and the WHERE re-checks at commit time what the handler read from cache.
// The select lists every column of `signals` in table order (drizzle's insert-select contract).
const SELECT_HEAD = `select json_extract(j.value, '$.id'), json_extract(j.value, '$.diagnosisId'), 'resident', json_extract(j.value, '$.lat'), json_extract(j.value, '$.lon'),
    json_extract(j.value, '$.zoneId'), json_extract(j.value, '$.categories'), json_extract(j.value, '$.timeBands'), json_extract(j.value, '$.days'),
    json_extract(j.value, '$.intensity'), 1, json_extract(j.value, '$.helps'), json_extract(j.value, '$.text'), json_extract(j.value, '$.moderation'),
    null, null, null, json_extract(j.value, '$.profile'), json_extract(j.value, '$.perception'), json_extract(j.value, '$.contentHash'),
    json_extract(j.value, '$.occurredAt'), json_extract(j.value, '$.createdAt'), null, null, null, null
  from json_each(`;
const SELECT_TAIL = `) j
  where exists (select 1 from diagnoses d where d.id = json_extract(j.value, '$.diagnosisId') and d.status = 'open')
    and (json_extract(j.value, '$.zoneId') is null or exists (select 1 from zones z where z.id = json_extract(j.value, '$.zoneId')))
  order by j.key`;

const jsonText = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** A row as the batch statement reads it: JSON columns already as text, times as epoch ms. */
function transportRow(r: SignalRow) {
  return {
    id: r.id,
    diagnosisId: r.diagnosisId,
    lat: r.lat ?? null,
    lon: r.lon ?? null,
    zoneId: r.zoneId ?? null,
    categories: jsonText(r.categories),
    timeBands: jsonText(r.timeBands),
    days: jsonText(r.days),
    intensity: r.intensity ?? null,
    helps: jsonText(r.helps),
    text: r.text ?? null,
    moderation: r.moderation ?? 'none',
    profile: jsonText(r.profile),
    perception: jsonText(r.perception),
    contentHash: r.contentHash ?? null,
    occurredAt: (r.occurredAt as Date).getTime(),
    createdAt: (r.createdAt as Date).getTime(),
  };
}

/**
 * One commit per batch: insert the rows whose diagnosis is open (a known id is left alone), and
 * bump the dataVersion of each diagnosis touched. Resolves true for each row stored by this batch;
 * false means a retry of a stored id, or a diagnosis closed / zone removed since the handler looked.
 */
// The Node write worker's form of the same insert: one prepared statement run per row, with the
// same commit-time re-checks. Columns as in the schema; `count` is 1 and moderation fields empty.
const INSERT_EACH = `insert into signals (id, diagnosis_id, source, lat, lon, zone_id, categories, time_bands, days, intensity, count, helps,
    text, moderation, profile, perception, content_hash, occurred_at, created_at)
  select ?1, ?2, 'resident', ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17
  where exists (select 1 from diagnoses d where d.id = ?2 and d.status = 'open')
    and (?5 is null or exists (select 1 from zones z where z.id = ?5))
  on conflict (id) do nothing`;

const eachArgs = (r: ReturnType<typeof transportRow>): SqlValue[] => [
  r.id, r.diagnosisId, r.lat, r.lon, r.zoneId, r.categories, r.timeBands, r.days, r.intensity, r.helps,
  r.text, r.moderation, r.profile, r.perception, r.contentHash, r.occurredAt, r.createdAt,
];

/**
 * One commit per batch: insert the rows whose diagnosis is open (a known id is left alone), and
 * bump the dataVersion of each diagnosis touched. Resolves true for each row stored by this batch;
 * false means a retry of a stored id, or a diagnosis closed / zone removed since the handler looked.
 * With `writeEach` (Node, a libSQL file) the commit runs on the write worker's connection.
 */
export function signalWriter(db: AppDb, maxItems: number, writeEach?: WriteEach): WriteQueue<SignalRow, boolean> {
  return createWriteQueue<SignalRow, boolean>(
    async (rows) => {
      const touched = [...new Set(rows.map((r) => r.diagnosisId))];
      if (writeEach) {
        // Plain SQL, built once per number of diagnoses touched (almost always one): the query
        // builder cost about 10 µs of the main thread per signal when batches are small.
        const bump = { sql: bumpSql(touched.length), args: touched };
        const changes = await writeEach([bump], INSERT_EACH, rows.map((r) => eachArgs(transportRow(r))));
        // Two copies of one id in a batch: the first is stored (1), the second changes nothing (0).
        return changes.map((n) => n === 1);
      }
      const bump = db
        .update(diagnoses)
        .set({ dataVersion: sql`${diagnoses.dataVersion} + 1` })
        .where(inArray(diagnoses.id, touched));
      const [, inserted] = await db.batch([
        bump,
        db
          .insert(signals)
          .select(sql`${sql.raw(SELECT_HEAD)}${JSON.stringify(rows.map(transportRow))}${sql.raw(SELECT_TAIL)}`)
          .onConflictDoNothing({ target: signals.id })
          .returning({ id: signals.id }),
      ]);
      const stored = new Set((inserted as { id: string }[]).map((r) => r.id));
      // Two copies of one id in a batch: the first is the stored one, the second a retry.
      return rows.map((r) => stored.delete(r.id));
    },
    { maxItems },
  );
}

const bumpSqlByCount: string[] = [];
/** `update diagnoses set data_version = data_version + 1 where id in (?, …)` for n ids. */
function bumpSql(n: number): string {
  return (bumpSqlByCount[n] ??= `update diagnoses set data_version = data_version + 1 where id in (${Array.from({ length: n }, () => '?').join(', ')})`);
}

/** A retry (same id): the first answer if the content matches, else 409. */
export async function replayOutcome(db: AppDb, id: string, diagnosisId: string, hash: string): Promise<SignalAck> {
  const [existing] = await db
    .select({ diagnosisId: signals.diagnosisId, contentHash: signals.contentHash, zoneId: signals.zoneId })
    .from(signals)
    .where(eq(signals.id, id))
    .limit(1);
  if (!existing) throw new Problem(503, 'The signal could not be stored; send it again with the same id.', { headers: { 'retry-after': '1' } });
  if (existing.diagnosisId !== diagnosisId || existing.contentHash !== hash) {
    throw new Problem(409, 'A signal with this id already exists with other content. Make a new id for a new report.', {
      type: 'https://osservatorio.dev/problems/signal-id-conflict',
      errors: [{ field: 'id', message: 'Already used for another report.' }],
    });
  }
  return { id, zoneId: existing.zoneId };
}

/** Like replayOutcome, but null when the id is unknown (used before refusing a new write). */
export async function storedReplay(db: AppDb, id: string, diagnosisId: string, hash: string): Promise<SignalAck | null> {
  const [existing] = await db.select({ id: signals.id }).from(signals).where(eq(signals.id, id)).limit(1);
  return existing ? replayOutcome(db, id, diagnosisId, hash) : null;
}
