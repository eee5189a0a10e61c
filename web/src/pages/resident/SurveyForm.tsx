// A SurveyJS form from a definition in surveys/, in the page's language; hands the answers over
// on completion instead of showing SurveyJS's own "thank you" page.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Model, type QuestionRatingModel } from 'survey-core';
import 'survey-core/i18n/italian';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import type { SurveyDefinition } from '../../../../surveys/definition';

type Props = { definition: SurveyDefinition; onComplete: (data: Record<string, unknown>) => void; name: string };

export function SurveyForm({ definition, onComplete, name }: Props) {
  const { i18n } = useTranslation();
  const done = useRef(onComplete);
  done.current = onComplete;
  const model = useMemo(() => {
    const m = new Model(definition);
    m.showCompletePage = false;
    // SurveyJS turns a rating into a dropdown when it guesses the row is too narrow (it does at
    // 390 px); five large buttons fit a 360 px phone and take one tap instead of two.
    for (const q of m.getAllQuestions()) if (q.getType() === 'rating') (q as QuestionRatingModel).displayMode = 'buttons';
    m.locale = i18n.language === 'en' ? 'en' : 'it';
    m.onComplete.add((sender) => done.current(sender.data as Record<string, unknown>));
    return m;
    // One model per definition: the language is switched on the live model below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [definition]);
  useEffect(() => {
    model.locale = i18n.language === 'en' ? 'en' : 'it';
  }, [model, i18n.language]);
  return (
    <div className="r-survey" data-testid={`survey-${name}`}>
      <Survey model={model} />
    </div>
  );
}
