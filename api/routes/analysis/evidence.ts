// Loads a diagnosis's evidence (signals as typed columns, zones, submitted questionnaires) for
// `analysis/`; the analysis routes keep it until the diagnosis's dataVersion moves.
import { and, eq } from 'drizzle-orm';
import { bboxOf, type PolygonGeometry } from '../../../analysis/geometry';
import type { SignalTable } from '../../../analysis/signal-table';
import type { AppDb } from '../../db/client';
import { areas, institutions, municipalities, objectives, indicators, responses, zones } from '../../db/schema';
import type { ReadColumns } from '../../db/write-worker';
import type { Diagnosis } from '../diagnoses/territory';
import { latestSubmissions } from '../responses/submitted';
import { scanSignals } from './signal-scan';

export type Evidence = {
  version: number;
  /** Every signal of the diagnosis except hidden ones, as typed columns. */
  signals: SignalTable;
  /**
   * The territory the hotspot grid is laid over: the municipal boundaries, else the zones' polygons.
   * One array per evidence, so analyses keyed on it (the grid's cells) are computed once per version.
   */
  territory: PolygonGeometry[];
  zones: (typeof zones.$inferSelect & { areaId: string | null })[];
  areas: (typeof areas.$inferSelect)[];
  responses: { institutionId: string; kind: string; areaId: string | null; answers: Record<string, unknown>; submittedAt: Date | null }[];
  institutions: { id: string; kind: string; areaId: string | null; status: 'none' | 'draft' | 'submitted' }[];
  objectives: { id: string; code: string; title: string; indicators: (typeof indicators.$inferSelect)[] }[];
};

export async function loadEvidence(db: AppDb, d: Diagnosis, readColumns?: ReadColumns, opts: { pageRows?: number } = {}): Promise<Evidence> {
  const [zoneRows, municipalityRows, areaRows, institutionRows, responseRows, submissionRows, objectiveRows, indicatorRows] = await Promise.all([
    db.select().from(zones).where(eq(zones.diagnosisId, d.id)),
    db.select().from(municipalities).where(eq(municipalities.diagnosisId, d.id)),
    db.select().from(areas).where(eq(areas.diagnosisId, d.id)).orderBy(areas.name),
    db.select().from(institutions).where(eq(institutions.diagnosisId, d.id)),
    db.select({ institutionId: responses.institutionId, status: responses.status }).from(responses).where(eq(responses.diagnosisId, d.id)),
    // An amendment in draft keeps its last submitted answers in the evidence.
    latestSubmissions(db, d.id),
    db.select().from(objectives).where(eq(objectives.diagnosisId, d.id)).orderBy(objectives.code),
    db.select({ i: indicators }).from(indicators).innerJoin(objectives, and(eq(objectives.id, indicators.objectiveId), eq(objectives.diagnosisId, d.id))),
  ]);
  const municipalityArea = new Map(municipalityRows.map((m) => [m.id, m.areaId]));
  const zoneList = zoneRows.map((z) => ({ ...z, areaId: z.municipalityId ? (municipalityArea.get(z.municipalityId) ?? null) : null }));
  const signals = await scanSignals(
    db,
    readColumns,
    d.id,
    zoneList,
    municipalityRows.map((m) => ({ areaId: m.areaId, geometry: m.geometry, bbox: m.geometry ? bboxOf(m.geometry) : null })),
    areaRows.map((a) => a.id),
    opts,
  );

  const statusByInstitution = new Map(responseRows.map((r) => [r.institutionId, r.status]));
  const submissionByInstitution = new Map(submissionRows.map((r) => [r.institutionId, r]));
  const boundaries = municipalityRows.flatMap((m) => (m.geometry ? [m.geometry] : []));
  return {
    version: d.dataVersion,
    signals,
    territory: boundaries.length ? boundaries : zoneList.map((z) => z.geometry),
    zones: zoneList,
    areas: areaRows,
    responses: institutionRows.flatMap((i) => {
      const r = submissionByInstitution.get(i.id);
      return r ? [{ institutionId: i.id, kind: i.kind, areaId: i.areaId, answers: r.answers, submittedAt: r.submittedAt }] : [];
    }),
    institutions: institutionRows.map((i) => ({ id: i.id, kind: i.kind, areaId: i.areaId, status: submissionByInstitution.has(i.id) ? 'submitted' : (statusByInstitution.get(i.id) ?? 'none') })),
    objectives: objectiveRows.map((o) => ({ id: o.id, code: o.code, title: o.title, indicators: indicatorRows.map((r) => r.i).filter((i) => i.objectiveId === o.id) })),
  };
}
