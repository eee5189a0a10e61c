// The analysis API's responses, typed from the functions that compute them (type-only imports:
// nothing of api/ or analysis/ reaches the browser bundle). JSON turns NaN into null.
import type { computeHotspots, computePerceptionGap, computeTime, computeZones } from '../../../../../api/routes/analysis/compute';
import type { computeCompare, computeStrengths } from '../../../../../api/routes/analysis/compute-questionnaires';
import type { AnalysisQuery } from '../../../../../api/routes/analysis/analysis.schemas';

export type Hotspots = ReturnType<typeof computeHotspots>;
export type HotspotCell = Hotspots['features'][number];
export type HotspotClass = HotspotCell['properties']['class'];
export type ZonesAnalysis = ReturnType<typeof computeZones>;
export type ZoneRow = ZonesAnalysis['zones'][number];
export type PerceptionGap = ReturnType<typeof computePerceptionGap>;
export type PerceptionZone = PerceptionGap['zones'][number];
export type TimeAnalysis = ReturnType<typeof computeTime>;
export type StrengthsAnalysis = ReturnType<typeof computeStrengths>;
export type DimensionSummary = StrengthsAnalysis['institutions']['dimensions'][number];
export type CompareAnalysis = Awaited<ReturnType<typeof computeCompare>>;
export type { AnalysisQuery };

export type Analyses = {
  hotspots: Hotspots;
  zones: ZonesAnalysis;
  strengths: StrengthsAnalysis;
  'perception-gap': PerceptionGap;
  time: TimeAnalysis;
  compare: CompareAnalysis;
};
