// Small territory and institution files the import tests share: a fictional hill area north-east
// of the demo (ISTAT codes in the 999 range, which no province has), away from its zones.
type Position = [number, number];

/** Six decimals, as the import stores them, so a test can compare what it sent with what is stored. */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A closed square ring (counter-clockwise) with its south-west corner at lon, lat. */
export function square(lon: number, lat: number, size: number): Position[] {
  const [w, s, e, n] = [r6(lon), r6(lat), r6(lon + size), r6(lat + size)];
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

export const polygon = (ring: Position[]) => ({ type: 'Polygon' as const, coordinates: [ring] });

export const HILL = { lon: 11.2, lat: 44.2 };

/** The centre of the Piazza del Belvedere zone of `territoryFile()`. */
export const BELVEDERE_CENTRE = { lon: HILL.lon + 0.0105, lat: HILL.lat + 0.0105 };

export function territoryFile() {
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'municipality', name: 'Monte Alto', istatCode: '999101', population: 4200, area: 'Collina' }, geometry: polygon(square(HILL.lon, HILL.lat, 0.05)) },
      { type: 'Feature', properties: { kind: 'area', name: 'Collina' }, geometry: null },
      { type: 'Feature', properties: { kind: 'municipality', name: 'Valle Bassa', istatCode: '999102', population: 1800, area: 'Collina' }, geometry: polygon(square(HILL.lon + 0.05, HILL.lat, 0.05)) },
      { type: 'Feature', properties: { kind: 'zone', name: 'Piazza del Belvedere', municipality: 'Monte Alto', zoneKind: 'piazza' }, geometry: polygon(square(HILL.lon + 0.01, HILL.lat + 0.01, 0.001)) },
      // The municipality by ISTAT code, the geometry a MultiPolygon with a hole.
      {
        type: 'Feature',
        properties: { kind: 'zone', name: 'Parco della Rocca', municipality: '999102', zoneKind: 'parco', population: 150 },
        geometry: { type: 'MultiPolygon', coordinates: [[square(HILL.lon + 0.06, HILL.lat + 0.01, 0.01), square(HILL.lon + 0.063, HILL.lat + 0.013, 0.002).reverse()]] },
      },
    ],
  };
}

export type TerritoryFile = ReturnType<typeof territoryFile>;
