import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, Choice, Question } from './definition';
import { type ScoreItem, dimensions, scored } from './dimensions';
import { institutionScoring, institutionSurvey, withZones } from './institution';
import { agreementPoints } from './institution/scales';
import { pointsOf, scoreItems, scoreResponse } from './scoring';
import { completeInstitutionAnswers, fixtureZones } from './testing/institution-answers';
import { validateAnswers } from './validate';
import { findQuestion } from './walk';

/** The question an item addresses and the choices its value is drawn from. */
function resolve(item: ScoreItem): { question: Question; values: Array<string | number> | 'numeric' } {
  const [name, row, column] = item.name.split('.');
  const question = findQuestion(institutionSurvey, name);
  if (!question) throw new Error(`${item.name}: no question "${name}"`);
  const rowsOf = (rows: Choice[]) => {
    if (!rows.some((r) => String(r.value) === row)) throw new Error(`${item.name}: no row "${row}"`);
  };
  switch (question.type) {
    case 'matrix':
      if (row === undefined || column !== undefined) throw new Error(`${item.name}: a matrix item is matrix.row`);
      rowsOf(question.rows);
      return { question, values: question.columns.map((c) => c.value) };
    case 'matrixdropdown': {
      if (row === undefined || column === undefined) throw new Error(`${item.name}: a matrixdropdown item is matrix.row.column`);
      rowsOf(question.rows);
      const col = question.columns.find((c) => c.name === column);
      if (!col) throw new Error(`${item.name}: no column "${column}"`);
      return { question, values: col.choices.map((c) => c.value) };
    }
    case 'rating':
    case 'text':
      if (row !== undefined) throw new Error(`${item.name}: not a matrix`);
      return { question, values: 'numeric' };
    default:
      if (row !== undefined) throw new Error(`${item.name}: not a matrix`);
      if (!('choices' in question)) throw new Error(`${item.name}: "${name}" has no choices`);
      return { question, values: question.choices.map((c) => c.value) };
  }
}

describe('institution scoring map', () => {
  it('tags only names that exist in the definition, matrix rows and columns included', () => {
    for (const item of institutionScoring) expect(() => resolve(item)).not.toThrow();
    expect(new Set(institutionScoring.map((i) => i.name)).size).toBe(institutionScoring.length);
  });

  it('gives every dimension at least 3 items, each with a positive weight', () => {
    for (const d of dimensions) {
      const items = institutionScoring.filter((i) => i.dimension === d.id);
      expect(items.length, d.id).toBeGreaterThanOrEqual(3);
      expect(d.label.it && d.label.en).toBeTruthy();
    }
    for (const item of institutionScoring) expect(item.weight).toBeGreaterThan(0);
  });

  it('maps every choice of every scored question to points in 0..100 (or explicitly to "not applicable")', () => {
    for (const item of institutionScoring) {
      const { values } = resolve(item);
      const scale = item.scale;
      if (values === 'numeric' || !('points' in scale)) {
        expect('min' in scale, `${item.name} needs a min/max scale`).toBe(true);
        if ('min' in scale) {
          expect(scale.max).toBeGreaterThan(scale.min);
          if (values !== 'numeric') for (const v of values) expect(typeof v, item.name).toBe('number');
        }
        continue;
      }
      expect(Object.keys(scale.points).sort(), item.name).toEqual(values.map(String).sort());
      for (const p of Object.values(scale.points)) {
        if (p !== null) expect(p >= 0 && p <= 100, `${item.name}: ${p}`).toBe(true);
      }
    }
  });

  it('reaches 100 with the best answers and 0 with the worst, in every dimension', () => {
    const extreme = (best: boolean): Answers => {
      const answers: Answers = {};
      for (const item of institutionScoring) {
        const { question, values } = resolve(item);
        const scale = item.scale;
        const wantHigh = best === (item.polarity === 1);
        let value: unknown;
        if ('min' in scale) value = wantHigh ? scale.max : scale.min;
        else {
          const scoredValues = values === 'numeric' ? [] : values.filter((v) => scale.points[String(v)] !== null);
          const points = (v: string | number) => scale.points[String(v)] as number;
          const multi = question.type === 'checkbox' || question.type === 'tagbox';
          if (multi && wantHigh) value = scoredValues.filter((v) => points(v) > 0);
          else {
            const target = wantHigh ? Math.max(...scoredValues.map(points)) : Math.min(...scoredValues.map(points));
            const v = scoredValues.find((x) => points(x) === target);
            value = multi ? [v] : v;
          }
        }
        const [name, row, column] = item.name.split('.');
        if (row === undefined) answers[name] = value;
        else if (column === undefined) answers[name] = { ...(answers[name] as object), [row]: value };
        else {
          const rows = (answers[name] ?? {}) as Record<string, object>;
          answers[name] = { ...rows, [row]: { ...rows[row], [column]: value } };
        }
      }
      return answers;
    };
    const best = scoreResponse(extreme(true));
    const worst = scoreResponse(extreme(false));
    for (const d of dimensions) {
      expect(best[d.id], d.id).toBeCloseTo(100, 6);
      expect(worst[d.id], d.id).toBeCloseTo(0, 6);
    }
  });

  it('scores any valid answer set within 0..100', () => {
    const full = completeInstitutionAnswers();
    const keys = Object.keys(full);
    const definition = withZones(institutionSurvey, fixtureZones);
    fc.assert(
      fc.property(fc.subarray(keys), (kept) => {
        const answers = Object.fromEntries(kept.map((k) => [k, full[k]]));
        expect(validateAnswers(definition, answers, { mode: 'draft' }).ok).toBe(true);
        for (const v of Object.values(scoreResponse(answers))) expect(v >= 0 && v <= 100).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('scoreResponse', () => {
  it('computes the hand-worked example on a small map', () => {
    // knowledge: analysisFrequency quarterly = 80 (w 1), gapKnown 4 → 75 (w 1), dataSources 2 × 20 = 40 (w 2)
    //   → (80 + 75 + 2 × 40) / 4 = 58.75
    // strategy: emergencyDriven 4 → 75, reversed → 25 (w 1); willingnessToSign conditional = 67 (w 3)
    //   → (25 + 3 × 67) / 4 = 56.5
    // capacity: budgetBand "unknown" is not applicable → no item left → omitted
    // control: unanswered → omitted
    const map: ScoreItem[] = [
      scored('analysisFrequency', 'knowledge', { points: { never: 0, emergencies: 20, yearly: 50, quarterly: 80, monthly: 100 } }),
      scored('knowledgeStatements.gapKnown', 'knowledge', agreementPoints),
      scored('dataSources', 'knowledge', { points: { policeCrime: 20, istat: 20, media: 20, none: 0 } }, { weight: 2 }),
      scored('assessment.emergencyDriven', 'strategy', agreementPoints, { polarity: -1 }),
      scored('willingnessToSign', 'strategy', { points: { yes: 100, conditional: 67, undecided: 33, no: 0 } }, { weight: 3 }),
      scored('budgetBand', 'capacity', { points: { none: 0, lt10k: 25, unknown: null } }),
      scored('policiesControl.videoSurveillance', 'control', { points: { absent: 0, active: 100 } }),
    ];
    const answers: Answers = {
      analysisFrequency: 'quarterly',
      knowledgeStatements: { gapKnown: 4, underReporting: 1 },
      dataSources: ['policeCrime', 'istat'],
      assessment: { emergencyDriven: 4 },
      willingnessToSign: 'conditional',
      budgetBand: 'unknown',
    };
    expect(scoreResponse(answers, map)).toEqual({ knowledge: 58.75, strategy: 56.5 });
  });

  it('uses the institution map by default, and matrixdropdown cells by row and column', () => {
    // Only trend cells answered: two known trends (100) and one "unknown" (0), equal weights → 66.67.
    const answers: Answers = {
      problems: { lighting: { severity: 'high', trend: 'increasing' }, theft: { trend: 'stable' }, drugs: { trend: 'unknown' } },
    };
    const scores = scoreResponse(answers);
    expect(Object.keys(scores)).toEqual(['knowledge']);
    expect(scores.knowledge).toBeCloseTo(200 / 3, 10);
  });

  it('caps a multi-select at 100 and leaves out "not within our remit"', () => {
    const item = scored('agreements', 'cooperation', { points: { a: 60, b: 60, none: 0 } });
    expect(pointsOf(item, ['a', 'b'])).toBe(100);
    expect(pointsOf(item, ['none'])).toBe(0);
    expect(pointsOf(item, [])).toBeNull();
    const answers: Answers = { policiesPhysical: { lighting: 'notCompetent', maintenance: 'active' } };
    expect(scoreItems(answers).map((s) => [s.name, s.score])).toEqual([['policiesPhysical.maintenance', 67]]);
  });

  it('scores the complete fixture on every dimension', () => {
    const scores = scoreResponse(completeInstitutionAnswers());
    expect(Object.keys(scores).sort()).toEqual(dimensions.map((d) => d.id).sort());
  });
});
