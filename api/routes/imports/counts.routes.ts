// POST /api/diagnoses/{slug}/imports/counts: police interventions and media attention as CSV
// (zone or lat,lon; month; count; source). Every bad row is reported with its line; a file with
// errors imports nothing unless skipBadRows=true. Each (source, place, month) is one signal whose
// id is derived from those fields, so importing a corrected file replaces figures, never doubles them.
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { parseCountsCsv } from '../../../analysis/import-counts';
import { type AuthEnv, requireUser } from '../../auth/session';
import { sha256Hex } from '../../auth/tokens';
import { runAtomically, MAX_PARAMS } from '../../db/client';
import { diagnoses, signals, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert } from '../../lib/audit';
import { containsPoint } from '../../../analysis/geometry';
import { limitBody, requireCsv, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

const importQuery = z.strictObject({
  skipBadRows: z.enum(['true', 'false']).optional().describe('Import the good rows of a file with errors'),
});
export const importResultSchema = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
});

export const importDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/imports/counts',
    summary: 'Import police and media figures from CSV (admin, analyst)',
    description: 'Body: text/csv with a header: zone (id or name) or lat,lon; month (YYYY-MM); count; source (police|media). Comma or semicolon separated. One figure per place (zone, or point: points in one zone stay apart), month and source: the same one twice in a file adds up, the same file again replaces.',
    tags: ['set-up'],
    security: 'session',
    params: slugParam,
    query: importQuery,
    responses: { 201: { description: 'Imported', schema: importResultSchema }, 422: { description: 'Rows with errors; nothing imported' } },
  },
];

export function importRoutes(deps: AppDeps) {
  return new Hono<AuthEnv>().post(
    '/diagnoses/:slug/imports/counts',
    requireUser(deps, 'admin', 'analyst'),
    validate('param', slugParam),
    validate('query', importQuery),
    requireCsv,
    limitBody(MAX_CSV_BYTES),
    async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      const skipBadRows = c.req.valid('query').skipBadRows === 'true';
      const zoneRows = await deps.db.select().from(zones).where(eq(zones.diagnosisId, d.id));
      const byId = new Map(zoneRows.map((z) => [z.id, z.id]));
      const byName = new Map(zoneRows.map((z) => [z.name.trim().toLowerCase(), z.id]));
      const parsed = parseCountsCsv(await c.req.text(), {
        skipBadRows,
        zoneOf: (ref) => byId.get(ref) ?? byName.get(ref.trim().toLowerCase()) ?? null,
        zoneAt: (lat, lon) => zoneRows.find((z) => lon >= z.minLon && lon <= z.maxLon && lat >= z.minLat && lat <= z.maxLat && containsPoint(z.geometry, lon, lat))?.id ?? null,
      });
      if (parsed.errors.length > 0 && !skipBadRows) {
        throw new Problem(422, `${parsed.errors.length} row(s) have errors; nothing was imported. Fix them, or send skipBadRows=true to import the good rows.`, {
          errors: parsed.errors.map((e) => ({ field: `line ${e.line}${e.field ? `: ${e.field}` : ''}`, message: e.message })),
        });
      }
      if (parsed.rows.length === 0) throw new Problem(422, 'The file has no rows to import.');
      const now = deps.clock();
      // One stored figure per place, month and source: a point row is its point (several points in
      // one zone stay apart, and apart from that zone's own figure), a zone row its zone. The same
      // key twice in one file adds up; the same file again replaces (the id is the key's hash).
      const byKey = new Map<string, (typeof parsed.rows)[number]>();
      for (const r of parsed.rows) {
        const key = `${r.source}|${r.lat !== null ? `${r.lat},${r.lon}` : r.zoneId}|${r.month}`;
        const seen = byKey.get(key);
        byKey.set(key, seen ? { ...seen, count: seen.count + r.count } : r);
      }
      const values = await Promise.all(
        [...byKey].map(async ([key, r]) => ({
          id: await sha256Hex(`${d.id}|${key}`),
          diagnosisId: d.id,
          source: r.source,
          lat: r.lat,
          lon: r.lon,
          zoneId: r.zoneId,
          categories: [],
          timeBands: [],
          count: r.count,
          occurredAt: new Date(`${r.month}-01T00:00:00Z`),
          createdAt: now,
        })),
      );
      // drizzle binds every column per row, plus one for the conflict update: stay within D1's limit.
      const perStatement = Math.max(1, Math.floor((MAX_PARAMS - 1) / Object.keys(getTableColumns(signals)).length));
      const statements = [];
      for (let i = 0; i < values.length; i += perStatement) {
        statements.push(
          deps.db
            .insert(signals)
            .values(values.slice(i, i + perStatement))
            .onConflictDoUpdate({ target: signals.id, set: { count: sql`excluded.count`, createdAt: now } }),
        );
      }
      await runAtomically(deps.db, [
        ...statements,
        deps.db.update(diagnoses).set({ dataVersion: sql`${diagnoses.dataVersion} + 1`, updatedAt: now }).where(eq(diagnoses.id, d.id)),
        auditInsert(deps.db, { diagnosisId: d.id, userId: c.get('user').id, action: 'import.counts', details: { rows: parsed.rows.length, skipped: parsed.errors.length } }, now),
      ]);
      return c.json({ imported: parsed.rows.length, skipped: parsed.errors.length, errors: parsed.errors }, 201);
    },
  );
}
