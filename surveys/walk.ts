// Flattens a definition into its questions, each with the conditions of the page and panels that
// contain it: SurveyJS hides or disables a question whose container is hidden or disabled.
import type { Choice, Question, SurveyDefinition, SurveyElement } from './definition';

export type QuestionEntry = {
  question: Question;
  page: string;
  /** visibleIf of the page, the enclosing panels and the question itself, outermost first. */
  visibleIf: string[];
  enableIf: string[];
};

export function listQuestions(definition: SurveyDefinition): QuestionEntry[] {
  const out: QuestionEntry[] = [];
  const visit = (elements: SurveyElement[], page: string, visibleIf: string[], enableIf: string[]) => {
    for (const el of elements) {
      const vis = el.visibleIf ? [...visibleIf, el.visibleIf] : visibleIf;
      const en = el.enableIf ? [...enableIf, el.enableIf] : enableIf;
      if (el.type === 'panel') visit(el.elements, page, vis, en);
      else out.push({ question: el, page, visibleIf: vis, enableIf: en });
    }
  };
  for (const page of definition.pages) {
    visit(
      page.elements,
      page.name,
      page.visibleIf ? [page.visibleIf] : [],
      page.enableIf ? [page.enableIf] : [],
    );
  }
  return out;
}

export function findQuestion(definition: SurveyDefinition, name: string): Question | undefined {
  return listQuestions(definition).find((e) => e.question.name === name)?.question;
}

export function choiceValues(choices: readonly Choice[]): Array<string | number> {
  return choices.map((c) => c.value);
}

/** A copy of the definition where the named choice question offers `choices`. */
export function withChoices(definition: SurveyDefinition, name: string, choices: Choice[]): SurveyDefinition {
  const copy = structuredClone(definition);
  const q = listQuestions(copy).find((e) => e.question.name === name)?.question;
  if (!q || !('choices' in q)) throw new Error(`No choice question named "${name}"`);
  q.choices = choices.map((c) => ({ ...c }));
  return copy;
}
