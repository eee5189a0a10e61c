// Seeds the demonstration diagnosis (slug "demo"): fictional territory, institutions with
// invitations, a year of synthetic signals clustered by place and time, objectives, an admin.
// Everything here is marked as demo data; none of it describes real places or people.
import { count } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../../auth/tokens';
import { hashPassword } from '../../auth/password';
import { areaKm2, bboxOf, containsPoint } from '../../../analysis/geometry';
import { impliedDirection } from '../../../analysis/objectives';
import { type AppDb, insertMany } from '../client';
import { areas, diagnoses, indicators, institutions, invitations, municipalities, objectives, signals, users, zones } from '../schema';
import { demoInstitutions } from './institutions';
import { createRng, type Rng } from './random';
import { seedResponses } from './responses';
import { demoMunicipalities, demoZones, mPerDegLon, municipalityBounds, municipalityPolygon, placeProfiles, zoneCentre, zonePolygon } from './territory';

export const DEMO_SLUG = 'demo';
export const DEMO_ADMIN = { email: 'admin@osservatorio.example', password: 'osservatorio-demo' };

export type SeedOptions = {
  now: Date;
  /** Resident signals to generate (default 3,600). */
  residentSignals?: number;
  seed?: number;
  admin?: { email: string; password: string };
};

export type SeedResult = {
  diagnosisId: string;
  invitationLinks: { institution: string; path: string }[];
  admin: { email: string; password: string };
};

export async function isEmpty(db: AppDb): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(diagnoses);
  return row.n === 0;
}

const DAY = 86_400_000;
const BAND_HOURS: Record<string, [number, number]> = { morning: [6, 12], afternoon: [12, 18], evening: [18, 22], night: [22, 30] };

const demoTexts = [
  'La sera il parco è completamente al buio, due lampioni sono rotti da mesi.',
  'Gruppi di ragazzi che bevono e urlano fino a tardi, difficile passare.',
  'Sotto il sottopasso mi sono sentita seguita, manca illuminazione.',
  'Spaccio quasi ogni sera vicino alle panchine.',
  'Rifiuti abbandonati dietro il capannone, nessuno li ritira.',
  'Auto che sfrecciano, manca un attraversamento pedonale.',
  'Bici rubate alla rastrelliera della stazione.',
  'Di giorno tranquillo, ma dopo le 21 evito di passare.',
];

function pointNear(rng: Rng, lat: number, lon: number, radiusM: number) {
  const r = radiusM * Math.abs(rng.normal()) * 0.6;
  const a = rng.next() * 2 * Math.PI;
  return { lat: lat + (r * Math.sin(a)) / 111_320, lon: lon + (r * Math.cos(a)) / mPerDegLon(lat) };
}

function occurredAt(rng: Rng, now: Date, band: string, weekend: boolean): Date {
  // Reports grow over the year as the diagnosis gets known: a gentle upward trend.
  const daysAgo = Math.floor(365 * Math.pow(rng.next(), 0.8));
  const d = new Date(now.getTime() - daysAgo * DAY);
  for (let i = 0; i < 7; i++) {
    const dow = d.getUTCDay();
    if ((dow === 0 || dow === 6) === weekend) break;
    d.setTime(d.getTime() - DAY);
  }
  const [h0, h1] = BAND_HOURS[band];
  const hour = h0 + rng.next() * (h1 - h0);
  d.setUTCHours(Math.floor(hour) % 24, Math.floor(rng.next() * 60), 0, 0);
  return d.getTime() > now.getTime() ? new Date(d.getTime() - DAY) : d;
}

export async function seedDemo(db: AppDb, opts: SeedOptions): Promise<SeedResult> {
  const rng = createRng(opts.seed ?? 20261122);
  const now = opts.now;
  const diagnosisId = rng.uuid();
  await db.insert(diagnoses).values({
    id: diagnosisId,
    slug: DEMO_SLUG,
    title: 'DEMO - Diagnosi di Sicurezza e Legalità dell’Unione dei Comuni della Valle del Lume',
    description:
      'Dati dimostrativi: territorio, enti e segnalazioni sono inventati. Serve a provare Osservatorio: segnala dove ti senti insicuro/a, rispondi al questionario, leggi la diagnosi.',
    status: 'open',
    wave: 'ex-ante',
    kThreshold: 5,
    isDemo: true,
    settings: { periodFrom: new Date(now.getTime() - 365 * DAY).toISOString().slice(0, 10), periodTo: now.toISOString().slice(0, 10) },
    createdAt: now,
    updatedAt: now,
  });

  const areaIds = new Map<string, string>();
  const areaRows = (['Piana', 'Valle', 'Costa'] as const).map((name) => {
    const id = rng.uuid();
    areaIds.set(name, id);
    return { id, diagnosisId, name: `${name} (demo)`, createdAt: now };
  });
  await insertMany(db, areas, areaRows);

  const municipalityIds = new Map<string, string>();
  const municipalityRows = demoMunicipalities.map((m) => {
    const id = rng.uuid();
    municipalityIds.set(m.name, id);
    return { id, diagnosisId, areaId: areaIds.get(m.area)!, istatCode: m.istatCode, name: m.name, population: m.population, geometry: municipalityPolygon(m), createdAt: now };
  });
  await insertMany(db, municipalities, municipalityRows);

  const zoneRows = demoZones.map((z) => {
    const geometry = zonePolygon(z, rng);
    const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
    const m = demoMunicipalities.find((x) => x.name === z.municipality)!;
    const area = areaKm2(geometry);
    return {
      id: rng.uuid(),
      diagnosisId,
      municipalityId: municipalityIds.get(z.municipality)!,
      name: z.name,
      kind: z.kind,
      geometry,
      minLon,
      minLat,
      maxLon,
      maxLat,
      areaKm2: area,
      // Residents living in the place: a share of the municipality proportional to its size.
      population: Math.round(m.population * Math.min(0.25, area / 20) + 150),
      createdAt: now,
    };
  });
  await insertMany(db, zones, zoneRows);

  const institutionRows = demoInstitutions.map((i) => ({
    id: rng.uuid(),
    diagnosisId,
    name: i.name,
    kind: i.kind,
    areaId: i.area ? areaIds.get(i.area)! : null,
    municipalityId: i.municipality ? municipalityIds.get(i.municipality)! : null,
    email: null,
    createdAt: now,
  }));
  await insertMany(db, institutions, institutionRows);

  // Invitation tokens are shown once, here, and stored only as hashes.
  const links: SeedResult['invitationLinks'] = [];
  const invitationRows = [];
  for (const inst of institutionRows) {
    const token = randomToken();
    links.push({ institution: inst.name, path: `/q/${token}` });
    invitationRows.push({ id: rng.uuid(), diagnosisId, institutionId: inst.id, tokenHash: await sha256Hex(token), expiresAt: new Date(now.getTime() + 90 * DAY), createdAt: now });
  }
  await insertMany(db, invitations, invitationRows);

  await insertMany(db, signals, [...residentSignals(rng, diagnosisId, zoneRows, now, opts.residentSignals ?? 3600), ...recordedSignals(rng, diagnosisId, zoneRows, now)]);

  await seedObjectives(db, rng, diagnosisId, now);

  const admin = opts.admin ?? DEMO_ADMIN;
  await db
    .insert(users)
    .values({ id: rng.uuid(), email: admin.email.toLowerCase(), name: 'Amministratore demo', passwordHash: await hashPassword(admin.password), role: 'admin', createdAt: now })
    .onConflictDoNothing();

  await seedResponses(db, rng, { diagnosisId, institutions: institutionRows, municipalities: municipalityRows, areas: areaRows, zones: zoneRows, now });
  return { diagnosisId, invitationLinks: links, admin };
}

type ZoneRow = { id: string; name: string; kind: string; geometry: Parameters<typeof containsPoint>[0] };

function residentSignals(rng: Rng, diagnosisId: string, zoneRows: ZoneRow[], now: Date, total: number) {
  const weights = demoZones.map((z) => z.perceived * z.perceived);
  const rows: (typeof signals.$inferInsert)[] = [];
  for (let i = 0; i < total; i++) {
    let lat: number;
    let lon: number;
    let kind: string;
    if (rng.chance(0.78)) {
      const z = rng.weighted(demoZones, weights);
      const c = zoneCentre(z);
      ({ lat, lon } = pointNear(rng, c.lat, c.lon, z.radiusM * 1.3));
      kind = z.kind;
    } else {
      // Background: anywhere in a municipality, more where more people live.
      const m = rng.weighted(demoMunicipalities, demoMunicipalities.map((x) => x.population));
      const b = municipalityBounds(m);
      lat = b.minLat + rng.next() * (b.maxLat - b.minLat);
      lon = b.minLon + rng.next() * (b.maxLon - b.minLon);
      kind = rng.pick(['centro', 'parcheggio', 'piazza'] as const);
    }
    const zone = zoneRows.find((z) => containsPoint(z.geometry, lon, lat));
    const profile = placeProfiles[(zone?.kind ?? kind) as keyof typeof placeProfiles];
    const catIds = Object.keys(profile.categories);
    const catWeights = Object.values(profile.categories);
    const cats = new Set([rng.weighted(catIds, catWeights)]);
    if (rng.chance(0.35)) cats.add(rng.weighted(catIds, catWeights));
    const evening = rng.chance(profile.evening);
    const band = evening ? rng.weighted(['evening', 'night'], [3, 2]) : rng.weighted(['morning', 'afternoon'], [1, 2]);
    const weekend = rng.chance(profile.weekend);
    const heat = zone ? (demoZones.find((z) => z.name === zone.name)?.perceived ?? 3) : 2;
    const intensity = Math.min(5, Math.max(1, Math.round(1.6 + heat / 3.5 + rng.normal() * 0.9)));
    const when = occurredAt(rng, now, band, weekend);
    const hasText = rng.chance(0.08);
    rows.push({
      id: rng.uuid(),
      diagnosisId,
      source: 'resident',
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
      zoneId: zone?.id ?? null,
      categories: [...cats],
      timeBands: [band],
      days: [weekend ? 'weekend' : 'weekday'],
      intensity,
      count: 1,
      helps: rng.chance(0.6) ? [rng.pick(['lighting', 'police', 'maintenance', 'social', 'cameras', 'street-educators'])] : null,
      text: hasText ? rng.pick(demoTexts) : null,
      moderation: hasText ? (rng.chance(0.5) ? 'approved' : 'pending') : 'none',
      profile: rng.chance(0.4) ? { age: rng.pick(['18-29', '30-44', '45-64', '65+']), gender: rng.pick(['woman', 'man', 'undisclosed']), relation: rng.pick(['live', 'work', 'pass']) } : null,
      perception: rng.chance(0.3)
        ? {
            safeAfterDark: rng.weighted(['very-safe', 'fairly-safe', 'not-very-safe', 'not-safe-at-all', 'never-out-alone'], heat > 5 ? [1, 3, 4, 2, 1] : [3, 5, 2, 1, 0.5]),
            avoidsEvening: rng.weighted(['often', 'sometimes', 'never'], heat > 5 ? [3, 4, 2] : [1, 3, 5]),
            trustLocalPolice: rng.int(1, 5),
            trustMunicipality: rng.int(1, 5),
          }
        : null,
      occurredAt: when,
      createdAt: when,
    });
  }
  return rows;
}

/** Police interventions and media attention: one row per zone and month with a count. */
function recordedSignals(rng: Rng, diagnosisId: string, zoneRows: ZoneRow[], now: Date) {
  const rows: (typeof signals.$inferInsert)[] = [];
  for (let back = 11; back >= 0; back--) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    demoZones.forEach((z, i) => {
      const zone = zoneRows[i];
      const c = zoneCentre(z);
      const profile = placeProfiles[z.kind];
      const topCategory = Object.entries(profile.categories).sort((a, b) => b[1] - a[1])[0][0];
      const police = rng.poisson(z.recorded * 1.4);
      const media = rng.poisson(z.recorded * 0.25 + (z.recorded > 6 ? 0.8 : 0));
      for (const [source, n] of [['police', police], ['media', media]] as const) {
        if (n === 0) continue;
        rows.push({
          id: rng.uuid(),
          diagnosisId,
          source,
          lat: Math.round(c.lat * 1e6) / 1e6,
          lon: Math.round(c.lon * 1e6) / 1e6,
          zoneId: zone.id,
          categories: [topCategory],
          timeBands: [],
          count: n,
          moderation: 'none',
          occurredAt: month,
          createdAt: now,
        });
      }
    });
  }
  return rows;
}

async function seedObjectives(db: AppDb, rng: Rng, diagnosisId: string, now: Date) {
  const items = [
    {
      code: 'OB1',
      title: 'Ricostruire i rapporti di fiducia tra istituzioni e cittadini',
      indicators: [{ name: 'Residenti che si sentono poco o per niente sicuri di sera', unit: '%', baseline: 38, target: 30, measured: 35 }],
    },
    {
      code: 'OB2',
      title: 'Migliorare la conoscenza dei fenomeni',
      indicators: [{ name: 'Enti che condividono dati con l’osservatorio', unit: 'enti', baseline: 4, target: 12, measured: 7 }],
    },
    {
      code: 'OB3',
      title: 'Intervenire sulle cause dell’insicurezza con un approccio preventivo',
      indicators: [
        { name: 'Luoghi riqualificati (illuminazione, manutenzione)', unit: 'luoghi', baseline: 0, target: 6, measured: 2 },
        { name: 'Ore settimanali di educativa di strada', unit: 'ore', baseline: 10, target: 30, measured: null },
      ],
    },
    {
      code: 'OB4',
      title: 'Investire su infrastrutture che garantiscano la sicurezza stradale',
      indicators: [{ name: 'Incidenti con feriti per 1.000 abitanti', unit: '‰', baseline: 4.1, target: 3.5, measured: 3.9 }],
    },
  ];
  for (const o of items) {
    const objectiveId = rng.uuid();
    await db.insert(objectives).values({ id: objectiveId, diagnosisId, code: o.code, title: o.title, createdAt: now });
    await insertMany(
      db,
      indicators,
      o.indicators.map((i) => ({ id: rng.uuid(), objectiveId, ...i, direction: impliedDirection(i.baseline, i.target) ?? null, measuredAt: i.measured == null ? null : now, createdAt: now })),
    );
  }
}
