// One function per analysis endpoint: evidence + filters in, the analysis module's result out.
import { compositeIndex } from '../../../analysis/composite';
import { filterSignals } from '../../../analysis/filter';
import { hotspots } from '../../../analysis/hotspots';
import { hotspotsToGeoJSON } from '../../../analysis/hotspots-geojson';
import { perceptionGap } from '../../../analysis/perception-gap';
import { timeProfile } from '../../../analysis/time-profile';
import type { SignalFilter, SignalSource } from '../../../analysis/types';
import type { Diagnosis } from '../diagnoses/territory';
import type { AnalysisQuery } from './analysis.schemas';
import type { Evidence, EvidenceSignal } from './evidence';

export function signalFilter(q: AnalysisQuery): SignalFilter {
  return { from: q.from, to: q.to, categories: q.categories, sources: q.sources as SignalSource[] | undefined, timeBands: q.timeBands, dayKind: q.dayKind };
}

function scoped(e: Evidence, q: AnalysisQuery) {
  const signals = filterSignals(q.area ? e.signals.filter((s) => s.areaId === q.area) : e.signals, signalFilter(q)) as EvidenceSignal[];
  const zones = q.area ? e.zones.filter((z) => z.areaId === q.area) : e.zones;
  return { signals, zones };
}

export function computeHotspots(e: Evidence, q: AnalysisQuery) {
  const { signals } = scoped(e, q);
  const result = hotspots(signals, { cellMeters: q.cell, bandMeters: q.band, value: q.value ?? 'count' });
  return { ...hotspotsToGeoJSON(result), summary: result.summary };
}

/** Per-zone tallies shared by the composite index and the perception gap. */
function zoneTallies(e: Evidence, q: AnalysisQuery) {
  const { signals, zones } = scoped(e, q);
  const t = new Map(zones.map((z) => [z.id, { resident: 0, intensitySum: 0, intensityN: 0, police: 0, media: 0, surveyed: 0, unsafe: 0 }]));
  for (const s of signals) {
    const z = s.zoneId ? t.get(s.zoneId) : undefined;
    if (!z) continue;
    const n = s.count ?? 1;
    if (s.source === 'resident') {
      z.resident += n;
      if (s.intensity) {
        z.intensitySum += s.intensity * n;
        z.intensityN += n;
      }
      if (s.unsafe !== null) {
        z.surveyed++;
        if (s.unsafe) z.unsafe++;
      }
    } else if (s.source === 'police') z.police += n;
    else if (s.source === 'media') z.media += n;
  }
  const concern = new Map<string, number>();
  for (const r of e.responses) {
    const named = r.answers.concernZones;
    if (Array.isArray(named)) for (const id of new Set(named)) if (typeof id === 'string') concern.set(id, (concern.get(id) ?? 0) + 1);
  }
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
        police: tally.police,
        media: tally.media,
      },
      tally,
      concern: concern.get(z.id) ?? 0,
    };
  });
}

export function computeZones(e: Evidence, q: AnalysisQuery, d: Diagnosis) {
  const rows = zoneTallies(e, q);
  if (rows.length === 0) return { method: null, zones: [], sensitivity: { scenarios: [], zones: [] } };
  return compositeIndex(
    rows.map(({ figures, concern }) => ({ ...figures, concern })),
    { weights: d.settings.indexWeights },
  );
}

export function computePerceptionGap(e: Evidence, q: AnalysisQuery) {
  const rows = zoneTallies(e, q);
  if (rows.length === 0) return { method: null, zones: [] };
  return perceptionGap(
    rows.map(({ figures, tally }) => ({
      ...figures,
      // A share from fewer than 5 respondents says little; leave it out.
      surveyUnsafeShare: tally.surveyed >= 5 ? tally.unsafe / tally.surveyed : null,
    })),
  );
}

export function computeTime(e: Evidence, q: AnalysisQuery) {
  const { signals } = scoped(e, q);
  return timeProfile(signals, { fromMonth: q.from?.slice(0, 7), toMonth: q.to?.slice(0, 7) });
}
