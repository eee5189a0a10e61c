import fc from 'fast-check';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { clearHiddenAnswers } from './conditions';
import type { Answers, SurveyDefinition } from './definition';
import { institutionSurvey, withZones } from './institution';
import { perceptionSurvey } from './perception';
import { residentSurvey } from './resident';
import { completeInstitutionAnswers, fixtureZones } from './testing/institution-answers';
import { type ValidationResult, validateAnswers } from './validate';
import { listQuestions } from './walk';

const definition = withZones(institutionSurvey, fixtureZones);
const submit = (answers: unknown, def: SurveyDefinition = definition) => validateAnswers(def, answers, { mode: 'submit' });
const draft = (answers: unknown, def: SurveyDefinition = definition) => validateAnswers(def, answers, { mode: 'draft' });
const names = (r: ValidationResult) => (r.ok ? [] : r.errors.map((e) => e.name));
const without = (answers: Answers, ...keys: string[]) =>
  Object.fromEntries(Object.entries(answers).filter(([k]) => !keys.includes(k)));

/** The questions SurveyJS itself flags, for the same data, rendered headless. */
function surveyJsErrors(def: SurveyDefinition, answers: Answers): string[] {
  const model = new Model(def);
  model.data = answers;
  return model
    .getAllQuestions(true)
    .filter((q) => !q.validate(false))
    .map((q) => q.name)
    .sort();
}

describe('validateAnswers, institution questionnaire', () => {
  it('passes a complete answer set in submit mode, as SurveyJS does', () => {
    const answers = completeInstitutionAnswers();
    expect(submit(answers)).toEqual({ ok: true });
    expect(surveyJsErrors(definition, answers)).toEqual([]);
  });

  it('reports each missing required answer once, with it/en messages', () => {
    const answers = without(completeInstitutionAnswers(), 'institutionKind', 'dataSources', 'strengthsOpen', 'willingnessToSign');
    const result = submit(answers);
    expect(names(result)).toEqual(['institutionKind', 'dataSources', 'strengthsOpen', 'willingnessToSign']);
    if (!result.ok) {
      for (const e of result.errors) {
        expect(e.message.it).toBe('Risposta obbligatoria.');
        expect(e.message.en).toBe('An answer is required.');
      }
    }
  });

  it('demands every row of a grid whose rows are all required, in one entry', () => {
    const answers = completeInstitutionAnswers();
    answers.assessment = { knowledgeAdequate: 4 };
    answers.problems = { lighting: { trend: 'stable' } };
    const result = submit(answers);
    expect(names(result)).toEqual(['problems', 'assessment']);
    if (!result.ok) expect(result.errors[0].message.en).toContain('lighting');
  });

  it('agrees with SurveyJS on which questions are incomplete', () => {
    const answers = without(completeInstitutionAnswers(), 'territoryName', 'agreements', 'evaluation', 'priorities');
    answers.willingnessToSign = 'conditional'; // makes signConditions visible and required
    answers.problems = { lighting: { severity: 'low' } };
    const ours = names(submit(answers)).sort();
    expect(ours).toEqual(['agreements', 'evaluation', 'priorities', 'problems', 'signConditions', 'territoryName']);
    expect(surveyJsErrors(definition, answers)).toEqual(ours);
  });

  it('rejects unknown question names in both modes', () => {
    const answers = { ...completeInstitutionAnswers(), mayorName: 'Mario Rossi' };
    expect(names(submit(answers))).toEqual(['mayorName']);
    expect(names(draft({ mayorName: 'x' }))).toEqual(['mayorName']);
  });

  it('rejects wrong types in both modes', () => {
    const bad = {
      dataSources: 'policeCrime', // checkbox needs a list
      dataSharing: ['regular'], // radiogroup needs one value
      jointAnswer: 'yes', // boolean
      municipalitiesCovered: '12', // number
      territoryName: 42, // text
      knowledgeStatements: [3, 4], // matrix needs an object
      problems: { lighting: 'high' }, // matrixdropdown row needs an object
    };
    for (const mode of ['draft', 'submit'] as const) {
      const result = validateAnswers(definition, { ...completeInstitutionAnswers(), ...bad }, { mode });
      expect(names(result).sort()).toEqual(Object.keys(bad).sort());
    }
  });

  it('rejects choices that are not offered', () => {
    const result = draft({
      institutionKind: 'bank',
      dataSources: ['policeCrime', 'horoscope'],
      knowledgeStatements: { gapKnown: 6 },
      problems: { lighting: { severity: 'catastrophic' } },
      cooperationActors: { mafia: 'regular' },
      concernZones: ['zone-from-another-diagnosis'],
      priorities: ['knowledge', 'knowledge'],
    });
    expect(names(result)).toEqual([
      'institutionKind',
      'dataSources',
      'knowledgeStatements',
      'problems',
      'concernZones',
      'cooperationActors',
      'priorities',
    ]);
  });

  it('refuses zone ids when the definition was not given the diagnosis zones', () => {
    expect(names(draft({ concernZones: ['zone-piazza-roma'] }, institutionSurvey))).toEqual(['concernZones']);
  });

  it('rejects unknown matrix columns, exclusive choices mixed with others, too many choices, too long texts', () => {
    const result = draft({
      problems: { lighting: { severity: 'low', colour: 'red' } },
      agreements: ['none', 'prefecturePact'],
      concernZones: ['zone-piazza-roma', 'zone-orti-romani', 'zone-piazza-roma'],
      missingData: 'x'.repeat(2001),
      municipalitiesCovered: 0,
    });
    expect(names(result)).toEqual(['municipalitiesCovered', 'missingData', 'problems', 'concernZones', 'agreements']);
  });

  it('does not demand a required question that its condition hides', () => {
    const answers = completeInstitutionAnswers();
    // dupObjectives is required for municipalities only.
    const prefecture = { ...without(answers, 'dupObjectives'), institutionKind: 'prefettura' };
    expect(submit(prefecture)).toEqual({ ok: true });
    expect(names(submit({ ...prefecture, institutionKind: 'comune' }))).toEqual(['dupObjectives']);
    // institutionKindOther appears only for "altro".
    expect(names(submit({ ...answers, institutionKind: 'altro' }))).toEqual(['institutionKindOther']);
  });

  it('drops hidden answers the way SurveyJS does on completion', () => {
    const answers = { ...completeInstitutionAnswers(), institutionKind: 'prefettura', signConditions: 'stale draft text' };
    const cleared = clearHiddenAnswers(definition, answers);
    expect(cleared.dupObjectives).toBeUndefined();
    expect(cleared.signConditions).toBeUndefined();
    expect(cleared.institutionKind).toBe('prefettura');
  });

  it('allows partial answers in draft mode but still checks what is there', () => {
    expect(draft({})).toEqual({ ok: true });
    expect(draft({ institutionKind: 'comune', problems: { lighting: { severity: 'high' } } })).toEqual({ ok: true });
    expect(names(submit({ institutionKind: 'comune' })).length).toBeGreaterThan(10);
    expect(names(draft({ institutionKind: 'comune', dataSharing: 'sometimes' }))).toEqual(['dataSharing']);
  });

  it('enforces minSelectedChoices on submit only', () => {
    const answers = { ...completeInstitutionAnswers(), priorities: ['knowledge'] };
    expect(draft(answers)).toEqual({ ok: true });
    const result = submit(answers);
    expect(names(result)).toEqual(['priorities']);
    expect(surveyJsErrors(definition, answers)).toEqual(['priorities']);
  });

  it('treats null as no answer and refuses a non-object', () => {
    expect(draft({ institutionKind: null })).toEqual({ ok: true });
    expect(names(draft([]))).toEqual(['']);
    expect(names(draft('answers'))).toEqual(['']);
  });

  it('never throws and finds every question named in a random answer object', () => {
    const known = listQuestions(definition).map((e) => e.question.name);
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...known, 'stray'), value), fc.constantFrom('draft', 'submit'), (answers, mode) => {
        const result = validateAnswers(definition, answers, { mode: mode as 'draft' | 'submit' });
        if (!result.ok) {
          expect(new Set(result.errors.map((e) => e.name)).size).toBe(result.errors.length);
          for (const e of result.errors) expect(e.message.it && e.message.en).toBeTruthy();
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateAnswers, resident and perception surveys', () => {
  it('accepts a resident report and demands categories, time bands and intensity', () => {
    expect(submit({ categories: ['lighting'], timeBands: ['evening'], intensity: 4, profile_age: '18-29' }, residentSurvey)).toEqual({ ok: true });
    expect(names(submit({ days: ['weekend'] }, residentSurvey))).toEqual(['categories', 'timeBands', 'intensity']);
  });

  it('refuses an out-of-range or fractional intensity and an over-long text', () => {
    const base = { categories: ['lighting'], timeBands: ['night'] };
    expect(names(submit({ ...base, intensity: 6 }, residentSurvey))).toEqual(['intensity']);
    expect(names(submit({ ...base, intensity: 2.5 }, residentSurvey))).toEqual(['intensity']);
    expect(names(submit({ ...base, intensity: 0 }, residentSurvey))).toEqual(['intensity']);
    expect(names(submit({ ...base, intensity: 3, text: 'x'.repeat(501) }, residentSurvey))).toEqual(['text']);
  });

  it('checks the perception survey the same way', () => {
    expect(submit({ safeAfterDark: 'fairly-safe', incivilities: { vandalism: 'often' }, trustLocalPolice: 5 }, perceptionSurvey)).toEqual({ ok: true });
    expect(names(submit({ incivilities: { graffiti: 'often' }, trustMunicipality: 9 }, perceptionSurvey))).toEqual([
      'safeAfterDark',
      'incivilities',
      'trustMunicipality',
    ]);
  });
});
