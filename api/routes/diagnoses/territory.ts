// Loads a diagnosis by slug and its territory (zones, municipal boundaries, bbox).
import { eq } from 'drizzle-orm';
import type { AppDb } from '../../db/client';
import { diagnoses, municipalities, zones } from '../../db/schema';
import { type BBox, unionBBox } from '../../../analysis/geometry';
import { Problem } from '../../lib/problem';

export type Diagnosis = typeof diagnoses.$inferSelect;

export async function diagnosisBySlug(db: AppDb, slug: string): Promise<Diagnosis> {
  const [row] = await db.select().from(diagnoses).where(eq(diagnoses.slug, slug)).limit(1);
  if (!row) throw new Problem(404, `No diagnosis with slug "${slug}".`);
  return row;
}

export async function loadTerritory(db: AppDb, diagnosisId: string) {
  const [zoneRows, municipalityRows] = await Promise.all([
    db.select().from(zones).where(eq(zones.diagnosisId, diagnosisId)).orderBy(zones.name),
    db.select().from(municipalities).where(eq(municipalities.diagnosisId, diagnosisId)).orderBy(municipalities.name),
  ]);
  const boxes: BBox[] = zoneRows.map((z) => [z.minLon, z.minLat, z.maxLon, z.maxLat]);
  return { zones: zoneRows, municipalities: municipalityRows, bbox: unionBBox(boxes) };
}
