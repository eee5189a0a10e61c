// Places and payloads the signals tests share: points inside and outside the demo territory.
import { randomUUID } from 'node:crypto';
import { demoZones, zoneCentre } from '../../db/seed/territory';

const piazzaRoma = demoZones.find((z) => z.name === 'Piazza Roma')!;

/** The centre of Piazza Roma (Borgo Lume): inside the territory and inside that zone. */
export const IN_ZONE = zoneCentre(piazzaRoma);
/** In the territory's bounding box but in no municipality (the grid cell with no comune). */
export const IN_GAP = { lat: 43.79, lon: 10.51 };
/** Inside Borgo Lume but in no zone. */
export const IN_TERRITORY_NO_ZONE = { lat: 43.858, lon: 10.5405 };
export const FAR_AWAY = { lat: 41.9, lon: 12.5 };

export function validSignal(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    lat: IN_ZONE.lat,
    lon: IN_ZONE.lon,
    categories: ['lighting', 'drugs'],
    timeBands: ['evening'],
    days: ['weekend'],
    intensity: 4,
    ...over,
  };
}
