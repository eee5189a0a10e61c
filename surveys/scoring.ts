// Scores an institution's answers on each dimension, 0-100: every answered item is turned into
// points by its scale (reversed when its polarity is -1), and a dimension is the weighted mean of
// its answered items. Items left unanswered, or answered with a "not applicable" choice, are left
// out; a dimension with no item left is omitted rather than reported as zero.
import type { Answers } from './definition';
import type { DimensionId, ScoreItem, ScoringMap } from './dimensions';
import { institutionScoring } from './institution';

export { dimensions, dimensionIds, scored } from './dimensions';
export type { DimensionId, ScoreItem, ScoringMap, ValueScale } from './dimensions';
export { institutionScoring };

export type DimensionScores = Partial<Record<DimensionId, number>>;
export type ItemScore = { name: string; dimension: DimensionId; weight: number; score: number };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The answer an item name addresses: `q`, `matrix.row` or `matrix.row.column`. */
export function answerAt(answers: Answers, name: string): unknown {
  let value: unknown = answers;
  for (const key of name.split('.')) {
    if (!isPlainObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** Points 0-100 before polarity, or null when the answer says nothing on this item. */
export function pointsOf(item: ScoreItem, value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const scale = item.scale;
  if ('points' in scale) {
    const lookup = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? scale.points[String(v)] : undefined);
    if (Array.isArray(value)) {
      if (value.length === 0) return null;
      const points = value.map(lookup);
      if (points.some((p) => p === undefined)) return null;
      if (points.every((p) => p === null)) return null;
      return Math.min(100, points.reduce<number>((sum, p) => sum + (p ?? 0), 0));
    }
    const p = lookup(value);
    return p === undefined ? null : p;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const clamped = Math.min(scale.max, Math.max(scale.min, value));
  return ((clamped - scale.min) / (scale.max - scale.min)) * 100;
}

/** Per-item scores after polarity, for answered and applicable items only. */
export function scoreItems(answers: Answers, map: ScoringMap = institutionScoring): ItemScore[] {
  const out: ItemScore[] = [];
  for (const item of map) {
    const points = pointsOf(item, answerAt(answers, item.name));
    if (points === null) continue;
    const score = item.polarity === -1 ? 100 - points : points;
    out.push({ name: item.name, dimension: item.dimension, weight: item.weight, score });
  }
  return out;
}

export function scoreResponse(answers: Answers, map: ScoringMap = institutionScoring): DimensionScores {
  const sums = new Map<DimensionId, { weighted: number; weight: number }>();
  for (const s of scoreItems(answers, map)) {
    const acc = sums.get(s.dimension) ?? { weighted: 0, weight: 0 };
    acc.weighted += s.score * s.weight;
    acc.weight += s.weight;
    sums.set(s.dimension, acc);
  }
  const out: DimensionScores = {};
  for (const [dimension, { weighted, weight }] of sums) {
    if (weight > 0) out[dimension] = weighted / weight;
  }
  return out;
}
