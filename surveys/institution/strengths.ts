// Page 7, strengths and criticalities: agreement with statements that each speak to one dimension
// (a few worded negatively, scored in reverse, to temper agreeing with everything), then open
// answers on the territory's strengths, assets and weaknesses.
import { type SurveyPage, choice } from '../definition';
import { type DimensionId, type ScoreItem, scored } from '../dimensions';
import { agreementPoints, agreementScale } from './scales';

type Statement = { id: string; it: string; en: string; dimension: DimensionId; polarity?: -1 };

export const assessmentStatements: Statement[] = [
  { id: 'knowledgeAdequate', dimension: 'knowledge', it: 'Disponiamo di informazioni sufficienti per capire i problemi di sicurezza del territorio', en: 'We have enough information to understand the territory’s safety problems' },
  { id: 'sharedPriorities', dimension: 'strategy', it: 'Le istituzioni del territorio condividono le stesse priorità sulla sicurezza', en: 'The territory’s institutions share the same safety priorities' },
  { id: 'clearResponsibilities', dimension: 'strategy', it: 'Ruoli e responsabilità tra gli enti sono chiari', en: 'Roles and responsibilities between institutions are clear' },
  { id: 'emergencyDriven', dimension: 'strategy', polarity: -1, it: 'Gli interventi nascono soprattutto sull’onda delle emergenze e delle pressioni del momento', en: 'Interventions arise mostly in response to emergencies and pressure of the moment' },
  { id: 'programmingIntegrated', dimension: 'programming', it: 'La sicurezza è parte della programmazione ordinaria dell’ente (bilancio, piani, obiettivi)', en: 'Safety is part of the institution’s ordinary programming (budget, plans, objectives)' },
  { id: 'capacityAdequate', dimension: 'capacity', it: 'Personale e risorse sono adeguati ai problemi del territorio', en: 'Staff and resources match the territory’s problems' },
  { id: 'innovation', dimension: 'capacity', it: 'L’ente sa sperimentare interventi nuovi', en: 'The institution is able to try out new interventions' },
  { id: 'cooperationPolice', dimension: 'cooperation', it: 'La collaborazione con le forze dell’ordine funziona bene', en: 'Cooperation with the police forces works well' },
  { id: 'cooperationSocial', dimension: 'cooperation', it: 'La collaborazione con scuole, servizi sociali e terzo settore funziona bene', en: 'Cooperation with schools, social services and the third sector works well' },
  { id: 'fragmentedResources', dimension: 'cooperation', polarity: -1, it: 'Le risorse dei diversi enti restano frammentate e non si integrano', en: 'The resources of different institutions stay fragmented and are not combined' },
  { id: 'citizensInvolved', dimension: 'participation', it: 'I cittadini sono coinvolti nella scelta degli interventi', en: 'Citizens are involved in choosing interventions' },
  { id: 'citizensTrust', dimension: 'participation', it: 'I cittadini hanno fiducia nelle istituzioni locali', en: 'Citizens trust local institutions' },
  { id: 'preventionBalance', dimension: 'prevention', it: 'La prevenzione sociale e urbana ha lo stesso peso del controllo', en: 'Social and urban prevention carry as much weight as control' },
  { id: 'controlAdequate', dimension: 'control', it: 'Il presidio del territorio è adeguato nei luoghi e negli orari critici', en: 'Policing is adequate in critical places and at critical times' },
  { id: 'responseTime', dimension: 'control', it: 'Le segnalazioni dei cittadini ricevono risposta in tempi adeguati', en: 'Citizens’ reports are answered in good time' },
  { id: 'knowsWhatWorks', dimension: 'evaluation', it: 'Sappiamo dire quali interventi hanno funzionato e quali no', en: 'We can tell which interventions worked and which did not' },
];

const openAnswer = { type: 'comment', maxLength: 2000, rows: 4, autoGrow: true } as const;

export const strengthsPage: SurveyPage = {
  name: 'strengths',
  title: { it: '7. Punti di forza e criticità', en: '7. Strengths and weaknesses' },
  navigationTitle: { it: 'Forza e criticità', en: 'Strengths' },
  elements: [
    {
      type: 'matrix',
      name: 'assessment',
      title: {
        it: 'Pensando al suo territorio e al suo ente, quanto è d’accordo con le seguenti affermazioni?',
        en: 'Thinking of your territory and your institution, how far do you agree with the following statements?',
      },
      eachRowRequired: true,
      alternateRows: true,
      rows: assessmentStatements.map((s) => choice(s.id, s.it, s.en)),
      columns: agreementScale,
    },
    {
      ...openAnswer,
      name: 'strengthsOpen',
      title: {
        it: 'Quali sono i principali punti di forza del territorio e dell’ente (risorse, esperienze, reti, persone)?',
        en: 'What are the main strengths of the territory and the institution (resources, experience, networks, people)?',
      },
      isRequired: true,
    },
    {
      ...openAnswer,
      name: 'criticalitiesOpen',
      title: { it: 'Quali sono le principali criticità?', en: 'What are the main weaknesses?' },
      isRequired: true,
    },
    {
      ...openAnswer,
      name: 'goodPractice',
      title: {
        it: 'Racconti un’esperienza o un progetto che ha funzionato e che potrebbe essere esteso ad altri territori.',
        en: 'Describe an experience or project that worked and could be extended to other territories.',
      },
    },
  ],
};

export const strengthsScoring: ScoreItem[] = assessmentStatements.map((s) =>
  scored(`assessment.${s.id}`, s.dimension, agreementPoints, { polarity: s.polarity ?? 1 }),
);
