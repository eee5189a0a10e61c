// The diagnosis engine: pure functions from plain arrays to plain objects. The API loads rows and
// calls these; the CLI (analysis/cli.ts) reads CSV and calls them; nothing here does I/O.
export type { SignalPoint, SignalFilter, SignalSource, PrivacyOptions, ZoneExposure, RowError } from './types';
export { DEFAULT_K } from './types';

export { hotspots, hotspotsFromColumns, classify, type HotspotOptions, type HotspotResult, type HotspotCell, type HotspotClass, type HotspotMethod, type SignalColumns, type PublicHotspotResult, type PublicHotspotCell, type HotspotExtent } from './hotspots';
export { hotspotsToGeoJSON, type HotspotFeatureCollection, type HotspotFeature, type PublicHotspotFeatureCollection, type PublicHotspotFeature } from './hotspots-geojson';
export { giStarPoints, giStarGrid } from './getis-ord';
export { benjaminiHochberg } from './fdr';
export { normalCdf, normalSf, normalTwoSidedP, tTwoSidedP, binomialTwoSidedP, binomialUpperTail, binomialLowerTail } from './stats';
export { localProjection, project, unproject, type LocalProjection } from './projection';
export type { LatLonBounds } from './grid';

export { filterSignals, signalPredicate } from './filter';
export { suppressBelowK, blankBelowK, publicK, disclosureRule, roundToBase, publishedCount, publishItems, type DisclosureRule } from './privacy';
export { DEFAULT_SOURCES, sourcesOf, withSources } from './sources';

export { compositeIndex, COMPOSITE_COMPONENTS, type CompositeZoneInput, type CompositeOptions, type CompositeResult, type CompositeComponent } from './composite';
export { perceptionGap, type PerceptionZoneInput, type PerceptionGapResult, type PerceptionQuadrant } from './perception-gap';
export { strengthsWeaknesses, strengthsFromAnswers, summariseDimension, type InstitutionScores, type StrengthOptions, type StrengthsResult, type DimensionSummary, type DimensionClass } from './strengths';
export { residentPlaces, type ResidentPlacesOptions, type ResidentPlacesResult } from './resident-places';
export { timeProfile, monthRange, type TimeProfile, type TimeProfileOptions } from './time-profile';
export { compareWaves, type WaveInput, type CompareOptions, type WaveComparison, type DimensionChange } from './compare';
export { comparePoissonRates, welchTTest, pairedTTest, type RateComparison, type RateObservation } from './two-sample';
export { objectiveProgress, type ObjectiveInput, type ObjectiveProgress, type ObjectiveStatus } from './objectives';
export { parseCountsCsv, countRowsToSignals, type CountRow, type ImportCountsOptions, type ImportCountsResult } from './import-counts';
export { parseSignalCsv, type SignalCsvOptions } from './signal-csv';
export { rateBasis, rateOf, type RateBasis } from './exposure';

// The tests and estimators the methods above are built on, for analysts who call them directly.
export { poissonGammaFit, shrunkRate, credibility, EB_ESTIMATOR, type PoissonGammaFit } from './shrinkage';
export { rankDraws, type RankDrawsInput, type RankDrawsResult } from './rank-intervals';
export { compareShares, type ShareInput, type ShareRow, type ShareFamily, type Change } from './compare-shares';
export { exactBetaBinomialTwoSidedP } from './compare-exact';
export { observationWindow, type Period, type ObservationWindow } from './compare-window';
export { compareDimensions } from './compare-dimensions';
