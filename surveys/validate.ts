// Server-side validation of questionnaire answers against the same definition the form renders.
// Pure JavaScript (survey-core's ConditionRunner is the only dependency), so the API runs it on
// Node and Workers and the web app may run it too. One error entry per bad question.
//
// Both modes: unknown names and wrong shapes are refused. Submit mode also demands every visible,
// enabled question that is required (isRequired or requiredIf), every row of `eachRowRequired`
// grids, every row of a required matrixdropdown column, and `minSelectedChoices`.
import { checkValue } from './check-value';
import { evaluateCondition, questionState } from './conditions';
import type { Answers, Question, SurveyDefinition } from './definition';
import type { Label } from './i18n';
import { listQuestions } from './walk';

export type ValidationMode = 'draft' | 'submit';
export type AnswerError = { name: string; message: Label };
export type ValidationResult = { ok: true } | { ok: false; errors: AnswerError[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Empty as SurveyJS sees it: nothing, blank text, empty list, or a grid with no answered cell. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.values(value).every(isEmptyAnswer);
  return false;
}

const required: Label = { it: 'Risposta obbligatoria.', en: 'An answer is required.' };

function missingRows(rows: string[]): Label {
  const list = rows.join(', ');
  return { it: `Manca la risposta per le righe: ${list}.`, en: `Answers are missing for the rows: ${list}.` };
}

/** What submit mode asks of a visible, enabled question beyond a well-shaped value. */
function completeness(question: Question, value: unknown, isRequired: boolean, answers: Answers): Label | null {
  const empty = isEmptyAnswer(value);
  if (isRequired && empty) return required;
  switch (question.type) {
    case 'checkbox':
    case 'tagbox':
    case 'ranking': {
      const min = question.minSelectedChoices ?? 0;
      const chosen = Array.isArray(value) ? value : [];
      const exclusiveAlone = chosen.length === 1 && question.choices.some((c) => c.isExclusive && c.value === chosen[0]);
      if (min > 0 && chosen.length < min && !exclusiveAlone)
        return { it: `Scegliere almeno ${min} voci.`, en: `Choose at least ${min} items.` };
      return null;
    }
    case 'matrix': {
      if (!question.eachRowRequired) return null;
      const cells = isPlainObject(value) ? value : {};
      const missing = question.rows
        .filter((r) => !r.visibleIf || evaluateCondition(r.visibleIf, answers))
        .map((r) => String(r.value))
        .filter((r) => isEmptyAnswer(cells[r]));
      return missing.length > 0 ? missingRows(missing) : null;
    }
    case 'matrixdropdown': {
      const requiredColumns = question.columns.filter((c) => c.isRequired).map((c) => c.name);
      if (requiredColumns.length === 0) return null;
      const cells = isPlainObject(value) ? value : {};
      const missing = question.rows
        .filter((r) => !r.visibleIf || evaluateCondition(r.visibleIf, answers))
        .map((r) => String(r.value))
        .filter((r) => {
          const row = cells[r];
          return requiredColumns.some((c) => isEmptyAnswer(isPlainObject(row) ? row[c] : undefined));
        });
      return missing.length > 0 ? missingRows(missing) : null;
    }
    default:
      return null;
  }
}

export function validateAnswers(
  definition: SurveyDefinition,
  answers: unknown,
  options: { mode: ValidationMode },
): ValidationResult {
  if (!isPlainObject(answers)) {
    return { ok: false, errors: [{ name: '', message: { it: 'Le risposte devono essere un oggetto.', en: 'Answers must be an object.' } }] };
  }
  const entries = listQuestions(definition);
  const known = new Set(entries.map((e) => e.question.name));
  const errors: AnswerError[] = [];
  // Conditions are evaluated on the well-shaped answers only: a malformed value must not decide
  // whether another question is shown.
  const clean: Answers = {};

  for (const name of Object.keys(answers)) {
    if (!known.has(name)) errors.push({ name, message: { it: 'Domanda sconosciuta.', en: 'Unknown question.' } });
  }
  for (const entry of entries) {
    const { name } = entry.question;
    const value = answers[name];
    if (value === undefined || value === null) continue;
    const shape = checkValue(entry.question, value);
    if (shape) errors.push({ name, message: shape });
    else clean[name] = value;
  }
  if (options.mode === 'submit') {
    const bad = new Set(errors.map((e) => e.name));
    for (const entry of entries) {
      const { name } = entry.question;
      if (bad.has(name)) continue;
      const state = questionState(entry, clean);
      if (!state.visible || !state.enabled) continue;
      const problem = completeness(entry.question, clean[name], state.required, clean);
      if (problem) errors.push({ name, message: problem });
    }
  }
  const order = new Map(entries.map((e, i) => [e.question.name, i]));
  errors.sort((a, b) => (order.get(a.name) ?? -1) - (order.get(b.name) ?? -1));
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
