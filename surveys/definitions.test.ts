// Checks every questionnaire definition against SurveyJS itself (headless) and against our own
// rules: Italian and English for every string, stable ids, expressions that name real questions.
import { Model, type Question as SurveyQuestion } from 'survey-core';
import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from './definition';
import { estimateMinutes } from './estimate';
import { institutionSurvey, withZones } from './institution';
import { perceptionSurvey } from './perception';
import { residentSurvey } from './resident';
import { fixtureZones } from './testing/institution-answers';
import { listQuestions } from './walk';

const all: Array<[string, SurveyDefinition]> = [
  ['resident', residentSurvey],
  ['perception', perceptionSurvey],
  ['institution', withZones(institutionSurvey, fixtureZones)],
];

/** Every {it, en} object in a definition, with its JSON path. */
function labels(node: unknown, path = ''): Array<{ path: string; it: unknown; en: unknown }> {
  if (Array.isArray(node)) return node.flatMap((n, i) => labels(n, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const obj = node as Record<string, unknown>;
  if ('it' in obj || 'en' in obj) return [{ path, it: obj.it, en: obj.en }];
  return Object.entries(obj).flatMap(([k, v]) => labels(v, `${path}.${k}`));
}

describe.each(all)('%s survey definition', (_, definition) => {
  it('loads in SurveyJS without JSON errors', () => {
    const model = new Model(definition);
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.getAllQuestions().map((q: SurveyQuestion) => q.name)).toEqual(listQuestions(definition).map((e) => e.question.name));
  });

  it('has a non-empty Italian and English text for every string, and no plain strings where SurveyJS shows text', () => {
    const found = labels(definition);
    expect(found.length).toBeGreaterThan(5);
    for (const l of found) {
      expect(typeof l.it === 'string' && l.it.trim() !== '', `${l.path}.it`).toBe(true);
      expect(typeof l.en === 'string' && l.en.trim() !== '', `${l.path}.en`).toBe(true);
    }
    for (const e of listQuestions(definition)) {
      const q = e.question as unknown as Record<string, unknown>;
      for (const key of ['title', 'description']) if (key in q) expect(typeof q[key], `${q.name}.${key}`).toBe('object');
    }
  });

  it('shows Italian by default and English after survey.locale = "en"', () => {
    const model = new Model(definition);
    const first = listQuestions(definition)[0].question;
    const q = model.getQuestionByName(first.name);
    expect(q.title).toBe(first.title.it);
    model.locale = 'en';
    expect(q.title).toBe(first.title.en);
    model.locale = 'it';
    expect(q.title).toBe(first.title.it);
  });

  it('uses unique question names and stable ids without spaces or dots as values', () => {
    const entries = listQuestions(definition);
    const names = entries.map((e) => e.question.name);
    expect(new Set(names).size).toBe(names.length);
    const id = /^[A-Za-z0-9<>+-]+$/;
    for (const { question: q } of entries) {
      expect(q.name, q.name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      const lists: Array<Array<{ value: string | number }>> = [];
      if ('choices' in q) lists.push(q.choices);
      if (q.type === 'matrix') lists.push(q.rows, q.columns);
      if (q.type === 'matrixdropdown') lists.push(q.rows, q.columns.map((c) => ({ value: c.name })), ...q.columns.map((c) => c.choices));
      for (const list of lists) {
        const values = list.map((c) => c.value);
        expect(new Set(values).size, q.name).toBe(values.length);
        for (const v of values) expect(String(v), q.name).toMatch(id);
      }
    }
  });

  it('writes conditions that only name questions of the survey', () => {
    const names = new Set(listQuestions(definition).map((e) => e.question.name));
    for (const e of listQuestions(definition)) {
      for (const expr of [...e.visibleIf, ...e.enableIf]) {
        for (const [, ref] of expr.matchAll(/\{([^}.]+)[^}]*\}/g)) expect(names.has(ref), `${e.question.name}: ${expr}`).toBe(true);
      }
    }
  });
});

describe('institution questionnaire', () => {
  it('has the eight diagnosis pages in order and takes about 20 minutes', () => {
    expect(institutionSurvey.pages.map((p) => p.name)).toEqual([
      'profile',
      'knowledge',
      'problems',
      'policies',
      'cooperation',
      'resources',
      'strengths',
      'expectations',
    ]);
    const minutes = estimateMinutes(institutionSurvey);
    expect(minutes).toBeGreaterThanOrEqual(15);
    expect(minutes).toBeLessThanOrEqual(25);
  });

  it('fills concernZones from the diagnosis zones in a copy, leaving the definition untouched', () => {
    const copy = withZones(institutionSurvey, fixtureZones);
    const zonesQuestion = (d: SurveyDefinition) => listQuestions(d).find((e) => e.question.name === 'concernZones')?.question;
    const q = zonesQuestion(copy);
    expect(q && 'choices' in q ? q.choices : []).toEqual([
      { value: 'zone-piazza-roma', text: { it: 'Piazza Roma', en: 'Piazza Roma' } },
      { value: 'zone-orti-romani', text: { it: 'Area verde di via Orti Romani', en: 'Area verde di via Orti Romani' } },
    ]);
    const original = zonesQuestion(institutionSurvey);
    expect(original && 'choices' in original ? original.choices : null).toEqual([]);
    const model = new Model(copy);
    expect(model.getQuestionByName('concernZones').visibleChoices.map((c: { value: unknown }) => c.value)).toEqual(['zone-piazza-roma', 'zone-orti-romani']);
  });

  it('hides concernZones when the diagnosis has no zones', () => {
    const model = new Model(institutionSurvey);
    expect(model.getQuestionByName('concernZones').isVisible).toBe(false);
  });
});
