// Payloads of the territory import: a GeoJSON FeatureCollection whose features are areas,
// municipalities and zones (`properties.kind`). One zod schema per piece: the handler validates
// each feature with it (so errors are per feature) and the OpenAPI document is built from it.
import { z } from 'zod';
import { MAX_FEATURES, MAX_POSITIONS } from './limits';

const name = z.string({ error: 'A name (text) is required.' }).trim().min(1, 'A name is required.').max(200);
const rowId = z.string().trim().min(1).max(100).describe('Id of a row of this diagnosis to update (e.g. to rename it); without it the row is found by name');
const reference = z.string().trim().min(1).max(200);
const population = z.number().int().min(0).max(10_000_000);

/** ISTAT municipality code: 3 digits of province, 3 of progressive number, neither 000. */
export const istatCodeSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'The ISTAT code is required.' : 'Write the ISTAT code as text with its leading zeros, e.g. "001272".') })
  .regex(/^\d{6}$/, 'An ISTAT municipality code is 6 digits, e.g. "001272".')
  .refine((code) => !code.startsWith('000') && !code.endsWith('000'), 'Not an ISTAT municipality code: neither the province (first 3 digits) nor the number (last 3) is 000.');

const position = z.array(z.number()).min(2, 'A position is [longitude, latitude].').max(3, 'A position is [longitude, latitude] (an altitude may follow, nothing else).');
const linearRing = z.array(position).min(4, 'A ring needs at least 4 positions, the last repeating the first.');
const polygonCoordinates = z.array(linearRing).min(1, 'A polygon needs an outer ring.');
const bbox = z.array(z.number()).optional();

type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Twice the planar signed area: zero when the ring encloses nothing. */
const planarArea2 = (ring: Ring) => {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
};

/** Rings closed, within lon/lat ranges, enclosing an area; the geometry small enough to store. */
function checkRings(g: Geometry, ctx: { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void }) {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let positions = 0;
  polygons.forEach((rings, p) =>
    rings.forEach((ring, r) => {
      const path = g.type === 'Polygon' ? ['coordinates', r] : ['coordinates', p, r];
      positions += ring.length;
      if (ring.length < 4) return; // reported by the schema already
      // One message per ring: a projected layer would otherwise give one per vertex.
      const out = ring.findIndex(([lon, lat]) => !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90));
      if (out >= 0) {
        ctx.addIssue({ code: 'custom', path: [...path, out], message: `[${ring[out][0]}, ${ring[out][1]}] is not a longitude, latitude (WGS 84: longitude -180…180, latitude -90…90). Is the layer projected? Export it in EPSG:4326.` });
        return;
      }
      const [first, last] = [ring[0], ring[ring.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        ctx.addIssue({ code: 'custom', path, message: 'The ring is not closed: its last position must repeat the first.' });
        return;
      }
      if (planarArea2(ring) === 0) ctx.addIssue({ code: 'custom', path, message: 'The ring encloses no area (its positions lie on one line).' });
    }),
  );
  if (positions > MAX_POSITIONS) {
    ctx.addIssue({ code: 'custom', path: ['coordinates'], message: `The geometry has ${positions} positions, more than ${MAX_POSITIONS}: simplify it (e.g. QGIS, Vector › Geometry Tools › Simplify).` });
  }
}

export const polygonGeometrySchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('Polygon'), coordinates: polygonCoordinates, bbox }),
      z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinates).min(1, 'A MultiPolygon needs at least one polygon.'), bbox }),
    ],
    { error: 'The geometry must be a Polygon or a MultiPolygon.' },
  )
  .superRefine((g, ctx) => checkRings(g, ctx))
  .describe('GeoJSON Polygon or MultiPolygon in WGS 84 longitude/latitude; rings closed');

export const areaPropertiesSchema = z.strictObject({
  kind: z.literal('area'),
  name,
  id: rowId.optional(),
});

export const municipalityPropertiesSchema = z.strictObject({
  kind: z.literal('municipality'),
  name,
  id: rowId.optional(),
  istatCode: istatCodeSchema,
  population: population.describe('Resident population'),
  area: reference.nullable().optional().describe('Its area: name or id, in this file or already in the diagnosis; null removes it, absent keeps it'),
});

export const zonePropertiesSchema = z.strictObject({
  kind: z.literal('zone'),
  name,
  id: rowId.optional(),
  municipality: reference.nullable().optional().describe('Its municipality: name, ISTAT code or id, in this file or already in the diagnosis; null removes it, absent keeps it'),
  zoneKind: z.string().trim().min(1).max(40).optional().describe('What the place is, e.g. piazza, parco, stazione, strada, quartiere (default quartiere; absent keeps it)'),
  population: population.nullable().optional().describe('Residents living in the zone, when known'),
});

const featureBase = {
  type: z.literal('Feature', { error: 'Each feature must have "type": "Feature".' }),
  id: z.union([z.string(), z.number()]).optional().describe('Ignored: a row is matched by properties.id or by name'),
  bbox,
};

export const areaFeatureSchema = z.strictObject({
  ...featureBase,
  properties: areaPropertiesSchema,
  geometry: z.null({ error: 'An area has no geometry of its own (its territory is that of its municipalities): set "geometry": null.' }),
});
export const municipalityFeatureSchema = z.strictObject({
  ...featureBase,
  properties: municipalityPropertiesSchema,
  geometry: polygonGeometrySchema.nullable().describe('The municipal boundary; null keeps the stored one'),
});
export const zoneFeatureSchema = z.strictObject({
  ...featureBase,
  properties: zonePropertiesSchema,
  geometry: polygonGeometrySchema,
});

/** The schema of each feature, by `properties.kind`. */
export const featureSchemas = { area: areaFeatureSchema, municipality: municipalityFeatureSchema, zone: zoneFeatureSchema } as const;
export type TerritoryKind = keyof typeof featureSchemas;
export const territoryKinds = Object.keys(featureSchemas) as TerritoryKind[];

const WGS84_NAMES = new Set(['urn:ogc:def:crs:ogc:1.3:crs84', 'urn:ogc:def:crs:ogc::crs84', 'epsg:4326', 'urn:ogc:def:crs:epsg::4326']);
const crsSchema = z
  .strictObject({ type: z.literal('name'), properties: z.strictObject({ name: z.string() }) })
  .refine((crs) => WGS84_NAMES.has(crs.properties.name.toLowerCase()), 'Coordinates must be WGS 84 longitude/latitude (EPSG:4326): re-project the layer before exporting.')
  .describe('Old-style (2008) CRS member, as QGIS writes it; only WGS 84 is accepted');

const collection = {
  type: z.literal('FeatureCollection', { error: 'The body must be a GeoJSON FeatureCollection ("type": "FeatureCollection").' }),
  name: z.string().optional().describe('Layer name (ignored)'),
  crs: crsSchema.optional(),
  bbox,
};

/** The collection around the features; each feature is then validated on its own. */
export const territoryEnvelopeSchema = z.strictObject({
  ...collection,
  features: z
    .array(z.unknown(), { error: 'A FeatureCollection needs a "features" array.' })
    .min(1, 'The collection has no features.')
    .max(MAX_FEATURES, `At most ${MAX_FEATURES} features per import.`),
});

/** The whole body, as the OpenAPI document shows it. */
export const territoryImportSchema = z.strictObject({
  ...collection,
  features: z.array(z.union([areaFeatureSchema, municipalityFeatureSchema, zoneFeatureSchema])).min(1).max(MAX_FEATURES),
});

export const territoryImportQuery = z.strictObject({
  skipBad: z.enum(['true', 'false']).optional().describe('Import the good features of a file with errors (features that refer to a bad one are skipped too)'),
});

export const featureErrorSchema = z.object({
  index: z.number().int().describe('Position of the feature in `features`, from 0'),
  name: z.string().nullable(),
  field: z.string().describe('Where, e.g. features[3].properties.istatCode'),
  message: z.string(),
});
export type FeatureError = z.infer<typeof featureErrorSchema>;

export const importActions = ['created', 'updated', 'unchanged'] as const;
const perKind = z.object({ areas: z.number().int(), municipalities: z.number().int(), zones: z.number().int() });

export const territoryImportResultSchema = z.object({
  created: perKind,
  updated: perKind,
  unchanged: perKind,
  skipped: z.number().int().describe('Features left out because they (or what they refer to) have errors; only with skipBad=true'),
  errors: z.array(featureErrorSchema),
  items: z.array(z.object({ index: z.number().int(), kind: z.enum(['area', 'municipality', 'zone']), name: z.string(), id: z.string(), action: z.enum(importActions) })),
  signalsChecked: z.number().int().describe('Signals with a point (lat/lon) placed again against the new or reshaped zones; 0 when no zone was created or reshaped'),
  signalsRezoned: z.number().int().describe('Of those, the signals that moved to another zone (or out of every zone)'),
});
export type TerritoryImportResult = z.infer<typeof territoryImportResultSchema>;

export type AreaFeature = z.infer<typeof areaFeatureSchema>;
export type MunicipalityFeature = z.infer<typeof municipalityFeatureSchema>;
export type ZoneFeature = z.infer<typeof zoneFeatureSchema>;
export type PolygonInput = z.infer<typeof polygonGeometrySchema>;
