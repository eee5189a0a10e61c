// Downloads for analysts: the signals as CSV (coordinates rounded on request) and the
// questionnaire answers as CSV (one row per institution, one column per question).
import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import Papa from 'papaparse';
import { z } from 'zod';
import { languages } from '../../../surveys/i18n';
import { institutionSurvey, withZones } from '../../../surveys/institution';
import { type AuthEnv, requireUser } from '../../auth/session';
import { institutions, signals, zones } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { validate } from '../../lib/json-body';
import type { RouteDoc } from '../../lib/openapi';
import { slugParam } from '../diagnoses/public.routes';
import { diagnosisBySlug } from '../diagnoses/territory';
import { latestSubmissions } from '../responses/submitted';
import { answerColumns } from './answer-columns';

export const signalsExportQuery = z.strictObject({
  round: z.coerce.number().int().min(2).max(6).default(3).describe('Decimals kept in lat/lon: 3 ≈ 100 m, 2 ≈ 1 km'),
  separator: z.enum(['comma', 'semicolon']).default('comma').describe('semicolon for spreadsheets set to Italian'),
});
export const answersExportQuery = z.strictObject({
  lang: z.enum(languages).default('it'),
  separator: z.enum(['comma', 'semicolon']).default('comma'),
});

export const exportDocs: RouteDoc[] = [
  { method: 'get', path: '/api/diagnoses/{slug}/exports/signals.csv', summary: 'Signals as CSV (admin, analyst)', description: 'No free text unless approved; coordinates rounded to `round` decimals; `excluded` names the reason (abuse, spam) of a report a moderator excluded from every analysis.', tags: ['exports'], security: 'session', params: slugParam, query: signalsExportQuery, responses: { 200: { description: 'CSV', contentType: 'text/csv' } } },
  { method: 'get', path: '/api/diagnoses/{slug}/exports/answers.csv', summary: 'Questionnaire answers as CSV, one row per institution (admin, analyst)', tags: ['exports'], security: 'session', params: slugParam, query: answersExportQuery, responses: { 200: { description: 'CSV', contentType: 'text/csv' } } },
];

function csv(rows: unknown[][], fields: string[], separator: 'comma' | 'semicolon', filename: string) {
  // A BOM so spreadsheet programs read the UTF-8 accents right.
  const body = '\ufeff' + Papa.unparse({ fields, data: rows }, {
    delimiter: separator === 'semicolon' ? ';' : ',',
    newline: '\r\n',
    // Free text from residents and institutions must never run as a spreadsheet formula.
    escapeFormulae: true,
  });
  return new Response(body, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
  });
}

const joined = (v: string[] | null | undefined) => (v ?? []).join('|');

export function exportRoutes(deps: AppDeps) {
  const reader = requireUser(deps, 'admin', 'analyst');
  return new Hono<AuthEnv>()
    .get('/diagnoses/:slug/exports/signals.csv', reader, validate('param', slugParam), validate('query', signalsExportQuery), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      const { round, separator } = c.req.valid('query');
      const f = 10 ** round;
      const r = (x: number | null) => (x === null ? '' : Math.round(x * f) / f);
      const zoneRows = await deps.db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.diagnosisId, d.id));
      const zoneName = new Map(zoneRows.map((z) => [z.id, z.name]));
      const rows = await deps.db.select().from(signals).where(eq(signals.diagnosisId, d.id)).orderBy(asc(signals.occurredAt));
      const fields = ['source', 'occurred_at', 'lat', 'lon', 'zone', 'categories', 'time_bands', 'days', 'intensity', 'count', 'helps', 'text', 'age_band', 'gender', 'relation', 'safe_after_dark', 'avoids_evening', 'trust_local_police', 'trust_municipality', 'excluded'];
      const data = rows.map((s) => {
        const p = (s.perception ?? {}) as Record<string, unknown>;
        return [
          s.source,
          s.occurredAt.toISOString().slice(0, 16).replace('T', ' '),
          r(s.lat),
          r(s.lon),
          s.zoneId ? (zoneName.get(s.zoneId) ?? '') : '',
          joined(s.categories),
          joined(s.timeBands),
          joined(s.days),
          s.intensity ?? '',
          s.count,
          joined(s.helps),
          // Free text leaves the platform only once a moderator approved it.
          s.moderation === 'approved' ? (s.text ?? '') : '',
          s.profile?.age ?? '',
          s.profile?.gender ?? '',
          s.profile?.relation ?? '',
          p.safeAfterDark ?? '',
          p.avoidsEvening ?? '',
          p.trustLocalPolice ?? '',
          p.trustMunicipality ?? '',
          // Staff exports keep every report; one a moderator excluded (abuse, spam) says so, since
          // no analysis counts it.
          s.exclusion ?? '',
        ];
      });
      return csv(data, fields, separator, `${d.slug}-segnalazioni.csv`);
    })
    .get('/diagnoses/:slug/exports/answers.csv', reader, validate('param', slugParam), validate('query', answersExportQuery), async (c) => {
      const d = await diagnosisBySlug(deps.db, c.req.valid('param').slug);
      const { lang, separator } = c.req.valid('query');
      const zoneRows = await deps.db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.diagnosisId, d.id));
      const columns = answerColumns(withZones(institutionSurvey, zoneRows), lang);
      // The latest submitted revision of each institution: a draft amendment is not yet an answer.
      const [submissions, institutionRows] = await Promise.all([
        latestSubmissions(deps.db, d.id),
        deps.db.select({ id: institutions.id, name: institutions.name, kind: institutions.kind }).from(institutions).where(eq(institutions.diagnosisId, d.id)),
      ]);
      const institutionById = new Map(institutionRows.map((i) => [i.id, i]));
      const rows = submissions.map((s) => ({ ...s, institution: institutionById.get(s.institutionId)! })).sort((a, b) => a.institution.name.localeCompare(b.institution.name));
      const head = lang === 'it' ? ['Ente', 'Tipo', 'Versione', 'Inviato il'] : ['Institution', 'Kind', 'Version', 'Submitted at'];
      const data = rows.map((row) => [row.institution.name, row.institution.kind, row.version, row.submittedAt.toISOString(), ...columns.map((col) => col.value(row.answers))]);
      return csv(data, [...head, ...columns.map((col) => col.header)], separator, `${d.slug}-questionari.csv`);
    });
}
