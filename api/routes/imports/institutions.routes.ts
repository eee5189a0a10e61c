// POST /api/diagnoses/{slug}/imports/institutions: the institutions taking part, as CSV (admin:
// it sets up who is asked). Errors come by line; a file with errors imports nothing unless
// skipBadRows=true. Re-importing updates the institution with the same name, never duplicates it.
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireUser } from '../../auth/session';
import { insertStatements, runAtomically } from '../../db/client';
import { areas, diagnoses, institutions, municipalities } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { auditInsert } from '../../lib/audit';
import { limitBody, requireCsv, validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { Problem } from '../../lib/problem';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import { institutionColumns } from './institutions.columns';
import { planInstitutionImport } from './institutions.plan';
import { MAX_INSTITUTION_ROWS, MAX_INSTITUTIONS_CSV_BYTES } from './limits';

export const institutionImportQuery = z.strictObject({
  skipBadRows: z.enum(['true', 'false']).optional().describe('Import the good lines of a file with errors'),
});
const lineError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export const institutionImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int().describe('Lines left out because they have errors; only with skipBadRows=true'),
  errors: z.array(lineError),
  items: z.array(z.object({ line: z.number().int(), name: z.string(), id: z.string(), action: z.enum(['created', 'updated', 'unchanged']) })),
});
export type InstitutionImportResult = z.infer<typeof institutionImportResultSchema>;

export const institutionImportDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/diagnoses/{slug}/imports/institutions',
    summary: 'Import the institutions from CSV (admin)',
    description: [
      `Body: text/csv (UTF-8, at most ${MAX_INSTITUTIONS_CSV_BYTES / 1024} KiB and ${MAX_INSTITUTION_ROWS} lines) with a header naming the columns, in Italian or English:`,
      institutionColumns.map((c) => `${c.headers.join(' | ')}${c.required ? ' (required)' : ''}`).join('; ') + '.',
      'Separated by ";" or ",". kind: an institution kind id or its name; area: name or id; municipality: name, ISTAT code or id.',
      'An institution with the same name is updated, not duplicated; a column left out keeps what is stored, an empty cell clears it.',
      'Errors come by line (the header is line 1); with any error nothing is imported unless skipBadRows=true.',
    ].join(' '),
    tags: ['set-up'],
    security: 'session',
    params: slugParam,
    query: institutionImportQuery,
    responses: {
      201: { description: 'Imported', schema: institutionImportResultSchema },
      413: { description: 'Larger than the limit' },
      415: { description: 'Not CSV' },
      422: { description: 'Lines with errors; nothing imported' },
    },
  },
];

export function institutionImportRoutes(deps: AppDeps) {
  return new Hono<AuthEnv>().post(
    '/diagnoses/:slug/imports/institutions',
    requireUser(deps, 'admin'),
    validate('param', slugParam),
    validate('query', institutionImportQuery),
    requireCsv,
    limitBody(MAX_INSTITUTIONS_CSV_BYTES),
    async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      const db = deps.db;
      const [institutionRows, areaRows, municipalityRows] = await Promise.all([
        db
          .select({ id: institutions.id, name: institutions.name, kind: institutions.kind, areaId: institutions.areaId, municipalityId: institutions.municipalityId, email: institutions.email })
          .from(institutions)
          .where(eq(institutions.diagnosisId, d.id)),
        db.select({ id: areas.id, name: areas.name }).from(areas).where(eq(areas.diagnosisId, d.id)),
        db.select({ id: municipalities.id, name: municipalities.name, istatCode: municipalities.istatCode, areaId: municipalities.areaId }).from(municipalities).where(eq(municipalities.diagnosisId, d.id)),
      ]);
      const plan = planInstitutionImport(await c.req.text(), { institutions: institutionRows, areas: areaRows, municipalities: municipalityRows });
      const skipBadRows = c.req.valid('query').skipBadRows === 'true';
      const problemRows = plan.errors.map((e) => ({ field: `line ${e.line}${e.field ? `: ${e.field}` : ''}`, message: e.message, line: e.line }));
      if (plan.errors.length > 0 && (!skipBadRows || plan.errors.some((e) => e.line === 1))) {
        throw new Problem(422, `${plan.skipped} line(s) have errors; nothing was imported.${plan.errors.some((e) => e.line === 1) ? ' Fix the header first.' : ' Fix them, or send skipBadRows=true to import the good lines.'}`, { errors: problemRows });
      }
      if (plan.steps.length === 0) throw new Problem(422, 'No line of the file can be imported; nothing was imported.', { errors: problemRows });

      const now = deps.clock();
      const created = plan.steps.filter((s) => s.action === 'created');
      const updated = plan.steps.filter((s) => s.action === 'updated');
      const result: InstitutionImportResult = {
        created: created.length,
        updated: updated.length,
        unchanged: plan.steps.length - created.length - updated.length,
        skipped: plan.skipped,
        errors: plan.errors,
        items: plan.steps.map((s) => ({ line: s.line, name: s.name, id: s.id, action: s.action })),
      };
      await runAtomically(db, [
        ...insertStatements(db, institutions, created.map((s) => ({ id: s.id, diagnosisId: d.id, ...s.values, createdAt: now }))),
        ...updated.map((s) => db.update(institutions).set(s.values).where(and(eq(institutions.id, s.id), eq(institutions.diagnosisId, d.id)))),
        db.update(diagnoses).set({ dataVersion: sql`${diagnoses.dataVersion} + 1`, updatedAt: now }).where(eq(diagnoses.id, d.id)),
        auditInsert(db, { diagnosisId: d.id, userId: c.get('user').id, action: 'import.institutions', target: d.slug, details: { created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped } }, now),
      ]);
      return c.json(result, 201);
    },
  );
}
