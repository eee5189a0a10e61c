// Turns analysis results into files: GeoJSON keeps the API's geometry and adds readable figures,
// CSV has one row per zone or cell with headers in the reader's language (papaparse's unparse).
import Papa from 'papaparse';
import type { Hotspots, PerceptionGap, ZonesAnalysis } from '../dashboard/analysisTypes';
import type { PublicDiagnosis, Tracking } from '../types';

export type CsvOptions = { delimiter: ',' | ';' };

/** CSV text with a byte-order mark, so spreadsheet programs read accented letters right. */
export function toCsv(fields: string[], rows: unknown[][], o: CsvOptions): string {
  // With ';' (the Italian spreadsheet convention) decimals take a comma, as Excel in Italian expects.
  const cells = o.delimiter === ';' ? rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v).replace('.', ',') : v))) : rows;
  return `\uFEFF${Papa.unparse({ fields, data: cells }, { delimiter: o.delimiter, newline: '\r\n', escapeFormulae: true })}`;
}

const round = (v: number | null | undefined, digits: number) => (typeof v === 'number' && Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** The zones' boundaries with their composite index, components and perception-gap figures. */
export function zonesGeoJSON(pub: PublicDiagnosis, zones: ZonesAnalysis | undefined, gap: PerceptionGap | undefined) {
  const z = new Map((zones?.zones ?? []).map((r) => [r.zoneId, r]));
  const g = new Map((gap?.zones ?? []).map((r) => [r.zoneId, r]));
  return {
    type: 'FeatureCollection' as const,
    features: pub.zones.features.map((f) => {
      const r = z.get(f.properties.id);
      const p = g.get(f.properties.id);
      return {
        type: 'Feature' as const,
        id: f.id,
        geometry: f.geometry,
        properties: {
          ...f.properties,
          rank: r?.rank ?? null,
          composite: round(r?.composite, 2),
          signals: r?.signals ?? null,
          ...Object.fromEntries(Object.entries(r?.scaled ?? {}).map(([k, v]) => [`scaled_${k}`, round(v, 2)])),
          perceived_percentile: round(p?.perceived.percentile, 3),
          recorded_percentile: round(p?.recorded.percentile, 3),
          gap: round(p?.gap, 3),
          quadrant: p?.quadrant ?? null,
        },
      };
    }),
  };
}

export function zonesCsv(headers: Record<string, string>, pub: PublicDiagnosis, zones: ZonesAnalysis | undefined, gap: PerceptionGap | undefined, o: CsvOptions) {
  const collection = zonesGeoJSON(pub, zones, gap);
  const components = Object.keys(zones?.method?.weights ?? {});
  const fields = [headers.zone, headers.municipality, headers.rank, headers.composite, ...components.map((c) => `${headers.component}: ${headers[`c_${c}`] ?? c}`), headers.signals, headers.perceived, headers.recorded, headers.gap, headers.quadrant];
  const rows = collection.features
    .map((f) => f.properties as Record<string, unknown>)
    .sort((a, b) => ((a.rank as number | null) ?? 1e9) - ((b.rank as number | null) ?? 1e9))
    .map((p) => [p.name, p.municipality, p.rank, p.composite, ...components.map((c) => p[`scaled_${c}`]), p.signals, p.perceived_percentile, p.recorded_percentile, p.gap, p.quadrant ? headers[`q_${p.quadrant}`] ?? p.quadrant : null]);
  return toCsv(fields, rows, o);
}

/** One row per grid cell that has signals or a class, at the cell's centre. */
export function cellsCsv(headers: Record<string, string>, hotspots: Hotspots, o: CsvOptions) {
  const fields = [headers.lat, headers.lon, headers.signals, headers.value, 'z', 'p', 'q', headers.class];
  const rows = hotspots.features
    .filter((c) => c.properties.count > 0 || c.properties.class !== 'none')
    .map((c) => {
      const ring = (c.geometry as { coordinates: number[][][] }).coordinates[0];
      const lons = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
      const lon = (Math.min(...lons) + Math.max(...lons)) / 2;
      return [round(lat, 6), round(lon, 6), c.properties.count, round(c.properties.value, 3), round(c.properties.z, 4), round(c.properties.p, 5), round(c.properties.q, 5), headers[`k_${c.properties.class}`] ?? c.properties.class];
    });
  return toCsv(fields, rows, o);
}

/** Where each institution stands on the questionnaire (not its answers: no API gives those yet). */
export function trackingCsv(headers: Record<string, string>, tracking: Tracking, label: { kind: (id: string) => string; stage: (id: string) => string }, o: CsvOptions) {
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);
  const fields = [headers.institution, headers.kind, headers.area, headers.stage, headers.invitedAt, headers.openedAt, headers.savedAt, headers.submittedAt, headers.revisions];
  const rows = tracking.institutions.map((i) => [i.name, label.kind(i.kind), i.area?.name ?? null, label.stage(i.stage), day(i.invitedAt), day(i.openedAt), day(i.savedAt), day(i.submittedAt), i.revisions]);
  return toCsv(fields, rows, o);
}
