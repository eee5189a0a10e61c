import { describe, expect, it } from 'vitest';
import { scored } from '../surveys/dimensions';
import { strengthsFromAnswers, strengthsWeaknesses, summariseDimension, type InstitutionScores } from './strengths';

const r = (institutionId: string, kind: string, areaId: string, scores: Record<string, number>): InstitutionScores => ({ institutionId, kind, areaId, scores });

describe('summariseDimension', () => {
  it('computes mean, SD, quartiles and agreement', () => {
    const s = summariseDimension('cooperation', [60, 70, 80, 90]);
    expect(s.mean).toBe(75);
    expect(s.sd).toBeCloseTo(12.909944487358056, 12);
    expect(s.q1).toBe(67.5);
    expect(s.q3).toBe(82.5);
    expect(s.iqr).toBe(15);
    expect(s.agreement).toBeCloseTo(1 - 12.909944487358056 / 50, 12);
    expect(s.class).toBe('strength');
  });

  it('classifies by the documented thresholds', () => {
    expect(summariseDimension('d', [20, 30, 35]).class).toBe('weakness');
    expect(summariseDimension('d', [45, 50, 55]).class).toBe('neutral');
    expect(summariseDimension('d', [0, 100, 0, 100]).class).toBe('contested');
    expect(summariseDimension('d', [0, 100, 0, 100]).agreement).toBe(0);
    expect(summariseDimension('d', [90, 95]).class).toBe('insufficient');
    expect(summariseDimension('d', [90, 95], { minRespondents: 2 }).class).toBe('strength');
    expect(summariseDimension('d', [55, 58, 57], { strengthAt: 55 }).class).toBe('strength');
  });
});

describe('strengthsWeaknesses', () => {
  const rows = [
    r('i1', 'comune', 'piana', { cooperation: 80, control: 30 }),
    r('i2', 'prefettura', 'piana', { cooperation: 70, control: 20 }),
    r('i3', 'comune', 'valle', { cooperation: 75, control: 35 }),
    r('i4', 'scuola', 'valle', { cooperation: 85 }),
  ];

  it('summarises each dimension over the respondents who scored it', () => {
    const s = strengthsWeaknesses(rows);
    const byDim = Object.fromEntries(s.dimensions.map((d) => [d.dimension, d]));
    expect(byDim.cooperation).toMatchObject({ n: 4, mean: 77.5, class: 'strength' });
    expect(byDim.control).toMatchObject({ n: 3, mean: 85 / 3, class: 'weakness' });
    expect(s.method).toMatchObject({ strengthAt: 60, weaknessAt: 40, highAgreement: 0.6, minRespondents: 3 });
  });

  it('breaks down by area and institution kind', () => {
    const s = strengthsWeaknesses(rows, { minRespondents: 2 });
    const piana = s.byArea.find((a) => a.areaId === 'piana')!;
    expect(piana.dimensions.find((d) => d.dimension === 'cooperation')).toMatchObject({ n: 2, mean: 75, class: 'strength' });
    const comune = s.byKind.find((k) => k.kind === 'comune')!;
    expect(comune.dimensions.find((d) => d.dimension === 'control')).toMatchObject({ n: 2, mean: 32.5, class: 'weakness' });
    expect(s.byKind.map((k) => k.kind).sort()).toEqual(['comune', 'prefettura', 'scuola']);
  });

  it('scores raw answers with the surveys scoring map', () => {
    const map = [scored('coop', 'cooperation', { min: 1, max: 5 }), scored('ctrl', 'control', { min: 1, max: 5 }, { polarity: -1 })];
    const s = strengthsFromAnswers(
      [
        { institutionId: 'a', kind: 'comune', answers: { coop: 5, ctrl: 5 } },
        { institutionId: 'b', kind: 'comune', answers: { coop: 4, ctrl: 4 } },
        { institutionId: 'c', kind: 'comune', answers: { coop: 5 } },
      ],
      map,
    );
    const byDim = Object.fromEntries(s.dimensions.map((d) => [d.dimension, d]));
    expect(byDim.cooperation.mean).toBeCloseTo((100 + 75 + 100) / 3, 12);
    expect(byDim.control).toMatchObject({ n: 2, mean: 12.5 });
  });
});
