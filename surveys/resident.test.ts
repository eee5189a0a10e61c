import { describe, expect, it } from 'vitest';
import { residentAnswersToSignal, residentSignalFieldsSchema, residentSurvey } from './resident';
import { ageBands, categories, dayKinds, genders, helps, relations, timeBands } from './taxonomy';
import { validateAnswers } from './validate';
import { findQuestion, listQuestions } from './walk';

describe('resident survey', () => {
  it('names its questions as the API and the form expect', () => {
    expect(listQuestions(residentSurvey).map((e) => e.question.name)).toEqual([
      'categories',
      'timeBands',
      'days',
      'intensity',
      'helps',
      'text',
      'profile_age',
      'profile_gender',
      'profile_relation',
    ]);
  });

  it('offers exactly the taxonomy ids as choices', () => {
    const values = (name: string) => {
      const q = findQuestion(residentSurvey, name);
      return q && 'choices' in q ? q.choices.map((c) => c.value) : [];
    };
    const ids = (list: readonly { id: string }[]) => list.map((o) => o.id);
    expect(values('categories')).toEqual(ids(categories));
    expect(values('timeBands')).toEqual(ids(timeBands));
    expect(values('days')).toEqual(ids(dayKinds));
    expect(values('helps')).toEqual(ids(helps));
    expect(values('profile_age')).toEqual(ids(ageBands));
    expect(values('profile_gender')).toEqual(ids(genders));
    expect(values('profile_relation')).toEqual(ids(relations));
  });

  it('requires categories, time bands and intensity only, and limits the text to 500 characters', () => {
    const required = listQuestions(residentSurvey).filter((e) => e.question.isRequired).map((e) => e.question.name);
    expect(required).toEqual(['categories', 'timeBands', 'intensity']);
    const text = findQuestion(residentSurvey, 'text');
    expect(text?.type === 'comment' && text.maxLength).toBe(500);
    expect(text?.description?.it).toMatch(/moderatore/);
    expect(text?.description?.en).toMatch(/moderator/);
  });
});

describe('residentAnswersToSignal', () => {
  it('maps a full answer set to the signal fields', () => {
    const data = {
      categories: ['drugs', 'lighting'],
      timeBands: ['evening', 'night'],
      days: ['weekend'],
      intensity: 4,
      helps: ['lighting', 'street-educators'],
      text: '  Panchine al buio vicino alla fermata.  ',
      profile_age: '30-44',
      profile_gender: 'woman',
      profile_relation: 'pass',
    } as const;
    const signal = residentAnswersToSignal({ ...data, categories: [...data.categories], timeBands: [...data.timeBands], days: [...data.days], helps: [...data.helps] });
    expect(signal).toEqual({
      categories: ['drugs', 'lighting'],
      timeBands: ['evening', 'night'],
      days: ['weekend'],
      helps: ['lighting', 'street-educators'],
      text: 'Panchine al buio vicino alla fermata.',
      profile: { age: '30-44', gender: 'woman', relation: 'pass' },
      intensity: 4,
    });
    expect(residentSignalFieldsSchema.parse(signal)).toEqual(signal);
  });

  it('leaves out what the resident did not say', () => {
    const signal = residentAnswersToSignal({ categories: ['theft'], timeBands: ['morning'], intensity: 2, days: [], helps: [], text: '   ', profile_gender: 'undisclosed' });
    expect(signal).toEqual({ categories: ['theft'], timeBands: ['morning'], profile: { gender: 'undisclosed' }, intensity: 2 });
    expect(residentSignalFieldsSchema.safeParse(signal).success).toBe(true);
    expect('profile' in residentAnswersToSignal({ categories: ['theft'], timeBands: ['morning'], intensity: 2 })).toBe(false);
  });

  it('produces a payload the schema refuses when the survey would refuse it', () => {
    const incomplete = residentAnswersToSignal({ categories: [], timeBands: ['night'] });
    expect(residentSignalFieldsSchema.safeParse(incomplete).success).toBe(false);
    expect(validateAnswers(residentSurvey, { timeBands: ['night'] }, { mode: 'submit' }).ok).toBe(false);
    expect(residentSignalFieldsSchema.safeParse({ categories: ['lighting', 'lighting'], timeBands: ['night'], intensity: 3 }).success).toBe(false);
    expect(residentSignalFieldsSchema.safeParse({ categories: ['lighting'], timeBands: ['night'], intensity: 3, ip: '1.2.3.4' }).success).toBe(false);
  });
});
