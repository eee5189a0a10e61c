// Strengths and weaknesses of the territory as the institutions see them: per dimension, how high
// the institutions score it and how much they agree. Scores per respondent come from the surveys'
// scoring map (surveys/scoring.ts, scoreResponse): 0–100, higher is better.
//
// Rules (defaults, all configurable, reported in `method`):
// - agreement = 1 − SD/50, clipped to [0, 1] (SD with divisor n − 1). 50 is the largest SD a
//   0–100 score can have (half at 0, half at 100): 1 = unanimous, 0 = split in two camps;
// - high agreement: agreement ≥ 0.6 (SD ≤ 20 points);
// - strength: mean ≥ 60 with high agreement; weakness: mean ≤ 40 with high agreement;
//   contested: agreement below 0.6; neutral: high agreement, mean between 40 and 60;
//   insufficient: fewer than 3 respondents (no spread can be judged);
// - the same rule per area and per institution kind.
import { mean, quantile, sampleSd } from './descriptive';
import { scoreResponse, type ScoringMap } from '../surveys/scoring';
import type { Answers } from '../surveys/definition';

export type DimensionClass = 'strength' | 'weakness' | 'contested' | 'neutral' | 'insufficient';

export interface InstitutionScores {
  institutionId: string;
  kind: string;
  areaId?: string | null;
  /** Dimension → score 0–100 (a dimension the respondent did not score is absent). */
  scores: Partial<Record<string, number>>;
}

export interface StrengthOptions {
  strengthAt?: number;
  weaknessAt?: number;
  highAgreement?: number;
  minRespondents?: number;
}

export interface DimensionSummary {
  dimension: string;
  n: number;
  mean: number;
  sd: number;
  median: number;
  q1: number;
  q3: number;
  iqr: number;
  agreement: number;
  class: DimensionClass;
}

export interface StrengthsResult {
  method: Required<StrengthOptions> & { agreement: '1 - SD/50, clipped to [0, 1]'; scale: '0-100, higher is better' };
  dimensions: DimensionSummary[];
  byArea: { areaId: string; dimensions: DimensionSummary[] }[];
  byKind: { kind: string; dimensions: DimensionSummary[] }[];
}

const DEFAULTS: Required<StrengthOptions> = { strengthAt: 60, weaknessAt: 40, highAgreement: 0.6, minRespondents: 3 };

export function summariseDimension(dimension: string, scores: number[], options: StrengthOptions = {}): DimensionSummary {
  const o = { ...DEFAULTS, ...options };
  const n = scores.length;
  const m = mean(scores);
  const sd = n ? sampleSd(scores) : NaN;
  const q1 = quantile(scores, 0.25);
  const q3 = quantile(scores, 0.75);
  const agreement = n ? Math.min(1, Math.max(0, 1 - sd / 50)) : NaN;
  let cls: DimensionClass;
  if (n < o.minRespondents) cls = 'insufficient';
  else if (agreement < o.highAgreement) cls = 'contested';
  else if (m >= o.strengthAt) cls = 'strength';
  else if (m <= o.weaknessAt) cls = 'weakness';
  else cls = 'neutral';
  return { dimension, n, mean: m, sd, median: quantile(scores, 0.5), q1, q3, iqr: q3 - q1, agreement, class: cls };
}

function summarise(rows: readonly InstitutionScores[], options: StrengthOptions): DimensionSummary[] {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    for (const [dimension, score] of Object.entries(r.scores)) {
      if (typeof score !== 'number' || !Number.isFinite(score)) continue;
      if (!by.has(dimension)) by.set(dimension, []);
      by.get(dimension)!.push(score);
    }
  }
  return [...by.entries()].map(([d, scores]) => summariseDimension(d, scores, options));
}

function groupBy<K extends string>(rows: readonly InstitutionScores[], key: (r: InstitutionScores) => K | null | undefined): Map<K, InstitutionScores[]> {
  const groups = new Map<K, InstitutionScores[]>();
  for (const r of rows) {
    const k = key(r);
    if (k == null) continue;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return groups;
}

export function strengthsWeaknesses(responses: readonly InstitutionScores[], options: StrengthOptions = {}): StrengthsResult {
  const o = { ...DEFAULTS, ...options };
  return {
    method: { ...o, agreement: '1 - SD/50, clipped to [0, 1]', scale: '0-100, higher is better' },
    dimensions: summarise(responses, o),
    byArea: [...groupBy(responses, (r) => r.areaId)].map(([areaId, rows]) => ({ areaId, dimensions: summarise(rows, o) })),
    byKind: [...groupBy(responses, (r) => r.kind)].map(([kind, rows]) => ({ kind, dimensions: summarise(rows, o) })),
  };
}

/** Convenience for raw answers: score each response with the surveys' scoring map first. */
export function strengthsFromAnswers(
  responses: readonly { institutionId: string; kind: string; areaId?: string | null; answers: Answers }[],
  map?: ScoringMap,
  options: StrengthOptions = {},
): StrengthsResult {
  return strengthsWeaknesses(
    responses.map((r) => ({ institutionId: r.institutionId, kind: r.kind, areaId: r.areaId, scores: scoreResponse(r.answers, map) })),
    options,
  );
}
