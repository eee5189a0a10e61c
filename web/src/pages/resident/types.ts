// Shapes the resident page reads from GET /api/diagnoses/{slug}/public and /summary.
export type Ring = number[][];
export type ZoneGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
export type ZoneFeature = {
  type: 'Feature';
  id: string;
  properties: { id: string; name: string; kind: string; municipality: string | null };
  geometry: ZoneGeometry;
};

export type PublicDiagnosis = {
  slug: string;
  title: string;
  description: string;
  status: 'draft' | 'open' | 'closed';
  demo: boolean;
  k: number;
  zones: { type: 'FeatureCollection'; features: ZoneFeature[] };
  bbox: [number, number, number, number] | null;
  map: { tileUrl: string; attribution: string };
};

export type PublicSummary = {
  k: number;
  /** Counts are rounded to multiples of this. */
  base: number;
  /** UTC day of the refresh the figures come from (YYYY-MM-DD). */
  asOf: string;
  refreshHours: number;
  /** Sum of the zone counts shown; null when too few reports stand behind the summary. */
  zonesTotal: number | null;
  zones: { zoneId: string; name: string; count: number }[];
  categories: { id: string; label: string; count: number }[];
  texts: { text: string; zone: string | null }[];
};

/** Where the report is: a spot on the map, or a place picked from the list. */
export type Place = { kind: 'point'; lat: number; lon: number } | { kind: 'zone'; zoneId: string };
