import { describe, expect, it } from 'vitest';
import * as analysis from './index';

// The API engineer imports from analysis/index: the entry points must stay there.
describe('public API', () => {
  it('exports every method', () => {
    for (const name of [
      'hotspots', 'hotspotsToGeoJSON', 'benjaminiHochberg', 'compositeIndex', 'perceptionGap', 'strengthsWeaknesses',
      'residentPlaces', 'timeProfile', 'compareWaves', 'objectiveProgress', 'parseCountsCsv', 'suppressBelowK', 'filterSignals',
      'publishedCount', 'sourcesOf', 'poissonGammaFit', 'rankDraws', 'compareShares', 'observationWindow', 'compareDimensions', 'binomialTwoSidedP',
    ]) {
      expect(typeof (analysis as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
