// Strengths and weaknesses (institutions' questionnaires + residents' places) and the
// comparison with the previous wave.
import { eq, inArray } from 'drizzle-orm';
import { compareWaves } from '../../../analysis/compare';
import { observationWindow, type Period } from '../../../analysis/compare-window';
import { objectiveProgress } from '../../../analysis/objectives';
import { residentPlaces } from '../../../analysis/resident-places';
import { strengthsFromAnswers } from '../../../analysis/strengths';
import { dimensions, scoreResponse } from '../../../surveys/scoring';
import { diagnoses, institutions } from '../../db/schema';
import type { AppDeps } from '../../deps';
import type { Diagnosis } from '../diagnoses/territory';
import type { Answers } from '../../../surveys/definition';
import type { AnalysisQuery } from './analysis.schemas';
import { scopedZones, signalFilter, tableFilter } from './compute';
import { selectRows, tally, timeSpan } from '../../../analysis/signal-table';
import type { Evidence } from './evidence';

export function computeStrengths(e: Evidence, q: AnalysisQuery) {
  const responses = q.area ? e.responses.filter((r) => r.areaId === q.area) : e.responses;
  const institutions = q.area ? e.institutions.filter((i) => i.areaId === q.area) : e.institutions;
  const zones = scopedZones(e, q);
  // Filtered on the columns; the method reads zone, intensity and categories of resident signals.
  const signals = tally(e.signals, selectRows(e.signals, { ...tableFilter(q), sources: ['resident'] }), ['zone', 'intensity', 'categories', 'source']);
  const byKind = new Map<string, { invited: number; draft: number; submitted: number }>();
  for (const i of institutions) {
    const k = byKind.get(i.kind) ?? { invited: 0, draft: 0, submitted: 0 };
    k.invited++;
    if (i.status === 'draft') k.draft++;
    if (i.status === 'submitted') k.submitted++;
    byKind.set(i.kind, k);
  }
  return {
    institutions: strengthsFromAnswers(responses.map((r) => ({ institutionId: r.institutionId, kind: r.kind, areaId: r.areaId, answers: r.answers as Answers }))),
    dimensionLabels: Object.fromEntries(dimensions.map((d) => [d.id, d.label])),
    participation: { institutions: institutions.length, submitted: responses.length, byKind: [...byKind].map(([kind, v]) => ({ kind, ...v })) },
    residents: residentPlaces(
      signals,
      zones.map((z) => ({ zoneId: z.id, name: z.name, population: z.population, areaKm2: z.areaKm2 })),
    ),
  };
}

/** The wave's observation period: its configured dates, else the days its signals span, else none (nothing observed). */
function wavePeriod(d: Diagnosis, e: Evidence): Period | null {
  const { periodFrom, periodTo } = d.settings;
  if (periodFrom && periodTo && Date.parse(periodTo) >= Date.parse(periodFrom)) return { from: periodFrom, to: periodTo };
  const span = timeSpan(e.signals);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return span ? { from: day(span.min), to: day(span.max) } : null;
}

const eventsIn = (t: Evidence['signals'], rows: Uint32Array) => {
  let n = 0;
  for (let j = 0; j < rows.length; j++) n += t.count[rows[j]];
  return n;
};

function waveInput(d: Diagnosis, e: Evidence, q: AnalysisQuery, zoneIdOf: (id: string | null | undefined) => string | null | undefined, institutionIdOf: (id: string) => string) {
  const inArea = (areaId: string | null) => !q.area || areaId === q.area;
  const period = wavePeriod(d, e);
  // Counted: the query's signals (residents unless it names sources) inside the overlap of its
  // dates with the wave's period, the same window compareWaves takes the exposure from.
  const filter = tableFilter(q);
  const window = observationWindow({ period }, filter);
  const rows = window.days > 0 ? selectRows(e.signals, { ...filter, from: window.from ?? undefined, to: window.to ?? undefined }) : new Uint32Array(0);
  return {
    signals: tally(e.signals, rows, ['zone', 'categories']).map((s) => ({ ...s, zoneId: zoneIdOf(s.zoneId) })),
    period,
    outsidePeriod: eventsIn(e.signals, selectRows(e.signals, filter)) - eventsIn(e.signals, rows),
    zones: e.zones.filter((z) => inArea(z.areaId)).map((z) => ({ zoneId: zoneIdOf(z.id)!, name: z.name, population: z.population, areaKm2: z.areaKm2 })),
    institutions: e.responses.filter((r) => inArea(r.areaId)).map((r) => ({ institutionId: institutionIdOf(r.institutionId), kind: r.kind, areaId: r.areaId, scores: scoreResponse(r.answers as Answers) })),
  };
}

export async function computeCompare(deps: AppDeps, d: Diagnosis, e: Evidence, q: AnalysisQuery, evidenceOf: (d: Diagnosis) => Promise<Evidence>) {
  const objectives = e.objectives.flatMap((o) =>
    o.indicators.map((i) => ({ id: i.id, name: `${o.code} · ${i.name}`, baseline: i.baseline, target: i.target, measured: i.measured, unit: i.unit, direction: i.direction ?? undefined })),
  );
  if (!d.previousWaveId) {
    return { previous: null, objectives: objectives.map((o) => ({ ...objectiveProgress(o), unit: o.unit })) };
  }
  const [prev] = await deps.db.select().from(diagnoses).where(eq(diagnoses.id, d.previousWaveId));
  const before = await evidenceOf(prev);
  // Areas, too, are copied with new ids: the previous wave's area is the one with the same name.
  const areaName = q.area ? e.areas.find((a) => a.id === q.area)?.name : undefined;
  const prevArea = q.area ? (before.areas.find((a) => a.name === areaName)?.id ?? q.area) : undefined;
  // A follow-up wave copies the zones with new ids: match them by name so changes line up.
  const currentIdByName = new Map(e.zones.map((z) => [z.name, z.id]));
  const prevName = new Map(before.zones.map((z) => [z.id, z.name]));
  // Institutions are copied with new ids too (setup's follow-up): the same kind and name is the
  // same institution, so its two answers are paired.
  const named = await deps.db.select({ id: institutions.id, diagnosisId: institutions.diagnosisId, name: institutions.name, kind: institutions.kind }).from(institutions).where(inArray(institutions.diagnosisId, [d.id, prev.id]));
  const key = (i: { kind: string; name: string }) => `${i.kind}\u0000${i.name.trim().toLowerCase()}`;
  const currentInstitution = new Map(named.filter((i) => i.diagnosisId === d.id).map((i) => [key(i), i.id]));
  const prevInstitution = new Map(named.filter((i) => i.diagnosisId === prev.id).map((i) => [i.id, currentInstitution.get(key(i)) ?? i.id]));
  const result = compareWaves(
    waveInput(prev, before, { ...q, area: prevArea }, (id) => (id ? (currentIdByName.get(prevName.get(id) ?? '') ?? id) : id), (id) => prevInstitution.get(id) ?? id),
    waveInput(d, e, q, (id) => id, (id) => id),
    { objectives, filter: signalFilter(q), prefiltered: true },
  );
  return { previous: { slug: prev.slug, title: prev.title, wave: prev.wave }, ...result };
}
