// Page 8, expectations for the pact: which of the agreement's objectives come first, whether the
// institution is willing to sign, and what it can bring. The priorities are the objectives of the
// methodological proposal and of the CLS objectives ("intervenire sulle cause... approccio preventivo").
import { type Choice, type SurveyPage, choice } from '../definition';
import { type ScoreItem, scored } from '../dimensions';
import { noneChoice } from './scales';

export const pactPriorities: Choice[] = [
  choice('knowledge', 'Migliorare la conoscenza dei fenomeni', 'Improve knowledge of the phenomena'),
  choice('sharedStrategy', 'Condividere strategie d’azione', 'Share strategies for action'),
  choice('programming', 'Dotarsi di strumenti di programmazione', 'Adopt programming tools'),
  choice('capacity', 'Estendere e innovare la capacità d’intervento', 'Extend and innovate the capacity to act'),
  choice('impact', 'Verificare l’impatto delle politiche', 'Check the impact of policies'),
  choice('resources', 'Valorizzare le risorse di cui il territorio dispone', 'Make the most of the territory’s resources'),
  choice('participation', 'Promuovere la partecipazione e la responsabilità dei cittadini', 'Promote citizens’ participation and responsibility'),
  choice('prevention', 'Intervenire sulle cause dell’insicurezza con un approccio preventivo', 'Tackle the causes of insecurity with a preventive approach'),
];

const contributions: Choice[] = [
  choice('data', 'Dati e informazioni', 'Data and information'),
  choice('staff', 'Personale e tempo di lavoro', 'Staff and working time'),
  choice('funding', 'Risorse economiche', 'Funding'),
  choice('spaces', 'Spazi e strutture', 'Premises and facilities'),
  choice('policing', 'Servizi di presidio e controllo del territorio', 'Policing and patrols'),
  choice('socialServices', 'Servizi sociali, educativi o sanitari', 'Social, educational or health services'),
  choice('communication', 'Comunicazione con i cittadini', 'Communication with citizens'),
  choice('training', 'Formazione', 'Training'),
  choice('coordination', 'Coordinamento della rete', 'Coordinating the network'),
  choice('networks', 'Reti di volontari e associazioni', 'Networks of volunteers and associations'),
  noneChoice('Per ora nessun contributo specifico', 'No specific contribution for now'),
];

export const expectationsPage: SurveyPage = {
  name: 'expectations',
  title: { it: '8. Aspettative per il patto', en: '8. Expectations for the pact' },
  navigationTitle: { it: 'Aspettative', en: 'Expectations' },
  elements: [
    {
      type: 'ranking',
      name: 'priorities',
      title: {
        it: 'Quali obiettivi dovrebbe perseguire per primi il patto locale di sicurezza? Scelga almeno 3 obiettivi e li ordini dal più importante.',
        en: 'Which objectives should the local security pact pursue first? Choose at least 3 and order them from the most important.',
      },
      isRequired: true,
      selectToRankEnabled: true,
      minSelectedChoices: 3,
      selectToRankEmptyRankedAreaText: { it: 'Trascini qui gli obiettivi scelti', en: 'Drag the chosen objectives here' },
      selectToRankEmptyUnrankedAreaText: { it: 'Tutti gli obiettivi sono stati scelti', en: 'All objectives have been chosen' },
      choices: pactPriorities,
    },
    {
      type: 'radiogroup',
      name: 'willingnessToSign',
      title: {
        it: 'L’ente è disponibile a sottoscrivere un patto locale di sicurezza e legalità?',
        en: 'Is the institution willing to sign a local security and legality pact?',
      },
      isRequired: true,
      choices: [
        choice('yes', 'Sì', 'Yes'),
        choice('conditional', 'Sì, a determinate condizioni', 'Yes, on certain conditions'),
        choice('undecided', 'Serve un approfondimento prima di decidere', 'We need to look into it before deciding'),
        choice('no', 'No', 'No'),
      ],
    },
    {
      type: 'comment',
      name: 'signConditions',
      title: { it: 'A quali condizioni?', en: 'On which conditions?' },
      visibleIf: "{willingnessToSign} = 'conditional'",
      isRequired: true,
      maxLength: 2000,
    },
    {
      type: 'checkbox',
      name: 'contributions',
      title: { it: 'Che cosa può mettere a disposizione l’ente per il patto?', en: 'What can the institution contribute to the pact?' },
      isRequired: true,
      colCount: 2,
      choices: contributions,
    },
    {
      type: 'comment',
      name: 'contributionsNotes',
      title: { it: 'Descriva brevemente il contributo', en: 'Briefly describe the contribution' },
      visibleIf: "{contributions} notempty and {contributions} notcontains 'none'",
      maxLength: 2000,
    },
    {
      type: 'comment',
      name: 'expectationsOpen',
      title: {
        it: 'Che cosa si aspetta dal patto? Altre osservazioni',
        en: 'What do you expect from the pact? Any other remarks',
      },
      maxLength: 3000,
    },
  ],
};

/** Readiness to commit to a shared strategy; the ranking itself is an expectation, not scored. */
export const expectationsScoring: ScoreItem[] = [
  scored('willingnessToSign', 'strategy', { points: { yes: 100, conditional: 67, undecided: 33, no: 0 } }),
];
