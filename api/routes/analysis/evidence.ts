// Loads a diagnosis's evidence (signals, zones, submitted questionnaires) into the plain arrays
// `analysis/` takes, and keeps it until the diagnosis's dataVersion moves.
import { and, eq, sql } from 'drizzle-orm';
import type { SignalPoint } from '../../../analysis/types';
import { perceivedUnsafe } from '../../../surveys/perception';
import type { AppDb } from '../../db/client';
import { areas, institutions, municipalities, objectives, indicators, responses, zones } from '../../db/schema';
import { containsPoint } from '../../../analysis/geometry';
import type { Diagnosis } from '../diagnoses/territory';
import { latestSubmissions } from '../responses/submitted';

export type EvidenceSignal = SignalPoint & { areaId: string | null; unsafe: boolean | null };

export type Evidence = {
  version: number;
  signals: EvidenceSignal[];
  zones: (typeof zones.$inferSelect & { areaId: string | null })[];
  areas: (typeof areas.$inferSelect)[];
  responses: { institutionId: string; kind: string; areaId: string | null; answers: Record<string, unknown>; submittedAt: Date | null }[];
  institutions: { id: string; kind: string; areaId: string | null; status: 'none' | 'draft' | 'submitted' }[];
  objectives: { id: string; code: string; title: string; indicators: (typeof indicators.$inferSelect)[] }[];
};

type SignalRow = {
  lat: number | null;
  lon: number | null;
  count: number;
  source: SignalPoint['source'];
  categories: string;
  time_bands: string;
  days: string | null;
  occurred_at: number;
  zone_id: string | null;
  intensity: number | null;
  safe_after_dark: string | null;
};

export async function loadEvidence(db: AppDb, d: Diagnosis): Promise<Evidence> {
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
  const rows = await db.all<SignalRow>(sql`
    select lat, lon, count, source, categories, time_bands, days, occurred_at, zone_id, intensity,
           json_extract(perception, '$.safeAfterDark') as safe_after_dark
    from signals
    where diagnosis_id = ${d.id} and moderation != 'hidden'`);

  const municipalityArea = new Map(municipalityRows.map((m) => [m.id, m.areaId]));
  const zoneList = zoneRows.map((z) => ({ ...z, areaId: z.municipalityId ? (municipalityArea.get(z.municipalityId) ?? null) : null }));
  const zoneById = new Map(zoneList.map((z) => [z.id, z]));
  const bounded = municipalityRows.filter((m) => m.geometry);
  const areaOfPoint = (lon: number, lat: number) => {
    for (const m of bounded) if (containsPoint(m.geometry!, lon, lat)) return m.areaId;
    return null;
  };

  const signals: EvidenceSignal[] = [];
  for (const r of rows) {
    const zone = r.zone_id ? zoneById.get(r.zone_id) : undefined;
    let lat = r.lat;
    let lon = r.lon;
    if ((lat == null || lon == null) && zone) {
      // A report made by picking a zone from the list stands at the zone's centre.
      lat = (zone.minLat + zone.maxLat) / 2;
      lon = (zone.minLon + zone.maxLon) / 2;
    }
    if (lat == null || lon == null) continue;
    const days = r.days ? (JSON.parse(r.days) as string[]) : [];
    signals.push({
      lat,
      lon,
      count: r.count,
      source: r.source,
      categories: JSON.parse(r.categories) as string[],
      timeBands: JSON.parse(r.time_bands) as string[],
      dayKind: days.length === 1 ? (days[0] as SignalPoint['dayKind']) : undefined,
      createdAt: new Date(r.occurred_at).toISOString(),
      zoneId: r.zone_id,
      intensity: r.intensity ?? undefined,
      areaId: zone?.areaId ?? areaOfPoint(lon, lat),
      unsafe: r.safe_after_dark ? perceivedUnsafe({ safeAfterDark: r.safe_after_dark as never }) : null,
    });
  }

  const statusByInstitution = new Map(responseRows.map((r) => [r.institutionId, r.status]));
  const submissionByInstitution = new Map(submissionRows.map((r) => [r.institutionId, r]));
  return {
    version: d.dataVersion,
    signals,
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
