// Page 2, knowledge of phenomena ("migliorare la conoscenza dei fenomeni"): which data the
// institution uses and shares, whether an observatory exists, how often problems are analysed,
// and whether it sees the gap between recorded crime and perceived insecurity.
import { type Choice, type SurveyPage, choice } from '../definition';
import { type ScoreItem, scored } from '../dimensions';
import { agreementPoints, agreementScale, noneChoice, perChoicePoints } from './scales';

const dataSources: Choice[] = [
  choice('policeCrime', 'Dati delle forze dell’ordine su reati e denunce', 'Police data on recorded crime and reports'),
  choice('localPolice', 'Interventi e verbali della Polizia Locale', 'Local police interventions and records'),
  choice('istat', 'Indagini ISTAT (vittimizzazione, percezione, BES)', 'ISTAT surveys (victimisation, perception, well-being)'),
  choice('citizenReports', 'Segnalazioni e reclami dei cittadini (URP, app, numeri dedicati)', 'Citizens’ reports and complaints (front office, apps, hotlines)'),
  choice('socialServices', 'Dati dei servizi sociali', 'Social services data'),
  choice('health', 'Dati sanitari (dipendenze, pronto soccorso, salute mentale)', 'Health data (addiction, emergency rooms, mental health)'),
  choice('schools', 'Dati delle scuole (dispersione, episodi di bullismo)', 'School data (drop-out, bullying)'),
  choice('media', 'Rassegna stampa e monitoraggio dei media locali', 'Press review and local media monitoring'),
  choice('ownSurveys', 'Indagini o questionari propri', 'Own surveys or questionnaires'),
  choice('urbanMapping', 'Mappature del degrado urbano e dei luoghi critici', 'Mapping of urban decay and critical places'),
  noneChoice('Nessuna fonte in modo sistematico', 'No source used systematically'),
];

const knowledgeStatements: Choice[] = [
  choice('gapKnown', 'Conosciamo lo scarto tra i reati denunciati e l’insicurezza percepita dai cittadini', 'We know the gap between recorded crime and the insecurity citizens perceive'),
  choice('gapConsidered', 'Quando decidiamo gli interventi teniamo conto sia dei dati sui reati sia della percezione dei cittadini', 'When we decide on interventions we consider both crime data and citizens’ perception'),
  choice('underReporting', 'Sappiamo che molti episodi (molestie, piccoli furti, inciviltà) non vengono denunciati', 'We know that many incidents (harassment, petty theft, incivilities) go unreported'),
  choice('hotspotsKnown', 'Sappiamo in quali luoghi e in quali orari si concentrano i problemi', 'We know in which places and at what times problems concentrate'),
];

export const knowledgePage: SurveyPage = {
  name: 'knowledge',
  title: { it: '2. Conoscenza dei fenomeni', en: '2. Knowledge of phenomena' },
  navigationTitle: { it: 'Conoscenza', en: 'Knowledge' },
  elements: [
    {
      type: 'checkbox',
      name: 'dataSources',
      title: {
        it: 'Quali fonti di dati usa l’ente, in modo sistematico, per conoscere i problemi di sicurezza del territorio?',
        en: 'Which data sources does the institution use systematically to understand the territory’s safety problems?',
      },
      isRequired: true,
      choices: dataSources,
    },
    {
      type: 'radiogroup',
      name: 'dataSharing',
      title: {
        it: 'Con quale regolarità l’ente scambia dati e informazioni sulla sicurezza con altri enti?',
        en: 'How regularly does the institution exchange safety data and information with other institutions?',
      },
      isRequired: true,
      choices: [
        choice('never', 'Mai', 'Never'),
        choice('onRequest', 'Solo su richiesta o in caso di emergenza', 'Only on request or in emergencies'),
        choice('regular', 'Regolarmente, in modo informale', 'Regularly, informally'),
        choice('structured', 'In modo strutturato (accordi, banche dati o report condivisi)', 'In a structured way (agreements, shared databases or reports)'),
      ],
    },
    {
      type: 'radiogroup',
      name: 'observatory',
      title: {
        it: 'Esiste un osservatorio (locale, provinciale o regionale) sulla sicurezza e la legalità?',
        en: 'Is there an observatory (local, provincial or regional) on safety and legality?',
      },
      isRequired: true,
      choices: [
        choice('no', 'No', 'No'),
        choice('planned', 'È in progetto', 'It is being planned'),
        choice('existsNotInvolved', 'Esiste, ma l’ente non vi partecipa', 'It exists, but the institution does not take part'),
        choice('involved', 'Esiste e l’ente vi partecipa o lo alimenta con i propri dati', 'It exists and the institution takes part or feeds it with its data'),
      ],
    },
    {
      type: 'radiogroup',
      name: 'analysisFrequency',
      title: {
        it: 'Con quale frequenza l’ente analizza i problemi di sicurezza del territorio (rapporti, riunioni dedicate, lettura dei dati)?',
        en: 'How often does the institution analyse the territory’s safety problems (reports, dedicated meetings, reviewing data)?',
      },
      isRequired: true,
      choices: [
        choice('never', 'Mai', 'Never'),
        choice('emergencies', 'Solo dopo episodi gravi', 'Only after serious incidents'),
        choice('yearly', 'Almeno una volta l’anno', 'At least once a year'),
        choice('quarterly', 'Ogni tre mesi circa', 'About every three months'),
        choice('monthly', 'Ogni mese o più spesso', 'Every month or more often'),
      ],
    },
    {
      type: 'radiogroup',
      name: 'perceptionSurveys',
      title: {
        it: 'Negli ultimi 5 anni l’ente ha rilevato la percezione di sicurezza dei cittadini (indagini, questionari, incontri di ascolto)?',
        en: 'In the last 5 years, has the institution surveyed citizens’ perception of safety (surveys, questionnaires, listening meetings)?',
      },
      isRequired: true,
      choices: [
        choice('never', 'No', 'No'),
        choice('once', 'Sì, una volta', 'Yes, once'),
        choice('periodically', 'Sì, periodicamente', 'Yes, periodically'),
      ],
    },
    {
      type: 'matrix',
      name: 'knowledgeStatements',
      title: { it: 'Quanto è d’accordo con le seguenti affermazioni?', en: 'How far do you agree with the following statements?' },
      eachRowRequired: true,
      alternateRows: true,
      rows: knowledgeStatements,
      columns: agreementScale,
    },
    {
      type: 'comment',
      name: 'missingData',
      title: {
        it: 'Quali informazioni vi mancano di più per capire i problemi del territorio?',
        en: 'Which information do you miss most to understand the territory’s problems?',
      },
      maxLength: 2000,
    },
  ],
};

export const knowledgeScoring: ScoreItem[] = [
  scored('dataSources', 'knowledge', perChoicePoints(dataSources, 20)),
  scored('dataSharing', 'knowledge', { points: { never: 0, onRequest: 33, regular: 67, structured: 100 } }),
  scored('observatory', 'knowledge', { points: { no: 0, planned: 25, existsNotInvolved: 33, involved: 100 } }),
  scored('analysisFrequency', 'knowledge', { points: { never: 0, emergencies: 20, yearly: 50, quarterly: 80, monthly: 100 } }),
  scored('perceptionSurveys', 'knowledge', { points: { never: 0, once: 50, periodically: 100 } }),
  scored('knowledgeStatements.gapKnown', 'knowledge', agreementPoints),
  scored('knowledgeStatements.underReporting', 'knowledge', agreementPoints),
  scored('knowledgeStatements.hotspotsKnown', 'knowledge', agreementPoints),
  // Using both sources of evidence when deciding is a matter of strategy rather than knowledge.
  scored('knowledgeStatements.gapConsidered', 'strategy', agreementPoints),
];
