// POST /api/diagnoses/{slug}/imports/territory: areas, municipalities and zones as one GeoJSON
// FeatureCollection (admin: it reshapes the diagnosis). Every feature is checked and reported on
// its own; a file with errors imports nothing unless skipBad=true. Re-importing updates rows
// matched by id, ISTAT code or name and deletes nothing. When zones are created or reshaped, the
// stored signals with a point are placed again against them (rezone.ts says why in this request).
// One batch writes it all, bumps the data version and logs it; then the territory index that
// places residents' signals is rebuilt.
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { type AuthEnv, requireUser } from '../../auth/session';
import { type AppDb, insertStatements, runAtomicallyOn } from '../../db/client';
import { areas, auditLog, diagnoses, municipalities, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert } from '../../lib/audit';
import { issuesToFields, limitBody, requireJson, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import { forgetTerritoryIndex } from '../signals/territory-index';
import { planRezone, type RezonePlan, rezoneStatements, type RezoneZone, zonesAfterImport } from './rezone';
import { type ExistingTerritory, planTerritoryImport } from './territory.plan';
import { MAX_FEATURES, MAX_TERRITORY_BYTES } from './limits';
import {
  territoryEnvelopeSchema,
  territoryImportQuery,
  territoryImportResultSchema,
  territoryImportSchema,
  type TerritoryImportResult,
} from './territory.schemas';

export const territoryImportDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/imports/territory',
    summary: 'Import areas, municipalities and zones from GeoJSON (admin)',
    description: [
      `Body: a GeoJSON FeatureCollection (application/geo+json or application/json, at most ${MAX_TERRITORY_BYTES / 1024 / 1024} MiB and ${MAX_FEATURES} features), WGS 84 longitude/latitude.`,
      'Each feature says what it is in properties.kind: "area" (geometry null), "municipality" (istatCode, population, area; boundary or null) or "zone" (municipality, zoneKind, population; Polygon or MultiPolygon).',
      'References name the level above by name or id (a municipality also by ISTAT code), in the file or already in the diagnosis.',
      'A row is updated when properties.id, the ISTAT code (municipalities) or the name matches one; nothing is deleted; a property left out keeps its stored value.',
      'Errors come one per bad field with the feature index and name; with any error nothing is imported unless skipBad=true.',
      'When zones are created or reshaped, the signals already stored with a point (lat/lon) move to the smallest zone that now contains it, or to none, in the same commit (signalsRezoned); signals placed by picking a zone, and police/media figures imported per zone, keep theirs.',
    ].join(' '),
    tags: ['set-up'],
    security: 'session',
    params: slugParam,
    query: territoryImportQuery,
    body: territoryImportSchema,
    responses: {
      201: { description: 'Imported', schema: territoryImportResultSchema },
      400: { description: 'Not JSON' },
      409: { description: 'The territory changed during the import; nothing was imported' },
      413: { description: 'Larger than the limit' },
      415: { description: 'Not JSON' },
      422: { description: 'Features with errors (index, name, field, message); nothing imported' },
    },
  },
];

type StoredTerritory = ExistingTerritory & { zones: (ExistingTerritory['zones'][number] & RezoneZone)[] };

async function existingTerritory(db: AppDb, diagnosisId: string): Promise<StoredTerritory> {
  const [areaRows, municipalityRows, zoneRows] = await Promise.all([
    db.select({ id: areas.id, name: areas.name }).from(areas).where(eq(areas.diagnosisId, diagnosisId)),
    db
      .select({ id: municipalities.id, name: municipalities.name, istatCode: municipalities.istatCode, population: municipalities.population, areaId: municipalities.areaId, geometry: municipalities.geometry })
      .from(municipalities)
      .where(eq(municipalities.diagnosisId, diagnosisId)),
    db
      .select({ id: zones.id, name: zones.name, municipalityId: zones.municipalityId, kind: zones.kind, geometry: zones.geometry, population: zones.population, areaKm2: zones.areaKm2 })
      .from(zones)
      .where(eq(zones.diagnosisId, diagnosisId)),
  ]);
  return { areas: areaRows, municipalities: municipalityRows, zones: zoneRows };
}

/** Another import committed between our read and our write (the ISTAT code is unique per diagnosis). */
const isUniqueViolation = (e: unknown) => /UNIQUE constraint failed/i.test(String((e as { message?: string })?.message ?? '') + String((e as { cause?: { message?: string } })?.cause?.message ?? ''));

/**
 * Reports stored while the import read and wrote were placed with the old zones: once the batch
 * has committed (and the index is dropped, so new reports see the new zones) the rows after the
 * ones it covered are placed again. Usually nothing moves and nothing is written; when something
 * does, the data version moves a second time (analyses may have read those rows already) and the
 * audit entry's count is corrected. The import has committed: a failure here is logged, not
 * reported as a failed import.
 */
async function catchUp(db: AppDb, deps: AppDeps, diagnosisId: string, zonesAfter: RezoneZone[], after: number, auditId: string, moved: number): Promise<{ checked: number; moved: number }> {
  try {
    const late = await planRezone(db, deps.readColumns, diagnosisId, zonesAfter, { after });
    if (late.moved > 0) {
      await runAtomicallyOn(db, deps.writeBatch, [
        ...rezoneStatements(db, diagnosisId, late),
        db.update(diagnoses).set({ dataVersion: sql`${diagnoses.dataVersion} + 1`, updatedAt: deps.clock() }).where(eq(diagnoses.id, diagnosisId)),
        db.update(auditLog).set({ details: sql`json_set(${auditLog.details}, '$.signalsRezoned', ${moved + late.moved})` }).where(eq(auditLog.id, auditId)),
      ]);
    }
    return late;
  } catch (e) {
    console.error(`territory import: placing the reports stored during the import failed (${e instanceof Error ? e.message : String(e)})`);
    return { checked: 0, moved: 0 };
  }
}

export function territoryImportRoutes(deps: AppDeps) {
  return new Hono<AuthEnv>().post(
    '/diagnoses/:slug/imports/territory',
    requireUser(deps, 'admin'),
    validate('param', slugParam),
    validate('query', territoryImportQuery),
    requireJson,
    limitBody(MAX_TERRITORY_BYTES),
    async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      const text = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Problem(400, 'The body is not valid JSON: send a GeoJSON file (not a shapefile, KML or GeoPackage).');
      }
      const envelope = territoryEnvelopeSchema.safeParse(body);
      if (!envelope.success) {
        throw new Problem(422, `The body is not a FeatureCollection this import can read (${envelope.error.issues.length} problem(s)); nothing was imported.`, { errors: issuesToFields(envelope.error) });
      }

      const existing = await existingTerritory(deps.db, d.id);
      const plan = planTerritoryImport(envelope.data.features, existing);
      const skipBad = c.req.valid('query').skipBad === 'true';
      if (plan.errors.length > 0 && !skipBad) {
        throw new Problem(422, `${plan.skipped} feature(s) have errors; nothing was imported. Fix them, or send skipBad=true to import the others.`, { errors: plan.errors });
      }
      const steps = [...plan.areas, ...plan.municipalities, ...plan.zones];
      if (steps.length === 0) throw new Problem(422, 'No feature of the file can be imported; nothing was imported.', { errors: plan.errors });

      const db = deps.db;
      const now = deps.clock();
      const mine = <T extends typeof areas | typeof municipalities | typeof zones>(table: T, id: string) => and(eq(table.id, id), eq(table.diagnosisId, d.id));
      const created = <T extends { action: string }>(list: T[]) => list.filter((s) => s.action === 'created');
      const updated = <T extends { action: string }>(list: T[]) => list.filter((s) => s.action === 'updated');
      // Parents before children: municipalities point at areas, zones at municipalities.
      const statements = [
        ...insertStatements(db, areas, created(plan.areas).map((s) => ({ id: s.id, diagnosisId: d.id, ...s.values, createdAt: now }))),
        ...updated(plan.areas).map((s) => db.update(areas).set(s.values).where(mine(areas, s.id))),
        ...insertStatements(db, municipalities, created(plan.municipalities).map((s) => ({ id: s.id, diagnosisId: d.id, ...s.values, createdAt: now }))),
        ...updated(plan.municipalities).map((s) => db.update(municipalities).set(s.values).where(mine(municipalities, s.id))),
        ...insertStatements(db, zones, created(plan.zones).map((s) => ({ id: s.id, diagnosisId: d.id, ...s.values, createdAt: now }))),
        ...updated(plan.zones).map((s) => db.update(zones).set(s.values).where(mine(zones, s.id))),
      ];
      const count = (action: string) => ({
        areas: plan.areas.filter((s) => s.action === action).length,
        municipalities: plan.municipalities.filter((s) => s.action === action).length,
        zones: plan.zones.filter((s) => s.action === action).length,
      });
      // A zone's shape is all that places a point (a municipality's boundary never decides a stored
      // zone: analysis derives areas when it reads), so only new or reshaped zones re-zone signals.
      const storedShape = new Map(existing.zones.map((z) => [z.id, JSON.stringify(z.geometry)]));
      const reshaped = plan.zones.some((s) => s.action === 'created' || (s.action === 'updated' && storedShape.get(s.id) !== JSON.stringify(s.values.geometry)));
      const zonesAfter = reshaped ? zonesAfterImport(existing.zones, plan.zones) : [];
      const rezone: RezonePlan | null = reshaped ? await planRezone(db, deps.readColumns, d.id, zonesAfter) : null;
      const auditId = crypto.randomUUID();
      const result: TerritoryImportResult = {
        created: count('created'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        skipped: plan.skipped,
        errors: plan.errors,
        items: steps.map((s) => ({ index: s.index, kind: s.kind, name: s.name, id: s.id, action: s.action })),
        signalsChecked: rezone?.checked ?? 0,
        signalsRezoned: rezone?.moved ?? 0,
      };
      try {
        await runAtomicallyOn(db, deps.writeBatch, [
          ...statements,
          // After the zone rows: a signal may move to a zone this batch creates.
          ...(rezone ? rezoneStatements(db, d.id, rezone) : []),
          db.update(diagnoses).set({ dataVersion: sql`${diagnoses.dataVersion} + 1`, updatedAt: now }).where(eq(diagnoses.id, d.id)),
          auditInsert(db, { id: auditId, diagnosisId: d.id, userId: c.get('user').id, action: 'import.territory', target: d.slug, details: { created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped, signalsRezoned: result.signalsRezoned } }, now),
        ]);
      } catch (e) {
        if (isUniqueViolation(e)) throw new Problem(409, 'The territory of this diagnosis changed while the file was being imported; nothing was imported. Send the file again.');
        throw e;
      } finally {
        // New or reshaped zones: residents' next signals are placed against them, not a cached index.
        forgetTerritoryIndex(db, d.id);
      }
      if (rezone) {
        const late = await catchUp(db, deps, d.id, zonesAfter, rezone.through, auditId, result.signalsRezoned);
        result.signalsChecked += late.checked;
        result.signalsRezoned += late.moved;
      }
      return c.json(result, 201);
    },
  );
}
