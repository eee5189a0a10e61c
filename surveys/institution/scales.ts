// Answer scales shared by several pages of the institutional questionnaire, with the points each
// step scores. Keeping a scale and its points together means a new step cannot go unscored.
import { type Choice, choice } from '../definition';
import type { ValueScale } from '../dimensions';

export const agreementScale: Choice[] = [
  choice(1, 'Per niente d’accordo', 'Strongly disagree'),
  choice(2, 'Poco d’accordo', 'Disagree'),
  choice(3, 'Né d’accordo né in disaccordo', 'Neither agree nor disagree'),
  choice(4, 'Abbastanza d’accordo', 'Agree'),
  choice(5, 'Del tutto d’accordo', 'Strongly agree'),
];
export const agreementPoints: ValueScale = { min: 1, max: 5 };

export const severityScale: Choice[] = [
  choice('none', 'Assente', 'Not present'),
  choice('low', 'Bassa', 'Low'),
  choice('medium', 'Media', 'Medium'),
  choice('high', 'Alta', 'High'),
  choice('veryHigh', 'Molto alta', 'Very high'),
  choice('unknown', 'Non so', 'Don’t know'),
];

export const trendScale: Choice[] = [
  choice('decreasing', 'In diminuzione', 'Decreasing'),
  choice('stable', 'Stabile', 'Stable'),
  choice('increasing', 'In aumento', 'Increasing'),
  choice('unknown', 'Non so', 'Don’t know'),
];
/** Knowing the trend, whichever way it goes, is what the knowledge dimension rewards. */
export const trendKnownPoints: ValueScale = { points: { decreasing: 100, stable: 100, increasing: 100, unknown: 0 } };

export const policyStatusScale: Choice[] = [
  choice('absent', 'Non presente', 'Not present'),
  choice('planned', 'Programmato', 'Planned'),
  choice('active', 'Attivo', 'Active'),
  choice('evaluated', 'Attivo e valutato', 'Active and evaluated'),
  choice('notCompetent', 'Non di competenza dell’ente', 'Not within our remit'),
];
export const policyStatusPoints: ValueScale = {
  points: { absent: 0, planned: 33, active: 67, evaluated: 100, notCompetent: null },
};

export const cooperationScale: Choice[] = [
  choice('none', 'Nessun rapporto', 'No contact'),
  choice('occasional', 'Occasionale', 'Occasional'),
  choice('regular', 'Regolare', 'Regular'),
  choice('structured', 'Strutturata (accordi, tavoli stabili)', 'Structured (agreements, standing tables)'),
];
export const cooperationPoints: ValueScale = { points: { none: 0, occasional: 33, regular: 67, structured: 100 } };

export const frequencyScale: Choice[] = [
  choice('never', 'Mai', 'Never'),
  choice('sometimes', 'Qualche volta', 'Sometimes'),
  choice('often', 'Spesso', 'Often'),
  choice('always', 'Sempre', 'Always'),
];
export const frequencyPoints: ValueScale = { points: { never: 0, sometimes: 33, often: 67, always: 100 } };

/** An exclusive "none" choice for checkbox lists. */
export function noneChoice(it: string, en: string): Choice {
  return { ...choice('none', it, en), isExclusive: true };
}

/** Points for a checkbox: `each` per selected choice (capped at 100 by the scorer), 0 for "none". */
export function perChoicePoints(choices: readonly Choice[], each: number): ValueScale {
  return { points: Object.fromEntries(choices.map((c) => [String(c.value), c.value === 'none' ? 0 : each])) };
}
