// What a territory import writes, worked out before anything is written: each feature validated
// on its own, matched to the row it updates (properties.id, else ISTAT code for a municipality,
// else name) or given a new id, and its reference to the level above resolved (zone → municipality
// → area), level by level, so a feature that refers to a bad one is reported too. Pure: the route
// loads the diagnosis' rows, calls this, and turns the plan into one batch.
import { areaKm2, bboxOf, type PolygonGeometry } from '../../../analysis/geometry';
import { issuesToFields } from '../../lib/json-body';
import {
  type AreaFeature,
  type FeatureError,
  featureSchemas,
  type MunicipalityFeature,
  type PolygonInput,
  type TerritoryKind,
  type ZoneFeature,
} from './territory.schemas';

export type ExistingTerritory = {
  areas: { id: string; name: string }[];
  municipalities: { id: string; name: string; istatCode: string; population: number; areaId: string | null; geometry: PolygonGeometry | null }[];
  zones: { id: string; name: string; municipalityId: string | null; kind: string; geometry: PolygonGeometry; population: number | null }[];
};

export type AreaValues = { name: string };
export type MunicipalityValues = { name: string; istatCode: string; population: number; areaId: string | null; geometry: PolygonGeometry | null };
export type ZoneValues = {
  name: string;
  municipalityId: string | null;
  kind: string;
  geometry: PolygonGeometry;
  population: number | null;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  areaKm2: number;
};

export type Action = 'created' | 'updated' | 'unchanged';
export type Step<K extends TerritoryKind, V> = { index: number; kind: K; id: string; name: string; action: Action; values: V };

export type TerritoryPlan = {
  areas: Step<'area', AreaValues>[];
  municipalities: Step<'municipality', MunicipalityValues>[];
  zones: Step<'zone', ZoneValues>[];
  /** Sorted by feature index. */
  errors: FeatureError[];
  /** Features left out: they have errors, or refer to one that has. */
  skipped: number;
};

const MAX_ERRORS_PER_FEATURE = 5;
export const DEFAULT_ZONE_KIND = 'quartiere';

/** Names compare without case or repeated spaces: "Piazza  roma" is "Piazza Roma". */
export const normName = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('it');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Errors {
  readonly list: FeatureError[] = [];
  readonly bad = new Set<number>();
  add(index: number, name: string | null, field: string, message: string) {
    this.list.push({ index, name, field: field ? `features[${index}].${field}` : `features[${index}]`, message });
    this.bad.add(index);
  }
}

type Parsed =
  | { index: number; kind: 'area'; f: AreaFeature }
  | { index: number; kind: 'municipality'; f: MunicipalityFeature }
  | { index: number; kind: 'zone'; f: ZoneFeature };

/** The name of a feature as far as it can be read, for error reports. */
function rawName(raw: unknown): string | null {
  const props = isObject(raw) ? raw.properties : undefined;
  return isObject(props) && typeof props.name === 'string' && props.name.trim() ? props.name.trim() : null;
}

function readFeature(raw: unknown, index: number, errors: Errors): Parsed | null {
  const name = rawName(raw);
  if (!isObject(raw)) {
    errors.add(index, null, '', 'A feature must be a GeoJSON Feature object.');
    return null;
  }
  const props = raw.properties;
  if (!isObject(props)) {
    errors.add(index, name, 'properties', 'A feature needs "properties" with a "kind" (area, municipality or zone) and a "name".');
    return null;
  }
  const kind = props.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(featureSchemas, kind)) {
    errors.add(index, name, 'properties.kind', kind === undefined ? 'The kind is required: area, municipality or zone.' : `${JSON.stringify(kind)} is not a kind: area, municipality or zone.`);
    return null;
  }
  const result = featureSchemas[kind as TerritoryKind].safeParse(raw);
  if (!result.success) {
    const fields = issuesToFields(result.error);
    for (const f of fields.slice(0, MAX_ERRORS_PER_FEATURE)) errors.add(index, name, f.field === '(body)' ? '' : f.field, f.message);
    if (fields.length > MAX_ERRORS_PER_FEATURE) errors.add(index, name, '', `…and ${fields.length - MAX_ERRORS_PER_FEATURE} more problem(s) in this feature.`);
    return null;
  }
  return { index, kind, f: result.data } as Parsed;
}

/** Six decimals (about 10 cm), longitude and latitude only: what the rest of the code reads. */
function storedGeometry(g: PolygonInput): PolygonGeometry {
  const ring = (r: number[][]) => r.map(([lon, lat]) => [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

type Row = { id: string; name: string };
type Item = { index: number; name: string; id?: string; key?: string };
type Level<R extends Row> = {
  /** "area", "municipality", "zone": used in messages. */
  label: string;
  rows: R[];
  /** A second identity beside the name (the ISTAT code of a municipality). */
  key?: { field: string; label: string; of: (r: R) => string };
};

/** Which row each feature of a level writes: an existing one (updated) or a new id. */
type Identified<R extends Row> = Map<number, { id: string; existing: R | null; item: Item }>;

function identify<R extends Row>(level: Level<R>, items: Item[], errors: Errors, newId: () => string): Identified<R> {
  const { label, rows, key } = level;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byName = new Map<string, R[]>();
  for (const r of rows) byName.set(normName(r.name), [...(byName.get(normName(r.name)) ?? []), r]);
  const byKey = new Map(key ? rows.map((r) => [key.of(r), r]) : []);

  const seen = { name: new Map<string, number>(), key: new Map<string, number>(), id: new Map<string, number>() };
  const found: Identified<R> = new Map();
  const claimedBy = new Map<string, number>();
  for (const item of items) {
    const fail = (field: string, message: string) => errors.add(item.index, item.name, field, message);
    const n = normName(item.name);
    const twins = {
      name: seen.name.get(n),
      key: item.key !== undefined ? seen.key.get(item.key) : undefined,
      id: item.id !== undefined ? seen.id.get(item.id) : undefined,
    };
    if (!seen.name.has(n)) seen.name.set(n, item.index);
    if (item.key !== undefined && !seen.key.has(item.key)) seen.key.set(item.key, item.index);
    if (item.id !== undefined && !seen.id.has(item.id)) seen.id.set(item.id, item.index);
    if (twins.name !== undefined) {
      fail('properties.name', `Feature ${twins.name} is a ${label} with the same name: each ${label} appears once in a file.`);
      continue;
    }
    if (twins.key !== undefined) {
      fail(`properties.${key!.field}`, `Feature ${twins.key} has the same ${key!.label}.`);
      continue;
    }
    if (twins.id !== undefined) {
      fail('properties.id', `Feature ${twins.id} has the same id.`);
      continue;
    }
    let existing: R | null = null;
    if (item.id !== undefined) {
      existing = byId.get(item.id) ?? null;
      if (!existing) {
        fail('properties.id', `No ${label} of this diagnosis has the id "${item.id}" (leave the id out to create one).`);
        continue;
      }
    } else {
      existing = (item.key !== undefined ? byKey.get(item.key) : undefined) ?? null;
      if (!existing) {
        const named = byName.get(n) ?? [];
        if (named.length > 1) {
          fail('properties.name', `${named.length} ${label}s of this diagnosis are called "${item.name}": give properties.id to say which one.`);
          continue;
        }
        existing = named[0] ?? null;
      }
    }
    const other = existing ? claimedBy.get(existing.id) : undefined;
    if (other !== undefined) {
      fail('properties.id', `Feature ${other} already updates this ${label} ("${existing!.name}").`);
      continue;
    }
    if (existing) claimedBy.set(existing.id, item.index);
    found.set(item.index, { id: existing?.id ?? newId(), existing, item });
  }

  // After the import no two rows of a level may share a name (or ISTAT code). Dropping a feature
  // leaves its row as it was, which may clash with another feature: check again until none does.
  for (let changed = true; changed; ) {
    changed = false;
    const claimed = new Set([...found.values()].flatMap((f) => (f.existing ? [f.existing.id] : [])));
    for (const [index, f] of found) {
      const clash = (byName.get(normName(f.item.name)) ?? []).find((r) => r.id !== f.id && !claimed.has(r.id));
      const keyHolder = key && f.item.key !== undefined ? byKey.get(f.item.key) : undefined;
      if (clash) errors.add(index, f.item.name, 'properties.name', `Another ${label} of this diagnosis is already called "${clash.name}".`);
      else if (keyHolder && keyHolder.id !== f.id) {
        errors.add(index, f.item.name, `properties.${key!.field}`, `${key!.label} ${f.item.key} belongs to "${keyHolder.name}" in this diagnosis${claimed.has(keyHolder.id) ? ' (codes cannot be swapped in one import)' : ''}.`);
      } else continue;
      found.delete(index);
      changed = true;
    }
  }
  return found;
}

/** Resolves a reference to a row of the level above: name, id (or ISTAT code) as it will be after the import. */
function resolver<R extends Row>(level: Level<R>, found: Identified<R>, badNames: Map<string, number>, badKeys: Map<string, number>) {
  const good = new Map<string, string>();
  const goodKeys = new Map<string, string>();
  const claimed = new Set<string>();
  for (const f of found.values()) {
    good.set(normName(f.item.name), f.id);
    if (f.item.key !== undefined) goodKeys.set(f.item.key, f.id);
    if (f.existing) claimed.add(f.existing.id);
  }
  const ids = new Set(level.rows.map((r) => r.id));
  // Rows no feature rewrites keep their name and code.
  const unclaimed = new Map<string, string>();
  for (const r of level.rows) {
    if (claimed.has(r.id)) continue;
    if (!unclaimed.has(normName(r.name))) unclaimed.set(normName(r.name), r.id);
    if (level.key) unclaimed.set(level.key.of(r), r.id);
  }
  return (ref: string): { id: string } | { error: string } => {
    const n = normName(ref);
    const id = good.get(n) ?? goodKeys.get(ref) ?? undefined;
    if (id) return { id };
    const bad = badNames.get(n) ?? badKeys.get(ref);
    if (bad !== undefined) return { error: `Refers to the ${level.label} "${ref}" of feature ${bad}, which has errors.` };
    if (ids.has(ref)) return { id: ref };
    const row = unclaimed.get(n) ?? unclaimed.get(ref);
    if (row) return { id: row };
    return { error: `No ${level.label} called "${ref}"${level.key ? ` or with ${level.key.label} "${ref}"` : ''} in this file or in the diagnosis.` };
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function planTerritoryImport(rawFeatures: unknown[], existing: ExistingTerritory, newId: () => string = () => crypto.randomUUID()): TerritoryPlan {
  const errors = new Errors();
  const parsed = rawFeatures.map((raw, index) => readFeature(raw, index, errors)).filter((p): p is Parsed => p !== null);
  const of = <K extends TerritoryKind>(kind: K) => parsed.filter((p): p is Extract<Parsed, { kind: K }> => p.kind === kind);

  /** Names (and ISTAT codes) of the features of a kind that will not be imported, for "refers to a bad feature". */
  const badOf = (kind: TerritoryKind, found: Map<number, unknown>) => {
    const names = new Map<string, number>();
    const keys = new Map<string, number>();
    rawFeatures.forEach((raw, index) => {
      const props = isObject(raw) && isObject(raw.properties) ? raw.properties : null;
      if (!props || props.kind !== kind || found.has(index)) return;
      const name = rawName(raw);
      if (name && !names.has(normName(name))) names.set(normName(name), index);
      if (typeof props.istatCode === 'string' && !keys.has(props.istatCode)) keys.set(props.istatCode, index);
    });
    return { names, keys };
  };

  // Areas.
  const areaLevel: Level<ExistingTerritory['areas'][number]> = { label: 'area', rows: existing.areas };
  const areaFeatures = of('area');
  const areasFound = identify(areaLevel, areaFeatures.map((p) => ({ index: p.index, name: p.f.properties.name, id: p.f.properties.id })), errors, newId);
  const areaBad = badOf('area', areasFound);
  const areaOf = resolver(areaLevel, areasFound, areaBad.names, areaBad.keys);
  const areas: TerritoryPlan['areas'] = areaFeatures.flatMap((p) => {
    const found = areasFound.get(p.index);
    if (!found) return [];
    const values = { name: p.f.properties.name };
    const action: Action = !found.existing ? 'created' : found.existing.name === values.name ? 'unchanged' : 'updated';
    return [{ index: p.index, kind: 'area' as const, id: found.id, name: values.name, action, values }];
  });

  // Municipalities: matched by ISTAT code first, their area resolved among the areas above.
  const municipalityLevel: Level<ExistingTerritory['municipalities'][number]> = {
    label: 'municipality',
    rows: existing.municipalities,
    key: { field: 'istatCode', label: 'ISTAT code', of: (r) => r.istatCode },
  };
  const municipalityFeatures = of('municipality').filter((p) => {
    const ref = p.f.properties.area;
    if (typeof ref !== 'string') return true;
    const r = areaOf(ref);
    if ('error' in r) errors.add(p.index, p.f.properties.name, 'properties.area', r.error);
    return !('error' in r);
  });
  const municipalitiesFound = identify(
    municipalityLevel,
    municipalityFeatures.map((p) => ({ index: p.index, name: p.f.properties.name, id: p.f.properties.id, key: p.f.properties.istatCode })),
    errors,
    newId,
  );
  const municipalityBad = badOf('municipality', municipalitiesFound);
  const municipalityOf = resolver(municipalityLevel, municipalitiesFound, municipalityBad.names, municipalityBad.keys);
  const municipalities: TerritoryPlan['municipalities'] = municipalityFeatures.flatMap((p) => {
    const found = municipalitiesFound.get(p.index);
    if (!found) return [];
    const props = p.f.properties;
    const old = found.existing;
    const areaId = props.area === undefined ? (old?.areaId ?? null) : props.area === null ? null : (areaOf(props.area) as { id: string }).id;
    const values: MunicipalityValues = {
      name: props.name,
      istatCode: props.istatCode,
      population: props.population,
      areaId,
      // No boundary in the file keeps the stored one.
      geometry: p.f.geometry ? storedGeometry(p.f.geometry) : (old?.geometry ?? null),
    };
    const action: Action = !old ? 'created' : same(values, { name: old.name, istatCode: old.istatCode, population: old.population, areaId: old.areaId, geometry: old.geometry }) ? 'unchanged' : 'updated';
    return [{ index: p.index, kind: 'municipality' as const, id: found.id, name: props.name, action, values }];
  });

  // Zones: their municipality resolved among the municipalities above.
  const zoneLevel: Level<ExistingTerritory['zones'][number]> = { label: 'zone', rows: existing.zones };
  const zoneFeatures = of('zone').filter((p) => {
    const ref = p.f.properties.municipality;
    if (typeof ref !== 'string') return true;
    const r = municipalityOf(ref);
    if ('error' in r) errors.add(p.index, p.f.properties.name, 'properties.municipality', r.error);
    return !('error' in r);
  });
  const zonesFound = identify(zoneLevel, zoneFeatures.map((p) => ({ index: p.index, name: p.f.properties.name, id: p.f.properties.id })), errors, newId);
  const zones: TerritoryPlan['zones'] = zoneFeatures.flatMap((p) => {
    const found = zonesFound.get(p.index);
    if (!found) return [];
    const props = p.f.properties;
    const old = found.existing;
    const geometry = storedGeometry(p.f.geometry);
    const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
    const values: ZoneValues = {
      name: props.name,
      municipalityId: props.municipality === undefined ? (old?.municipalityId ?? null) : props.municipality === null ? null : (municipalityOf(props.municipality) as { id: string }).id,
      kind: props.zoneKind ?? old?.kind ?? DEFAULT_ZONE_KIND,
      geometry,
      population: props.population === undefined ? (old?.population ?? null) : props.population,
      minLon,
      minLat,
      maxLon,
      maxLat,
      areaKm2: areaKm2(geometry),
    };
    const compared = (v: { name: string; municipalityId: string | null; kind: string; geometry: PolygonGeometry; population: number | null }) => [v.name, v.municipalityId, v.kind, v.geometry, v.population];
    const action: Action = !old ? 'created' : same(compared(values), compared(old)) ? 'unchanged' : 'updated';
    return [{ index: p.index, kind: 'zone' as const, id: found.id, name: props.name, action, values }];
  });

  errors.list.sort((a, b) => a.index - b.index);
  return { areas, municipalities, zones, errors: errors.list, skipped: errors.bad.size };
}
