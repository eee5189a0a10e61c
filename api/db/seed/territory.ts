// The fictional territory of the demo: the "Unione dei Comuni della Valle del Lume", three
// areas, ten municipalities on a grid, and named places drawn as irregular polygons.
import type { PolygonGeometry } from '../schema';
import type { Rng } from './random';

export const ORIGIN = { lat: 43.86, lon: 10.48 };
const CELL = { lat: 0.045, lon: 0.06 };

export type DemoMunicipality = {
  name: string;
  istatCode: string;
  population: number;
  area: 'Piana' | 'Valle' | 'Costa';
  col: number;
  row: number;
};

// ISTAT codes in the 999xxx range do not exist: a reminder that this is not real data.
export const demoMunicipalities: DemoMunicipality[] = [
  { name: 'Borgo Lume', istatCode: '999001', population: 58_400, area: 'Piana', col: 1, row: 0 },
  { name: 'San Vito al Piano', istatCode: '999002', population: 14_200, area: 'Piana', col: 0, row: 0 },
  { name: 'Castelnuovo Piana', istatCode: '999003', population: 9_800, area: 'Piana', col: 2, row: 0 },
  { name: 'Ponte a Lume', istatCode: '999004', population: 7_300, area: 'Piana', col: 3, row: 0 },
  { name: 'Roccalta', istatCode: '999005', population: 3_100, area: 'Valle', col: 1, row: 1 },
  { name: 'Fornaci di Valle', istatCode: '999006', population: 6_900, area: 'Valle', col: 2, row: 1 },
  { name: 'Vallemura', istatCode: '999007', population: 2_400, area: 'Valle', col: 3, row: 1 },
  { name: 'Marina del Lume', istatCode: '999008', population: 21_600, area: 'Costa', col: 0, row: 2 },
  { name: 'Torre Saracena', istatCode: '999009', population: 11_900, area: 'Costa', col: 1, row: 2 },
  { name: 'Lido Chiaro', istatCode: '999010', population: 8_700, area: 'Costa', col: 2, row: 2 },
];

/** Kind of place, which decides what residents report there and when. */
export type PlaceKind = 'piazza' | 'stazione' | 'parco' | 'lungomare' | 'industriale' | 'centro' | 'parcheggio' | 'sottopasso';

export type DemoZone = {
  name: string;
  municipality: string;
  kind: PlaceKind;
  /** Position inside the municipality cell, 0..1 */
  u: number;
  v: number;
  radiusM: number;
  /** How much residents report here, and how much police and media record: they differ on purpose. */
  perceived: number;
  recorded: number;
};

export const demoZones: DemoZone[] = [
  { name: 'Piazza Roma', municipality: 'Borgo Lume', kind: 'piazza', u: 0.45, v: 0.5, radiusM: 220, perceived: 9, recorded: 8 },
  { name: 'Piazza Marconi', municipality: 'Borgo Lume', kind: 'piazza', u: 0.62, v: 0.42, radiusM: 200, perceived: 7, recorded: 3 },
  { name: 'Area verde di via Orti Romani', municipality: 'Borgo Lume', kind: 'parco', u: 0.3, v: 0.3, radiusM: 350, perceived: 8, recorded: 2 },
  { name: 'Stazione ferroviaria', municipality: 'Borgo Lume', kind: 'stazione', u: 0.55, v: 0.72, radiusM: 300, perceived: 10, recorded: 10 },
  { name: 'Sottopasso della stazione', municipality: 'Borgo Lume', kind: 'sottopasso', u: 0.7, v: 0.78, radiusM: 120, perceived: 6, recorded: 1 },
  { name: 'Centro storico', municipality: 'San Vito al Piano', kind: 'centro', u: 0.5, v: 0.5, radiusM: 400, perceived: 2, recorded: 2 },
  { name: 'Zona industriale Ovest', municipality: 'San Vito al Piano', kind: 'industriale', u: 0.25, v: 0.35, radiusM: 600, perceived: 3, recorded: 5 },
  { name: 'Giardini pubblici', municipality: 'Castelnuovo Piana', kind: 'parco', u: 0.5, v: 0.55, radiusM: 250, perceived: 4, recorded: 1 },
  { name: 'Piazza del Mercato', municipality: 'Castelnuovo Piana', kind: 'piazza', u: 0.4, v: 0.4, radiusM: 180, perceived: 2, recorded: 2 },
  { name: 'Parcheggio scambiatore', municipality: 'Ponte a Lume', kind: 'parcheggio', u: 0.6, v: 0.5, radiusM: 250, perceived: 3, recorded: 4 },
  { name: 'Piazza della Chiesa', municipality: 'Ponte a Lume', kind: 'piazza', u: 0.35, v: 0.6, radiusM: 150, perceived: 1, recorded: 1 },
  { name: 'Borgo antico', municipality: 'Roccalta', kind: 'centro', u: 0.5, v: 0.5, radiusM: 300, perceived: 1, recorded: 1 },
  { name: 'Ex cava', municipality: 'Roccalta', kind: 'industriale', u: 0.7, v: 0.3, radiusM: 500, perceived: 2, recorded: 3 },
  { name: 'Area artigianale', municipality: 'Fornaci di Valle', kind: 'industriale', u: 0.4, v: 0.6, radiusM: 550, perceived: 2, recorded: 4 },
  { name: 'Parco fluviale', municipality: 'Fornaci di Valle', kind: 'parco', u: 0.6, v: 0.3, radiusM: 450, perceived: 3, recorded: 1 },
  { name: 'Piazza Garibaldi', municipality: 'Vallemura', kind: 'piazza', u: 0.5, v: 0.5, radiusM: 150, perceived: 1, recorded: 1 },
  { name: 'Lungomare Nord', municipality: 'Marina del Lume', kind: 'lungomare', u: 0.2, v: 0.6, radiusM: 500, perceived: 8, recorded: 6 },
  { name: 'Lungomare Sud', municipality: 'Marina del Lume', kind: 'lungomare', u: 0.25, v: 0.25, radiusM: 450, perceived: 5, recorded: 6 },
  { name: 'Piazza del Porto', municipality: 'Marina del Lume', kind: 'piazza', u: 0.55, v: 0.45, radiusM: 200, perceived: 6, recorded: 7 },
  { name: 'Pineta', municipality: 'Marina del Lume', kind: 'parco', u: 0.75, v: 0.7, radiusM: 550, perceived: 5, recorded: 2 },
  { name: 'Stazione di Torre Saracena', municipality: 'Torre Saracena', kind: 'stazione', u: 0.5, v: 0.6, radiusM: 250, perceived: 5, recorded: 6 },
  { name: 'Centro commerciale', municipality: 'Torre Saracena', kind: 'parcheggio', u: 0.3, v: 0.3, radiusM: 300, perceived: 3, recorded: 5 },
  { name: 'Passeggiata a mare', municipality: 'Lido Chiaro', kind: 'lungomare', u: 0.4, v: 0.4, radiusM: 400, perceived: 4, recorded: 3 },
  { name: 'Piazzale dei Bagni', municipality: 'Lido Chiaro', kind: 'piazza', u: 0.6, v: 0.65, radiusM: 200, perceived: 3, recorded: 4 },
  { name: 'Villa comunale', municipality: 'Lido Chiaro', kind: 'parco', u: 0.7, v: 0.3, radiusM: 250, perceived: 2, recorded: 1 },
];

const M_PER_DEG_LAT = 111_320;
export const mPerDegLon = (lat: number) => M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

export function municipalityBounds(m: DemoMunicipality) {
  const minLon = ORIGIN.lon + m.col * CELL.lon;
  const maxLat = ORIGIN.lat - m.row * CELL.lat;
  return { minLon, maxLon: minLon + CELL.lon, minLat: maxLat - CELL.lat, maxLat };
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function municipalityPolygon(m: DemoMunicipality): PolygonGeometry {
  const b = municipalityBounds(m);
  return {
    type: 'Polygon',
    coordinates: [[[b.minLon, b.minLat], [b.maxLon, b.minLat], [b.maxLon, b.maxLat], [b.minLon, b.maxLat], [b.minLon, b.minLat]].map(([x, y]) => [r6(x), r6(y)])],
  };
}

export function zoneCentre(z: DemoZone) {
  const m = demoMunicipalities.find((x) => x.name === z.municipality)!;
  const b = municipalityBounds(m);
  return { lon: b.minLon + z.u * (b.maxLon - b.minLon), lat: b.minLat + z.v * (b.maxLat - b.minLat) };
}

/** An irregular octagon around the zone centre: looks like a real place, not a circle. */
export function zonePolygon(z: DemoZone, rng: Rng): PolygonGeometry {
  const c = zoneCentre(z);
  const ring: number[][] = [];
  for (let i = 0; i < 8; i++) {
    const angle = (i / 8) * 2 * Math.PI;
    const r = z.radiusM * (0.75 + 0.5 * rng.next());
    ring.push([r6(c.lon + (r * Math.cos(angle)) / mPerDegLon(c.lat)), r6(c.lat + (r * Math.sin(angle)) / M_PER_DEG_LAT)]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** What residents report, and when, at each kind of place. */
export const placeProfiles: Record<PlaceKind, { categories: Record<string, number>; evening: number; weekend: number }> = {
  piazza: { categories: { nightlife: 5, groups: 4, vandalism: 3, drugs: 2, harassment: 2, aggression: 1 }, evening: 0.75, weekend: 0.6 },
  stazione: { categories: { drugs: 5, groups: 4, theft: 4, aggression: 3, harassment: 3, degradation: 2, lighting: 1 }, evening: 0.7, weekend: 0.35 },
  parco: { categories: { drugs: 5, lighting: 4, degradation: 3, groups: 3, dumping: 2, vandalism: 2 }, evening: 0.8, weekend: 0.4 },
  lungomare: { categories: { nightlife: 5, harassment: 3, theft: 3, groups: 2, road: 2, aggression: 1 }, evening: 0.85, weekend: 0.7 },
  industriale: { categories: { dumping: 5, lighting: 4, degradation: 4, theft: 2, road: 1 }, evening: 0.6, weekend: 0.3 },
  centro: { categories: { theft: 3, road: 3, vandalism: 2, nightlife: 2, other: 1 }, evening: 0.5, weekend: 0.4 },
  parcheggio: { categories: { theft: 5, lighting: 3, vandalism: 3, groups: 2, aggression: 1 }, evening: 0.65, weekend: 0.45 },
  sottopasso: { categories: { lighting: 5, aggression: 3, harassment: 4, degradation: 3, drugs: 2 }, evening: 0.8, weekend: 0.35 },
};
