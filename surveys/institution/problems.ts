// Page 3, problems and concerns: how serious each problem is and where it is heading, the places
// of greatest concern, who is most exposed, and the risk factors behind the problems (the local
// safety audit's "problems", "victims and offenders" and "risk factors").
// Problem rows reuse the resident category ids, so the analysis can set an institution's view of
// a problem beside what residents report under the same id.
import { type Choice, type SurveyPage, choice, choicesFrom } from '../definition';
import { type ScoreItem, scored } from '../dimensions';
import { categories } from '../taxonomy';
import { severityScale, trendKnownPoints, trendScale } from './scales';

/** Problems that residents rarely see on a map but institutions must weigh. */
export const institutionalProblems = [
  { id: 'organisedCrime', label: { it: 'Infiltrazioni della criminalità organizzata', en: 'Organised-crime infiltration' } },
  { id: 'extortion', label: { it: 'Usura ed estorsioni', en: 'Usury and extortion' } },
  { id: 'corruption', label: { it: 'Corruzione e illegalità negli appalti e nella pubblica amministrazione', en: 'Corruption and illegality in procurement and public administration' } },
  { id: 'genderViolence', label: { it: 'Violenza domestica e di genere', en: 'Domestic and gender-based violence' } },
  { id: 'youthDeviance', label: { it: 'Devianza giovanile', en: 'Youth deviance' } },
  { id: 'scams', label: { it: 'Truffe, in particolare ai danni di anziani', en: 'Scams, especially against older people' } },
  { id: 'abusivism', label: { it: 'Abusivismo commerciale ed edilizio', en: 'Unlicensed trading and illegal building' } },
] as const;

/** Rows of the `problems` matrix: resident categories (but "other") then institutional problems. */
export const problemRows: Choice[] = [
  ...choicesFrom(categories.filter((c) => c.id !== 'other')),
  ...choicesFrom(institutionalProblems),
];
export const problemIds = problemRows.map((r) => String(r.value));

export const problemsPage: SurveyPage = {
  name: 'problems',
  title: { it: '3. Problemi e preoccupazioni', en: '3. Problems and concerns' },
  navigationTitle: { it: 'Problemi', en: 'Problems' },
  elements: [
    {
      type: 'matrixdropdown',
      name: 'problems',
      title: {
        it: 'Nel territorio di competenza, quanto è grave ciascun problema e come è cambiato negli ultimi 3 anni?',
        en: 'In the territory you cover, how serious is each problem and how has it changed over the last 3 years?',
      },
      description: {
        it: 'Indichi la gravità per ogni riga (anche «Assente» o «Non so»); l’andamento è facoltativo.',
        en: 'Give the severity for every row (“Not present” and “Don’t know” are fine); the trend is optional.',
      },
      alternateRows: true,
      rows: problemRows,
      columns: [
        { name: 'severity', title: { it: 'Gravità', en: 'Severity' }, cellType: 'dropdown', choices: severityScale, isRequired: true, minWidth: '140px' },
        { name: 'trend', title: { it: 'Andamento in 3 anni', en: 'Trend over 3 years' }, cellType: 'dropdown', choices: trendScale, minWidth: '140px' },
      ],
    },
    {
      type: 'tagbox',
      name: 'concernZones',
      title: {
        it: 'Quali sono i luoghi che destano maggiore preoccupazione?',
        en: 'Which places are of greatest concern?',
      },
      description: { it: 'Scelga fino a 5 luoghi tra quelli della diagnosi.', en: 'Choose up to 5 places among those of the diagnosis.' },
      // Filled at run time from the diagnosis zones: see withZones in surveys/institution.ts.
      choices: [],
      hideIfChoicesEmpty: true,
      maxSelectedChoices: 5,
    },
    {
      type: 'comment',
      name: 'concernNotes',
      title: {
        it: 'Perché questi luoghi? Ci sono altri luoghi critici non in elenco?',
        en: 'Why these places? Are there other critical places not on the list?',
      },
      maxLength: 2000,
    },
    {
      type: 'checkbox',
      name: 'vulnerableGroups',
      title: {
        it: 'Secondo l’esperienza dell’ente, chi è più esposto a subire reati o a sentirsi insicuro?',
        en: 'In the institution’s experience, who is most exposed to crime or to feeling unsafe?',
      },
      colCount: 2,
      choices: [
        choice('elderly', 'Anziani', 'Older people'),
        choice('women', 'Donne', 'Women'),
        choice('minors', 'Minori e giovani', 'Children and young people'),
        choice('migrants', 'Persone straniere', 'Foreign nationals'),
        choice('homeless', 'Persone senza dimora', 'Homeless people'),
        choice('addiction', 'Persone con dipendenze', 'People with addictions'),
        choice('disabled', 'Persone con disabilità', 'People with disabilities'),
        choice('lgbt', 'Persone LGBT+', 'LGBT+ people'),
        choice('businesses', 'Commercianti e imprese', 'Shopkeepers and businesses'),
      ],
    },
    {
      type: 'checkbox',
      name: 'offenders',
      title: {
        it: 'Secondo l’esperienza dell’ente, da chi provengono più spesso i comportamenti che generano insicurezza?',
        en: 'In the institution’s experience, who most often causes the behaviour that generates insecurity?',
      },
      colCount: 2,
      choices: [
        choice('youngGroups', 'Gruppi di giovani', 'Groups of young people'),
        choice('addiction', 'Persone con dipendenze o disagio psichico', 'People with addictions or mental distress'),
        choice('organisedGroups', 'Gruppi criminali organizzati', 'Organised criminal groups'),
        choice('locals', 'Persone che vivono nella zona', 'People who live in the area'),
        choice('visitors', 'Persone che arrivano da fuori (movida, pendolari, eventi)', 'People coming from elsewhere (nightlife, commuters, events)'),
        choice('unknown', 'Non saprei', 'Cannot say'),
      ],
    },
    {
      type: 'checkbox',
      name: 'riskFactors',
      title: {
        it: 'Quali fattori di rischio pesano di più sui problemi del territorio?',
        en: 'Which risk factors weigh most on the territory’s problems?',
      },
      colCount: 2,
      choices: [
        choice('poverty', 'Povertà e disoccupazione', 'Poverty and unemployment'),
        choice('schoolDropout', 'Dispersione scolastica', 'School drop-out'),
        choice('housingDecay', 'Edifici abbandonati o degrado abitativo', 'Abandoned buildings or poor housing'),
        choice('noMeetingPlaces', 'Mancanza di luoghi di aggregazione', 'Lack of places to meet'),
        choice('isolation', 'Isolamento di frazioni e periferie', 'Isolation of outlying areas'),
        choice('drugMarket', 'Mercato della droga', 'Drug market'),
        choice('transport', 'Trasporti pubblici scarsi, soprattutto la sera', 'Poor public transport, especially in the evening'),
        choice('seasonalFlows', 'Flussi stagionali o turistici', 'Seasonal or tourist flows'),
        choice('organisedCrimePresence', 'Presenza radicata della criminalità organizzata', 'Entrenched organised crime'),
        choice('weakSocialTies', 'Relazioni di vicinato deboli', 'Weak neighbourhood ties'),
      ],
    },
  ],
};

/**
 * Knowing where each problem is heading is part of knowing the phenomena. The trend cells weigh
 * two items in all, so eighteen rows do not drown the rest of the knowledge dimension.
 */
export const problemsScoring: ScoreItem[] = problemIds.map((id) =>
  scored(`problems.${id}.trend`, 'knowledge', trendKnownPoints, { weight: 2 / problemIds.length }),
);
