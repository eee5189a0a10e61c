// Page 5, cooperation: with which actors the institution works on safety and how closely, which
// agreements and protocols are in force, and how citizens are involved. Actor rows reuse the
// institution kind ids, so the analysis can draw who-works-with-whom across respondents.
import { type Choice, type SurveyPage, choice, choicesFrom } from '../definition';
import { type ScoreItem, scored } from '../dimensions';
import { institutionKinds } from '../taxonomy';
import { cooperationPoints, cooperationScale, noneChoice, perChoicePoints } from './scales';

export const cooperationActorRows: Choice[] = [
  ...choicesFrom(institutionKinds.filter((k) => k.id !== 'altro')),
  choice('citizens', 'Comitati e gruppi di cittadini', 'Residents’ committees and citizens’ groups'),
];

const agreements: Choice[] = [
  choice('prefecturePact', 'Patto per la sicurezza urbana o protocollo d’intesa con la Prefettura', 'Urban security pact or memorandum with the prefecture'),
  choice('associatedPolice', 'Gestione associata della Polizia Locale tra comuni', 'Local police run jointly by several municipalities'),
  choice('neighbourhoodWatchProtocol', 'Protocollo sul controllo di vicinato', 'Neighbourhood-watch protocol'),
  choice('schoolsProtocol', 'Protocollo con le scuole', 'Protocol with schools'),
  choice('healthSocialProtocol', 'Protocollo con ASL e servizi sociali', 'Protocol with health and social services'),
  choice('thirdSectorAgreements', 'Convenzioni o co-progettazione con il terzo settore', 'Agreements or co-design with the third sector'),
  choice('procurementLegality', 'Protocolli di legalità negli appalti', 'Legality protocols in public procurement'),
  choice('regionalProgramme', 'Accordo o progetto regionale su sicurezza e legalità', 'Regional agreement or project on safety and legality'),
  noneChoice('Nessun accordo formale', 'No formal agreement'),
];

const citizenEngagement: Choice[] = [
  choice('assemblies', 'Assemblee pubbliche e incontri di quartiere', 'Public meetings and neighbourhood meetings'),
  choice('councils', 'Consulte o consigli di quartiere', 'Neighbourhood councils'),
  choice('reportingChannel', 'Canali per le segnalazioni con risposta ai cittadini', 'Reporting channels that answer citizens back'),
  choice('neighbourhoodWatch', 'Gruppi di controllo di vicinato', 'Neighbourhood-watch groups'),
  choice('civicVolunteers', 'Volontariato civico (assistenti civici, «nonni vigile»)', 'Civic volunteers (civic assistants, school-crossing volunteers)'),
  choice('coDesign', 'Laboratori di progettazione partecipata', 'Participatory design workshops'),
  choice('studentProjects', 'Progetti con studenti e giovani', 'Projects with students and young people'),
  noneChoice('Nessuna forma di coinvolgimento', 'No involvement'),
];

export const cooperationPage: SurveyPage = {
  name: 'cooperation',
  title: { it: '5. Cooperazione', en: '5. Cooperation' },
  navigationTitle: { it: 'Cooperazione', en: 'Cooperation' },
  elements: [
    {
      type: 'matrix',
      name: 'cooperationActors',
      title: {
        it: 'Con quale intensità l’ente collabora su sicurezza e legalità con ciascuno di questi attori?',
        en: 'How closely does the institution work on safety and legality with each of these actors?',
      },
      description: {
        it: 'Per il tipo di ente a cui appartiene, pensi agli altri enti dello stesso tipo.',
        en: 'For your own kind of institution, think of the other institutions of that kind.',
      },
      eachRowRequired: true,
      alternateRows: true,
      rows: cooperationActorRows,
      columns: cooperationScale,
    },
    {
      type: 'checkbox',
      name: 'agreements',
      title: {
        it: 'Quali accordi o protocolli su sicurezza e legalità sono in vigore per l’ente?',
        en: 'Which agreements or protocols on safety and legality are in force for the institution?',
      },
      isRequired: true,
      choices: agreements,
    },
    {
      type: 'radiogroup',
      name: 'coordinationTable',
      title: {
        it: 'L’ente partecipa a tavoli stabili di coordinamento sulla sicurezza (ad esempio il Comitato provinciale per l’ordine e la sicurezza pubblica o tavoli d’ambito)?',
        en: 'Does the institution sit on standing coordination tables on safety (for example the provincial committee for public order and safety, or district tables)?',
      },
      isRequired: true,
      choices: [
        choice('no', 'No', 'No'),
        choice('onRequest', 'Solo quando convocato su singoli casi', 'Only when called in on single cases'),
        choice('regular', 'Sì, regolarmente', 'Yes, regularly'),
      ],
    },
    {
      type: 'checkbox',
      name: 'citizenEngagement',
      title: {
        it: 'Negli ultimi 3 anni, come ha coinvolto i cittadini sui temi della sicurezza?',
        en: 'In the last 3 years, how has the institution involved citizens in safety matters?',
      },
      isRequired: true,
      choices: citizenEngagement,
    },
    {
      type: 'checkbox',
      name: 'cooperationObstacles',
      title: { it: 'Che cosa ostacola di più la collaborazione?', en: 'What hinders cooperation most?' },
      colCount: 2,
      choices: [
        choice('staffTime', 'Mancanza di personale e di tempo', 'Lack of staff and time'),
        choice('priorities', 'Priorità diverse tra gli enti', 'Different priorities across institutions'),
        choice('dataSharing', 'Difficoltà a scambiare dati', 'Difficulty in sharing data'),
        choice('privacyRules', 'Vincoli normativi e di privacy', 'Legal and privacy constraints'),
        choice('trust', 'Scarsa fiducia reciproca', 'Low mutual trust'),
        choice('noCoordinator', 'Manca un soggetto che coordini', 'Nobody coordinates'),
        choice('funds', 'Mancanza di risorse economiche', 'Lack of funds'),
      ],
    },
  ],
};

/** Each actor row weighs half an item, so the grid does not drown the rest; citizens' groups count as participation. */
export const cooperationScoring: ScoreItem[] = [
  ...cooperationActorRows.map((row) =>
    row.value === 'citizens'
      ? scored('cooperationActors.citizens', 'participation', cooperationPoints)
      : scored(`cooperationActors.${row.value}`, 'cooperation', cooperationPoints, { weight: 0.5 }),
  ),
  scored('agreements', 'cooperation', perChoicePoints(agreements, 25), { weight: 2 }),
  scored('coordinationTable', 'cooperation', { points: { no: 0, onRequest: 50, regular: 100 } }),
  scored('citizenEngagement', 'participation', perChoicePoints(citizenEngagement, 25), { weight: 2 }),
];
