// Turns a validated resident report into a stored signal: resolves the place, normalises the
// content (so a retry hashes the same), and writes through the group-commit queue. A retry with
// the same id and content gets the first answer back; other content under that id is a conflict.
import { eq, inArray, sql } from 'drizzle-orm';
import { categoryIds, dayKindIds, helpIds, timeBandIds } from '../../../surveys/taxonomy';
import type { AppDb } from '../../db/client';
import { diagnoses, signals } from '../../db/schema';
import { Problem } from '../../lib/problem';
import type { SignalAck, SignalInput } from './signals.schemas';
import { type TerritoryIndex, territoryFingerprintSql, territoryIndexFor } from './territory-index';
import { createWriteQueue, type WriteQueue } from './write-queue';

export type SignalDiagnosis = { id: string; slug: string; status: 'draft' | 'open' | 'closed'; kThreshold: number; fingerprint: string };

/** The diagnosis by slug with its territory fingerprint, in one indexed read. */
export async function diagnosisForSignals(db: AppDb, slug: string): Promise<SignalDiagnosis> {
  const [row] = await db.all<{ id: string; slug: string; status: SignalDiagnosis['status']; k: number; fp: string }>(
    sql`select d.id as id, d.slug as slug, d.status as status, d.k_threshold as k, ${sql.raw(territoryFingerprintSql)} as fp from diagnoses d where d.slug = ${slug} limit 1`,
  );
  if (!row) throw new Problem(404, `No diagnosis with slug "${slug}".`);
  return { id: row.id, slug: row.slug, status: row.status, kThreshold: Number(row.k), fingerprint: String(row.fp) };
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

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stable text of anything a retry must repeat exactly (sets in taxonomy order, keys sorted). */
export function contentHash(input: SignalInput, place: { lat: number | null; lon: number | null; zoneId: string | null }, diagnosisId: string): Promise<string> {
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

/** One batch: insert every row (a known id is left alone), then bump each touched diagnosis's dataVersion. */
export function signalWriter(db: AppDb, maxItems: number): WriteQueue<SignalRow, boolean> {
  return createWriteQueue<SignalRow, boolean>(
    async (rows) => {
      const inserts = rows.map((r) => db.insert(signals).values(r).onConflictDoNothing().returning({ id: signals.id }));
      const touched = [...new Set(rows.map((r) => r.diagnosisId))];
      const bump = db
        .update(diagnoses)
        .set({ dataVersion: sql`${diagnoses.dataVersion} + 1` })
        .where(inArray(diagnoses.id, touched));
      const results = (await db.batch([bump, ...inserts])) as unknown[];
      return rows.map((_, i) => (results[i + 1] as unknown[]).length === 1);
    },
    { maxItems },
  );
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
