// One function per analysis endpoint: evidence + filters in, the analysis module's result out.
// Signals are selected on the typed columns, then summed into the few combinations each method
// reads (analysis/signal-table.ts), so a million signals cost one pass, not a million objects.
import { compositeIndex } from '../../../analysis/composite';
import { hotspotsFromColumns, type HotspotResult } from '../../../analysis/hotspots';
import { hotspotsToGeoJSON } from '../../../analysis/hotspots-geojson';
import { perceptionGap } from '../../../analysis/perception-gap';
import { hotspotColumns, selectRows, type TableFilter, tally } from '../../../analysis/signal-table';
import { timeProfile } from '../../../analysis/time-profile';
import { withSources } from '../../../analysis/sources';
import type { SignalFilter, SignalSource } from '../../../analysis/types';
import { Problem } from '../../lib/problem';
import type { Diagnosis } from '../diagnoses/territory';
import type { AnalysisQuery } from './analysis.schemas';
import type { Evidence } from './evidence';

/** The query's filters; sources default to residents only (analysis/sources.ts). */
export function signalFilter(q: AnalysisQuery): SignalFilter & { sources: SignalSource[] } {
  return withSources({ from: q.from, to: q.to, categories: q.categories, sources: q.sources as SignalSource[] | undefined, timeBands: q.timeBands, dayKind: q.dayKind });
}

/** The query's filters, area included, as the signal table takes them. */
export function tableFilter(q: AnalysisQuery): TableFilter & { sources: SignalSource[] } {
  return { ...signalFilter(q), area: q.area };
}

/** Sources the composite index and the perception gap combine: each is its own column there. */
export const ZONE_SOURCES: SignalSource[] = ['media', 'police', 'resident'];

export function scopedZones(e: Evidence, q: AnalysisQuery) {
  return q.area ? e.zones.filter((z) => z.areaId === q.area) : e.zones;
}

/**
 * Hotspots on the diagnosis's territory grid (the same cells for every filter); residents only
 * unless the query names sources; `value: 'intensity'` is descriptive, the classes test counts.
 */
export function computeHotspots(e: Evidence, q: AnalysisQuery) {
  const filter = tableFilter(q);
  const rows = selectRows(e.signals, filter);
  const value = q.value ?? 'count';
  let result: HotspotResult;
  try {
    result = hotspotsFromColumns(hotspotColumns(e.signals, rows, value), {
      cellMeters: q.cell,
      bandMeters: q.band,
      value,
      territory: e.territory.length ? e.territory : undefined,
      sources: filter.sources,
    });
  } catch (err) {
    // A grid of too many cells for the territory, or a band of too many cells: the request's fault.
    if (err instanceof RangeError) throw new Problem(400, err.message, { errors: [{ field: q.band !== undefined && /band/.test(err.message) ? 'band' : 'cell', message: err.message }] });
    throw err;
  }
  return { ...hotspotsToGeoJSON(result), summary: result.summary };
}

/** Per-zone tallies shared by the composite index and the perception gap. */
function zoneTallies(e: Evidence, q: AnalysisQuery) {
  const zones = scopedZones(e, q);
  // Every source, each summed into its own column: the methods combine them explicitly. A source
  // the request leaves out is no data (null) for the methods, not zero.
  const filter = tableFilter(q);
  const sources = q.sources ? filter.sources : ZONE_SOURCES;
  const points = tally(e.signals, selectRows(e.signals, { ...filter, sources }), ['zone', 'source', 'intensity', 'unsafe']);
  const t = new Map(zones.map((z) => [z.id, { resident: 0, intensitySum: 0, intensitySq: 0, intensityN: 0, police: 0, media: 0, surveyed: 0, unsafe: 0 }]));
  for (const s of points) {
    const z = s.zoneId ? t.get(s.zoneId) : undefined;
    if (!z) continue;
    const n = s.count ?? 1;
    if (s.source === 'resident') {
      z.resident += n;
      if (s.intensity) {
        z.intensitySum += s.intensity * n;
        z.intensitySq += s.intensity * s.intensity * n;
        z.intensityN += n;
      }
      // One resident report, one respondent: a tally of n reports is n respondents.
      if (s.unsafe !== null) {
        z.surveyed += n;
        if (s.unsafe) z.unsafe += n;
      }
    } else if (s.source === 'police') z.police += n;
    else if (s.source === 'media') z.media += n;
  }
  const concern = new Map<string, number>();
  // No questionnaire that asks for places of concern: concern is no data, not zero everywhere.
  let asked = false;
  for (const r of e.responses) {
    const named = r.answers.concernZones;
    if (!Array.isArray(named)) continue;
    asked = true;
    for (const id of new Set(named)) if (typeof id === 'string') concern.set(id, (concern.get(id) ?? 0) + 1);
  }
  const sd = (x: { intensitySum: number; intensitySq: number; intensityN: number }) =>
    x.intensityN > 1 ? Math.sqrt(Math.max(0, (x.intensitySq - (x.intensitySum * x.intensitySum) / x.intensityN) / (x.intensityN - 1))) : null;
  return zones.map((z) => {
    const tally = t.get(z.id)!;
    return {
      // The figures both the composite index and the perception gap take per zone.
      figures: {
        zoneId: z.id,
        name: z.name,
        population: z.population,
        areaKm2: z.areaKm2,
        residentCount: tally.resident,
        residentMeanIntensity: tally.intensityN ? tally.intensitySum / tally.intensityN : null,
        residentRated: tally.intensityN,
        residentIntensitySd: sd(tally),
        police: sources.includes('police') ? tally.police : null,
        media: sources.includes('media') ? tally.media : null,
      },
      tally,
      concern: asked ? (concern.get(z.id) ?? 0) : null,
    };
  });
}

export function computeZones(e: Evidence, q: AnalysisQuery, d: Diagnosis) {
  const rows = zoneTallies(e, q);
  if (rows.length === 0) return { method: null, zones: [], unranked: [], sensitivity: { sampling: null, scenarios: [], zones: [] } };
  return compositeIndex(
    rows.map(({ figures, concern }) => ({ ...figures, concern })),
    { weights: d.settings.indexWeights },
  );
}

export function computePerceptionGap(e: Evidence, q: AnalysisQuery) {
  const rows = zoneTallies(e, q);
  if (rows.length === 0) return { method: null, zones: [], unplaced: [] };
  return perceptionGap(
    rows.map(({ figures, tally }) => ({
      ...figures,
      // A share from fewer than 5 respondents says little; leave it out.
      surveyUnsafeShare: tally.surveyed >= 5 ? tally.unsafe / tally.surveyed : null,
    })),
  );
}

export function computeTime(e: Evidence, q: AnalysisQuery) {
  // Already filtered: the method gets only what it reads, months as their first day.
  const filter = tableFilter(q);
  const points = tally(e.signals, selectRows(e.signals, filter), ['timeBands', 'dayKind', 'categories', 'month']);
  // The points are already selected (their source is not kept): the method counts them all.
  const profile = timeProfile(points, { fromMonth: q.from?.slice(0, 7), toMonth: q.to?.slice(0, 7) });
  return { ...profile, method: { ...profile.method, sources: filter.sources } };
}
