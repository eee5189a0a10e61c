// A rough reading-and-answering time for a definition, so the "about N minutes" told to
// respondents is computed from the questions rather than guessed. Seconds per item are
// conventional figures for self-completed web questionnaires, not measurements.
import type { Question, SurveyDefinition } from './definition';
import { listQuestions } from './walk';

const secondsPerPage = 5;

function secondsFor(q: Question): number {
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return 10 + q.choices.length;
    case 'checkbox':
    case 'tagbox':
      return 10 + 1.5 * Math.max(q.choices.length, 5);
    case 'ranking':
      return 8 + 4 * q.choices.length;
    case 'rating':
    case 'boolean':
      return 8;
    case 'text':
      return 12;
    case 'comment':
      // Optional comments are often skipped; required ones take a considered answer.
      return q.isRequired ? 60 : 20;
    case 'matrix':
      return 8 + 5 * q.rows.length;
    case 'matrixdropdown':
      return 8 + 4 * q.rows.length * q.columns.length;
  }
}

export function estimateMinutes(definition: SurveyDefinition): number {
  const seconds =
    definition.pages.length * secondsPerPage +
    listQuestions(definition)
      .filter((e) => e.visibleIf.length === 0)
      .reduce((sum, e) => sum + secondsFor(e.question), 0);
  return Math.round(seconds / 60);
}
