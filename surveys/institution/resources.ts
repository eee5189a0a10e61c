// Page 6, resources and tools: who works on safety and with what budget ("estendere e innovare la
// capacità d'intervento"), which programming tools carry safety objectives ("dotarsi di strumenti
// di programmazione", DUP objectives), and whether objectives are "individuati ex ante,
// valutabili ex post" ("verificare l'impatto delle politiche").
import { type Choice, type SurveyPage, choice } from '../definition';
import { type ScoreItem, scored } from '../dimensions';
import { kindsWithDup } from './profile';
import { frequencyPoints, frequencyScale, noneChoice, perChoicePoints } from './scales';

const externalFunding: Choice[] = [
  choice('regional', 'Fondi regionali', 'Regional funds'),
  choice('national', 'Fondi nazionali (Ministero dell’Interno, fondi per la sicurezza urbana)', 'National funds (Ministry of the Interior, urban security funds)'),
  choice('eu', 'Fondi europei (programmi nazionali e regionali, PN Legalità)', 'EU funds (national and regional programmes, Legality programme)'),
  choice('foundations', 'Fondazioni bancarie o private', 'Banking or private foundations'),
  noneChoice('Nessun finanziamento esterno', 'No external funding'),
];

const programmingTools: Choice[] = [
  choice('dup', 'Obiettivi sulla sicurezza nel DUP o nel documento di programmazione dell’ente', 'Safety objectives in the DUP or the institution’s programming document'),
  choice('performancePlan', 'Obiettivi di performance sulla sicurezza nel PIAO o piano della performance', 'Safety performance objectives in the PIAO or performance plan'),
  choice('securityPlan', 'Un piano o progetto locale di sicurezza', 'A local safety plan or project'),
  choice('pact', 'Un patto o contratto locale di sicurezza in corso', 'A local security pact or contract in force'),
  choice('policePlan', 'Un piano operativo annuale dei servizi di controllo del territorio', 'An annual operational plan for policing the territory'),
  choice('zonePlan', 'Misure di prevenzione nel Piano di zona sociale', 'Prevention measures in the district social plan'),
  choice('urbanPlan', 'Criteri di sicurezza negli strumenti urbanistici', 'Safety criteria in town-planning instruments'),
  noneChoice('Nessuno di questi strumenti', 'None of these tools'),
];

const evaluationRows: Choice[] = [
  choice('objectivesExAnte', 'Gli interventi hanno obiettivi individuati ex ante, con indicatori misurabili', 'Interventions have objectives set ex ante, with measurable indicators'),
  choice('baseline', 'Prima di intervenire si misura la situazione di partenza', 'The starting situation is measured before intervening'),
  choice('measuredExPost', 'I risultati sono misurati ex post rispetto agli obiettivi', 'Results are measured ex post against the objectives'),
  choice('resultsUsed', 'I risultati servono a correggere o riprogrammare gli interventi', 'Results are used to adjust or reprogramme interventions'),
  choice('resultsPublished', 'I risultati sono resi pubblici (relazioni, bilancio sociale)', 'Results are made public (reports, social accountability report)'),
];

export const resourcesPage: SurveyPage = {
  name: 'resources',
  title: { it: '6. Risorse e strumenti', en: '6. Resources and tools' },
  navigationTitle: { it: 'Risorse', en: 'Resources' },
  elements: [
    {
      type: 'radiogroup',
      name: 'securityFunction',
      title: {
        it: 'Nell’ente c’è una figura o un ufficio che si occupa in modo specifico di sicurezza urbana e legalità?',
        en: 'Does the institution have a person or an office specifically in charge of urban safety and legality?',
      },
      isRequired: true,
      choices: [
        choice('no', 'No', 'No'),
        choice('contactPerson', 'Un referente, che ha anche altri compiti', 'A contact person who also has other duties'),
        choice('office', 'Un ufficio o servizio dedicato', 'A dedicated office or service'),
      ],
    },
    {
      type: 'radiogroup',
      name: 'dedicatedStaff',
      title: {
        it: 'Quante persone (equivalenti a tempo pieno) lavorano a progetti di prevenzione e sicurezza integrata, escluso il servizio ordinario di pattuglia?',
        en: 'How many people (full-time equivalent) work on prevention and integrated-safety projects, not counting routine patrols?',
      },
      isRequired: true,
      colCount: 3,
      choices: [
        choice('none', 'Nessuna', 'None'),
        choice('lt1', 'Meno di una', 'Less than one'),
        choice('1to3', 'Da 1 a 3', '1 to 3'),
        choice('4to10', 'Da 4 a 10', '4 to 10'),
        choice('gt10', 'Più di 10', 'More than 10'),
      ],
    },
    {
      type: 'radiogroup',
      name: 'staffTraining',
      title: {
        it: 'Negli ultimi 3 anni il personale ha seguito formazione su sicurezza integrata, prevenzione o mediazione?',
        en: 'In the last 3 years, have staff been trained in integrated safety, prevention or mediation?',
      },
      isRequired: true,
      choices: [
        choice('no', 'No', 'No'),
        choice('some', 'Sì, alcune persone', 'Yes, some people'),
        choice('regular', 'Sì, con un programma regolare', 'Yes, through a regular programme'),
      ],
    },
    {
      type: 'radiogroup',
      name: 'budgetBand',
      title: {
        it: 'Risorse proprie annue dedicate a sicurezza e prevenzione, esclusi gli stipendi',
        en: 'Own yearly resources for safety and prevention, salaries excluded',
      },
      isRequired: true,
      colCount: 3,
      choices: [
        choice('none', 'Nessuna', 'None'),
        choice('lt10k', 'Fino a 10.000 €', 'Up to €10,000'),
        choice('10to50k', '10.000–50.000 €', '€10,000–50,000'),
        choice('50to200k', '50.000–200.000 €', '€50,000–200,000'),
        choice('gt200k', 'Oltre 200.000 €', 'Over €200,000'),
        choice('unknown', 'Non so', 'Don’t know'),
      ],
    },
    {
      type: 'checkbox',
      name: 'externalFunding',
      title: {
        it: 'Negli ultimi 3 anni l’ente ha ottenuto finanziamenti esterni per sicurezza e legalità?',
        en: 'In the last 3 years, has the institution obtained external funding for safety and legality?',
      },
      isRequired: true,
      choices: externalFunding,
    },
    {
      type: 'checkbox',
      name: 'programmingTools',
      title: {
        it: 'In quali strumenti di programmazione dell’ente compaiono obiettivi di sicurezza e legalità?',
        en: 'In which of the institution’s programming tools do safety and legality objectives appear?',
      },
      isRequired: true,
      choices: programmingTools,
    },
    {
      type: 'radiogroup',
      name: 'dupObjectives',
      title: {
        it: 'Nel DUP (per la Regione, nel DEFR) gli obiettivi sulla sicurezza sono accompagnati da indicatori?',
        en: 'In the DUP (for a region, the DEFR), do the safety objectives come with indicators?',
      },
      visibleIf: `{institutionKind} anyof [${kindsWithDup.map((k) => `'${k}'`).join(', ')}]`,
      isRequired: true,
      choices: [
        choice('noObjectives', 'Non ci sono obiettivi sulla sicurezza', 'There are no safety objectives'),
        choice('generic', 'Ci sono obiettivi, ma senza indicatori', 'There are objectives, but no indicators'),
        choice('indicators', 'Obiettivi con indicatori', 'Objectives with indicators'),
        choice('targets', 'Obiettivi con indicatori, valore di partenza e valore atteso', 'Objectives with indicators, baseline and target values'),
      ],
    },
    {
      type: 'matrix',
      name: 'evaluation',
      title: {
        it: 'Con quale frequenza, negli interventi di sicurezza dell’ente…',
        en: 'How often, in the institution’s safety interventions…',
      },
      eachRowRequired: true,
      alternateRows: true,
      rows: evaluationRows,
      columns: frequencyScale,
    },
  ],
};

export const resourcesScoring: ScoreItem[] = [
  scored('securityFunction', 'programming', { points: { no: 0, contactPerson: 50, office: 100 } }),
  scored('programmingTools', 'programming', perChoicePoints(programmingTools, 25), { weight: 2 }),
  scored('dupObjectives', 'programming', { points: { noObjectives: 0, generic: 33, indicators: 67, targets: 100 } }),
  scored('dedicatedStaff', 'capacity', { points: { none: 0, lt1: 25, '1to3': 50, '4to10': 75, gt10: 100 } }),
  scored('staffTraining', 'capacity', { points: { no: 0, some: 50, regular: 100 } }),
  scored('budgetBand', 'capacity', { points: { none: 0, lt10k: 25, '10to50k': 50, '50to200k': 75, gt200k: 100, unknown: null } }),
  scored('externalFunding', 'capacity', perChoicePoints(externalFunding, 40)),
  ...evaluationRows.map((row) => scored(`evaluation.${row.value}`, 'evaluation', frequencyPoints)),
];
