// Test fixture: a complete, plausible set of answers from a municipality, built from the same row
// lists as the definition so it stays complete when rows are added. Used by the tests only.
import type { Answers } from '../definition';
import { cooperationActorRows } from '../institution/cooperation';
import { policyAreas } from '../institution/policies';
import { problemIds } from '../institution/problems';
import { assessmentStatements } from '../institution/strengths';

export const fixtureZones = [
  { id: 'zone-piazza-roma', name: 'Piazza Roma' },
  { id: 'zone-orti-romani', name: 'Area verde di via Orti Romani' },
];

const byRow = <T>(rows: readonly { value: string | number }[], cell: (row: string, i: number) => T) =>
  Object.fromEntries(rows.map((r, i) => [String(r.value), cell(String(r.value), i)]));

export function completeInstitutionAnswers(): Answers {
  const policies = Object.fromEntries(
    policyAreas.map((area) => [area.name, byRow(area.rows, (_, i) => ['active', 'planned', 'evaluated', 'absent'][i % 4])]),
  );
  return {
    institutionKind: 'comune',
    territoryScope: 'municipal',
    territoryName: 'Comune di Cremona',
    populationBand: '50to250k',
    respondentRole: 'manager',
    jointAnswer: true,
    dataSources: ['policeCrime', 'localPolice', 'citizenReports', 'socialServices'],
    dataSharing: 'regular',
    observatory: 'involved',
    analysisFrequency: 'quarterly',
    perceptionSurveys: 'once',
    knowledgeStatements: { gapKnown: 3, gapConsidered: 4, underReporting: 5, hotspotsKnown: 4 },
    missingData: 'Dati sulle chiamate al 112 per zona e fascia oraria.',
    problems: Object.fromEntries(
      problemIds.map((id, i) => [id, i % 3 === 0 ? { severity: 'high', trend: 'increasing' } : { severity: 'low' }]),
    ),
    concernZones: ['zone-piazza-roma', 'zone-orti-romani'],
    concernNotes: 'Frequentazione serale e spaccio nelle aree verdi.',
    vulnerableGroups: ['elderly', 'women'],
    offenders: ['youngGroups', 'visitors'],
    riskFactors: ['noMeetingPlaces', 'drugMarket'],
    ...policies,
    policyNotes: 'Educativa territoriale con il terzo settore.',
    cooperationActors: byRow(cooperationActorRows, (_, i) => ['regular', 'occasional', 'structured', 'none'][i % 4]),
    agreements: ['prefecturePact', 'thirdSectorAgreements'],
    coordinationTable: 'regular',
    citizenEngagement: ['assemblies', 'reportingChannel'],
    cooperationObstacles: ['staffTime'],
    securityFunction: 'office',
    dedicatedStaff: '1to3',
    staffTraining: 'some',
    budgetBand: '10to50k',
    externalFunding: ['regional'],
    programmingTools: ['dup', 'policePlan'],
    dupObjectives: 'indicators',
    evaluation: { objectivesExAnte: 'often', baseline: 'sometimes', measuredExPost: 'sometimes', resultsUsed: 'never', resultsPublished: 'never' },
    assessment: byRow(
      assessmentStatements.map((s) => ({ value: s.id })),
      (_, i) => (i % 5) + 1,
    ),
    strengthsOpen: 'Rete con il terzo settore e Polizia Locale di prossimità.',
    criticalitiesOpen: 'Poche risorse per la manutenzione e per le fasce serali.',
    priorities: ['prevention', 'knowledge', 'participation'],
    willingnessToSign: 'yes',
    contributions: ['data', 'policing'],
    contributionsNotes: 'Dati della Polizia Locale ogni trimestre.',
  };
}
