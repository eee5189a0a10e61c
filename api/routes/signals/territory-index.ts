// Where a point falls: which zone contains it and whether it lies in the diagnosis territory.
// One grid index per diagnosis, built in memory and rebuilt when its zones or boundaries change
// (a cheap fingerprint read with the diagnosis tells), so a signal costs no polygon query.
import { eq } from 'drizzle-orm';
import type { AppDb } from '../../db/client';
import { municipalities, type PolygonGeometry, zones } from '../../db/schema';
import { type BBox, bboxOf, containsPoint, unionBBox } from '../../../analysis/geometry';

type Shape = { id: string; geometry: PolygonGeometry; bbox: BBox; area: number };

export type TerritoryIndex = {
  /** The smallest zone containing the point (zones may nest, e.g. a square in a district). */
  zoneAt(lon: number, lat: number): string | null;
  /** Inside a municipal boundary or a zone; without boundaries, inside the zones' bounding box. */
  contains(lon: number, lat: number): boolean;
  hasZone(id: string): boolean;
  zoneCount: number;
};

const GRID = 32;

/** A uniform grid over the territory's bounding box; each cell lists the shapes whose box meets it. */
// Hot path (every resident report, every stored point a territory import re-zones): no arrays or
// closures are made per lookup, so a million points take a fraction of a second.
class Grid {
  private readonly cells: Shape[][];
  private readonly minLon: number;
  private readonly minLat: number;
  private readonly maxLon: number;
  private readonly maxLat: number;
  constructor(box: BBox, shapes: Shape[]) {
    [this.minLon, this.minLat, this.maxLon, this.maxLat] = box;
    this.cells = Array.from({ length: GRID * GRID }, () => []);
    for (const s of shapes) {
      const [x0, y0, x1, y1] = [this.column(s.bbox[0]), this.row(s.bbox[1]), this.column(s.bbox[2]), this.row(s.bbox[3])];
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) this.cells[y * GRID + x].push(s);
    }
  }
  private column(lon: number): number {
    return toCell(this.maxLon > this.minLon ? (lon - this.minLon) / (this.maxLon - this.minLon) : 0);
  }
  private row(lat: number): number {
    return toCell(this.maxLat > this.minLat ? (lat - this.minLat) / (this.maxLat - this.minLat) : 0);
  }
  inBox(lon: number, lat: number): boolean {
    return lon >= this.minLon && lon <= this.maxLon && lat >= this.minLat && lat <= this.maxLat;
  }
  candidates(lon: number, lat: number): readonly Shape[] {
    if (!this.inBox(lon, lat)) return NONE;
    return this.cells[this.row(lat) * GRID + this.column(lon)];
  }
}

const NONE: readonly Shape[] = [];
const toCell = (f: number) => Math.min(GRID - 1, Math.max(0, Math.floor(f * GRID)));

const inBBox = (b: BBox, lon: number, lat: number) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

export function buildTerritoryIndex(
  zoneRows: { id: string; geometry: PolygonGeometry; areaKm2?: number | null }[],
  boundaries: PolygonGeometry[],
): TerritoryIndex {
  const zoneShapes: Shape[] = zoneRows.map((z) => ({ id: z.id, geometry: z.geometry, bbox: bboxOf(z.geometry), area: z.areaKm2 ?? 0 }));
  const boundaryShapes: Shape[] = boundaries.map((g, i) => ({ id: String(i), geometry: g, bbox: bboxOf(g), area: 0 }));
  const box = unionBBox([...zoneShapes, ...boundaryShapes].map((s) => s.bbox));
  const zoneIds = new Set(zoneShapes.map((z) => z.id));
  if (!box) return { zoneAt: () => null, contains: () => false, hasZone: () => false, zoneCount: 0 };
  const zoneGrid = new Grid(box, zoneShapes);
  const boundaryGrid = new Grid(box, boundaryShapes);
  const zonesBox = unionBBox(zoneShapes.map((s) => s.bbox));

  const zoneAt = (lon: number, lat: number): string | null => {
    let best: Shape | null = null;
    for (const s of zoneGrid.candidates(lon, lat)) {
      if (!inBBox(s.bbox, lon, lat) || !containsPoint(s.geometry, lon, lat)) continue;
      if (!best || s.area < best.area) best = s;
    }
    return best?.id ?? null;
  };
  const contains = (lon: number, lat: number): boolean => {
    if (boundaryShapes.length === 0) return zonesBox !== null && inBBox(zonesBox, lon, lat);
    for (const s of boundaryGrid.candidates(lon, lat)) if (inBBox(s.bbox, lon, lat) && containsPoint(s.geometry, lon, lat)) return true;
    return zoneAt(lon, lat) !== null;
  };
  return { zoneAt, contains, hasZone: (id) => zoneIds.has(id), zoneCount: zoneShapes.length };
}

// Cached per database handle (tests open many) and per diagnosis, keyed by the fingerprint.
const cache = new WeakMap<AppDb, Map<string, { fingerprint: string; index: Promise<TerritoryIndex> }>>();

async function loadIndex(db: AppDb, diagnosisId: string): Promise<TerritoryIndex> {
  const [zoneRows, municipalityRows] = await Promise.all([
    db.select({ id: zones.id, geometry: zones.geometry, areaKm2: zones.areaKm2 }).from(zones).where(eq(zones.diagnosisId, diagnosisId)),
    db.select({ geometry: municipalities.geometry }).from(municipalities).where(eq(municipalities.diagnosisId, diagnosisId)),
  ]);
  return buildTerritoryIndex(
    zoneRows,
    municipalityRows.flatMap((m) => (m.geometry ? [m.geometry] : [])),
  );
}

/** The index for a diagnosis whose territory has this fingerprint (see `territoryFingerprintSql`). */
export function territoryIndexFor(db: AppDb, diagnosisId: string, fingerprint: string): Promise<TerritoryIndex> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(diagnosisId);
  if (hit && hit.fingerprint === fingerprint) return hit.index;
  const index = loadIndex(db, diagnosisId);
  perDb.set(diagnosisId, { fingerprint, index });
  // A failed load must not stay cached.
  index.catch(() => {
    if (perDb.get(diagnosisId)?.index === index) perDb.delete(diagnosisId);
  });
  return index;
}

/** Drop the cached index at once (the fingerprint would catch the change on the next signal anyway). */
export function forgetTerritoryIndex(db: AppDb, diagnosisId: string): void {
  cache.get(db)?.delete(diagnosisId);
}

/**
 * SQL expression (for a query over `diagnoses d`) that changes whenever a zone or boundary of the
 * diagnosis is added, removed, reshaped or moved: counts, newest row, geometry text length, bbox sums.
 */
export const territoryFingerprintSql = `(select count(*) || ':' || coalesce(max(created_at), 0) || ':' || total(length(geometry)) || ':' || total(min_lon + 3 * min_lat + 7 * max_lon + 11 * max_lat) || ':' || total(area_km2) from zones where diagnosis_id = d.id)
  || '|' || (select count(*) || ':' || coalesce(max(created_at), 0) || ':' || total(length(geometry)) from municipalities where diagnosis_id = d.id)`;
