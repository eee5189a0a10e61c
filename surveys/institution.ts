// The institutional readiness questionnaire: eight pages, about 20 minutes, following the local
// safety audit (context, problems, victims and offenders, risk factors, existing responses,
// strengths) and what a local security pact asks of its signatories. Its scoring map is assembled
// from the items each page declares beside its questions.
import { type SurveyDefinition, navigationTexts } from './definition';
import type { ScoringMap } from './dimensions';
import { cooperationPage, cooperationScoring } from './institution/cooperation';
import { expectationsPage, expectationsScoring } from './institution/expectations';
import { knowledgePage, knowledgeScoring } from './institution/knowledge';
import { policiesPage, policiesScoring } from './institution/policies';
import { problemsPage, problemsScoring } from './institution/problems';
import { profilePage } from './institution/profile';
import { resourcesPage, resourcesScoring } from './institution/resources';
import { strengthsPage, strengthsScoring } from './institution/strengths';
import { withChoices } from './walk';

/** Bump when a question, choice or scoring item changes meaning; stored with every response. */
export const institutionSurveyVersion = 1;

export const institutionSurvey: SurveyDefinition = {
  locale: 'it',
  title: {
    it: 'Diagnosi di Sicurezza e Legalità: questionario per le istituzioni',
    en: 'Safety and Legality Diagnosis: questionnaire for institutions',
  },
  description: {
    it: 'Il questionario raccoglie elementi di forza e di criticità del territorio in vista di un patto locale di sicurezza. Richiede circa 20 minuti; le risposte vengono salvate e si può riprendere in un secondo momento, anche da un altro dispositivo.',
    en: 'The questionnaire gathers the territory’s strengths and weaknesses ahead of a local security pact. It takes about 20 minutes; answers are saved and you can resume later, even from another device.',
  },
  showQuestionNumbers: 'onPage',
  showProgressBar: true,
  progressBarType: 'pages',
  progressBarShowPageTitles: true,
  questionErrorLocation: 'top',
  ...navigationTexts,
  completeText: { it: 'Invia il questionario', en: 'Submit the questionnaire' },
  completedHtml: {
    it: '<p>Grazie. Le risposte sono state inviate e saranno restituite nella diagnosi.</p>',
    en: '<p>Thank you. Your answers have been submitted and will be reported back in the diagnosis.</p>',
  },
  pages: [profilePage, knowledgePage, problemsPage, policiesPage, cooperationPage, resourcesPage, strengthsPage, expectationsPage],
};

export const institutionScoring: ScoringMap = [
  ...knowledgeScoring,
  ...problemsScoring,
  ...policiesScoring,
  ...cooperationScoring,
  ...resourcesScoring,
  ...strengthsScoring,
  ...expectationsScoring,
];

export type Zone = { id: string; name: string };

/**
 * A copy of the definition whose `concernZones` question offers the diagnosis zones. The web app
 * renders the copy and the API validates against it, so a zone id from another diagnosis is refused.
 */
export function withZones(definition: SurveyDefinition, zones: readonly Zone[]): SurveyDefinition {
  return withChoices(
    definition,
    'concernZones',
    zones.map((z) => ({ value: z.id, text: { it: z.name, en: z.name } })),
  );
}
