// What an institution's answers are scored on: the dimensions (the pact's cooperation objectives
// plus prevention, control and participation) and the shape of a scoring item. The items
// themselves sit next to the questions they score, in surveys/institution/*.ts.
import type { Label } from './i18n';

export const dimensions = [
  { id: 'knowledge', label: { it: 'Conoscenza dei fenomeni', en: 'Knowledge of phenomena' } },
  { id: 'strategy', label: { it: 'Strategie d’azione condivise', en: 'Shared strategy' } },
  { id: 'programming', label: { it: 'Strumenti di programmazione', en: 'Programming tools' } },
  { id: 'capacity', label: { it: 'Capacità d’intervento', en: 'Capacity to act' } },
  { id: 'cooperation', label: { it: 'Cooperazione tra attori', en: 'Cooperation between actors' } },
  { id: 'participation', label: { it: 'Partecipazione dei cittadini', en: 'Citizen participation' } },
  { id: 'prevention', label: { it: 'Prevenzione sociale e situazionale', en: 'Social and situational prevention' } },
  { id: 'control', label: { it: 'Controllo del territorio', en: 'Territorial control' } },
  { id: 'evaluation', label: { it: 'Valutazione dell’impatto', en: 'Impact evaluation' } },
] as const satisfies readonly { id: string; label: Label }[];
export type DimensionId = (typeof dimensions)[number]['id'];
export const dimensionIds = dimensions.map((d) => d.id) as [DimensionId, ...DimensionId[]];

/**
 * How an answer becomes a 0-100 score.
 * - `points`: one entry per choice value (numbers as strings, e.g. "3"). A single answer takes its
 *   points; a multi-select answer (checkbox) takes the sum of its choices' points, capped at 100.
 *   `null` marks a choice that says nothing about the dimension ("don't know", "not within our
 *   remit"): the item is then left out, not counted as zero.
 * - `min`/`max`: a numeric answer (rating, Likert cell) mapped linearly, min → 0, max → 100.
 */
export type ValueScale = { points: Readonly<Record<string, number | null>> } | { min: number; max: number };

/**
 * One scored item. `name` addresses the answer:
 * - `question` for a plain question;
 * - `matrix.row` for a cell of a single-select matrix (`type: 'matrix'`);
 * - `matrix.row.column` for a cell of a `matrixdropdown`.
 * Names, rows and columns never contain dots.
 */
export type ScoreItem = {
  name: string;
  dimension: DimensionId;
  /** -1 for statements where agreeing is a weakness: the score becomes 100 - score. */
  polarity: 1 | -1;
  weight: number;
  scale: ValueScale;
};

export type ScoringMap = readonly ScoreItem[];

/** Builds an item with polarity 1 and weight 1 unless told otherwise. */
export function scored(
  name: string,
  dimension: DimensionId,
  scale: ValueScale,
  options: { polarity?: 1 | -1; weight?: number } = {},
): ScoreItem {
  return { name, dimension, scale, polarity: options.polarity ?? 1, weight: options.weight ?? 1 };
}
