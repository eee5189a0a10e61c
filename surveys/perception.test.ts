import { describe, expect, it } from 'vitest';
import {
  avoidsEveningOptions,
  incivilityFrequencies,
  incivilityItems,
  perceivedUnsafe,
  perceptionSchema,
  perceptionSurvey,
  safeAfterDarkOptions,
} from './perception';
import { validateAnswers } from './validate';
import { findQuestion, listQuestions } from './walk';

describe('perception survey', () => {
  it('asks the ISTAT item and the four others under stable names', () => {
    expect(listQuestions(perceptionSurvey).map((e) => e.question.name)).toEqual([
      'safeAfterDark',
      'avoidsEvening',
      'incivilities',
      'trustLocalPolice',
      'trustMunicipality',
    ]);
    expect(findQuestion(perceptionSurvey, 'safeAfterDark')?.title.it).toBe(
      'Quanto si sente al sicuro camminando da solo/a per strada quando è buio nella zona in cui vive?',
    );
  });

  it('takes the schema enums and the form choices from the same lists', () => {
    const q = (name: string) => findQuestion(perceptionSurvey, name);
    const safe = q('safeAfterDark');
    const avoids = q('avoidsEvening');
    const inc = q('incivilities');
    expect(safe && 'choices' in safe && safe.choices.map((c) => c.value)).toEqual(perceptionSchema.shape.safeAfterDark.options);
    expect(avoids && 'choices' in avoids && avoids.choices.map((c) => c.value)).toEqual(avoidsEveningOptions.map((o) => o.id));
    expect(inc?.type === 'matrix' && inc.rows.map((r) => r.value)).toEqual(incivilityItems.map((o) => o.id));
    expect(inc?.type === 'matrix' && inc.columns.map((r) => r.value)).toEqual(incivilityFrequencies.map((o) => o.id));
  });

  it('accepts what the form produces and refuses anything else', () => {
    const answer = {
      safeAfterDark: 'not-very-safe',
      avoidsEvening: 'sometimes',
      incivilities: { drugDealing: 'often', prostitution: 'never' },
      trustLocalPolice: 4,
      trustMunicipality: 2,
    };
    expect(perceptionSchema.parse(answer)).toEqual(answer);
    expect(validateAnswers(perceptionSurvey, answer, { mode: 'submit' })).toEqual({ ok: true });
    expect(perceptionSchema.safeParse({ safeAfterDark: 'fairly-safe' }).success).toBe(true);
    for (const bad of [
      {},
      { safeAfterDark: 'safe' },
      { safeAfterDark: 'fairly-safe', trustLocalPolice: 6 },
      { safeAfterDark: 'fairly-safe', trustLocalPolice: 2.5 },
      { safeAfterDark: 'fairly-safe', incivilities: { graffiti: 'often' } },
      { safeAfterDark: 'fairly-safe', incivilities: { vandalism: 'always' } },
      { safeAfterDark: 'fairly-safe', zone: 'z1' },
    ]) {
      expect(perceptionSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('counts not very safe, not safe at all and never out alone as perceived unsafe', () => {
    const unsafe = safeAfterDarkOptions.filter((o) => perceivedUnsafe({ safeAfterDark: o.id })).map((o) => o.id);
    expect(unsafe).toEqual(['not-very-safe', 'not-safe-at-all', 'never-out-alone']);
  });
});
