// Strengths and weaknesses (institutions' questionnaires + residents' places) and the
// comparison with the previous wave.
import { eq } from 'drizzle-orm';
import { compareWaves } from '../../../analysis/compare';
import { objectiveProgress } from '../../../analysis/objectives';
import { residentPlaces } from '../../../analysis/resident-places';
import { strengthsFromAnswers } from '../../../analysis/strengths';
import { dimensions, scoreResponse } from '../../../surveys/scoring';
import { diagnoses } from '../../db/schema';
import type { AppDeps } from '../../deps';
import type { Diagnosis } from '../diagnoses/territory';
import type { Answers } from '../../../surveys/definition';
import type { AnalysisQuery } from './analysis.schemas';
import { scopedZones, tableFilter } from './compute';
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

const DAY_MS = 86_400_000;

/** The wave's observation period: its configured dates, else the span of its signals. */
function periodDays(d: Diagnosis, e: Evidence): number {
  const from = d.settings.periodFrom ? Date.parse(d.settings.periodFrom) : NaN;
  const to = d.settings.periodTo ? Date.parse(d.settings.periodTo) : NaN;
  if (Number.isFinite(from) && Number.isFinite(to) && to > from) return (to - from) / DAY_MS + 1;
  const span = timeSpan(e.signals);
  return span && span.max > span.min ? (span.max - span.min) / DAY_MS + 1 : 365;
}

function waveInput(d: Diagnosis, e: Evidence, q: AnalysisQuery, zoneIdOf: (id: string | null | undefined) => string | null | undefined) {
  const inArea = (areaId: string | null) => !q.area || areaId === q.area;
  return {
    // Filtered here on the columns (compareWaves gets no filter of its own); it reads zone and categories.
    signals: tally(e.signals, selectRows(e.signals, tableFilter(q)), ['zone', 'categories']).map((s) => ({ ...s, zoneId: zoneIdOf(s.zoneId) })),
    periodDays: periodDays(d, e),
    zones: e.zones.filter((z) => inArea(z.areaId)).map((z) => ({ zoneId: zoneIdOf(z.id)!, name: z.name, population: z.population, areaKm2: z.areaKm2 })),
    institutions: e.responses.filter((r) => inArea(r.areaId)).map((r) => ({ institutionId: r.institutionId, kind: r.kind, areaId: r.areaId, scores: scoreResponse(r.answers as Answers) })),
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
  const result = compareWaves(
    waveInput(prev, before, { ...q, area: prevArea }, (id) => (id ? (currentIdByName.get(prevName.get(id) ?? '') ?? id) : id)),
    waveInput(d, e, q, (id) => id),
    { objectives },
  );
  return { previous: { slug: prev.slug, title: prev.title, wave: prev.wave }, ...result };
}
