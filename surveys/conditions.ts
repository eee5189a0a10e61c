// Evaluates the visibleIf / enableIf / requiredIf expressions of a definition against a set of
// answers with survey-core's own ConditionRunner, so the server decides exactly as the form does.
// ConditionRunner is pure JavaScript (no DOM): it runs in Node, Workers and the browser.
import { ConditionRunner } from 'survey-core';
import type { Answers, SurveyDefinition } from './definition';
import { type QuestionEntry, listQuestions } from './walk';

const runners = new Map<string, ConditionRunner>();

export function evaluateCondition(expression: string, answers: Answers): boolean {
  let runner = runners.get(expression);
  if (!runner) {
    runner = new ConditionRunner(expression);
    runners.set(expression, runner);
  }
  try {
    return runner.runValues(answers);
  } catch {
    // survey-core throws on values it cannot compare (e.g. objects without a prototype): such a
    // condition is simply not met.
    return false;
  }
}

export type QuestionState = { visible: boolean; enabled: boolean; required: boolean };

export function questionState(entry: QuestionEntry, answers: Answers): QuestionState {
  const q = entry.question;
  const hiddenForLackOfChoices = 'hideIfChoicesEmpty' in q && q.hideIfChoicesEmpty === true && q.choices.length === 0;
  const visible = !hiddenForLackOfChoices && entry.visibleIf.every((e) => evaluateCondition(e, answers));
  const enabled = entry.enableIf.every((e) => evaluateCondition(e, answers));
  const required = q.isRequired === true || (q.requiredIf !== undefined && evaluateCondition(q.requiredIf, answers));
  return { visible, enabled, required };
}

/**
 * The answers without those of hidden questions, as SurveyJS leaves them on completion
 * (`clearInvisibleValues: 'onComplete'`). Store or score this on submit so a hidden answer left
 * over from an earlier draft does not count.
 */
export function clearHiddenAnswers(definition: SurveyDefinition, answers: Answers): Answers {
  const hidden = new Set(
    listQuestions(definition)
      .filter((e) => !questionState(e, answers).visible)
      .map((e) => e.question.name),
  );
  return Object.fromEntries(Object.entries(answers).filter(([name]) => !hidden.has(name)));
}
