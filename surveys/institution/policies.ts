// Page 4, policies in place, one grid per policy area of the methodological proposal: the quality
// of social relations, of urban spaces, of physical space (public and private), of public
// services, and territorial control and public order. "Not within our remit" keeps a prefecture
// or a school from being scored on street lighting.
import { type Choice, type MatrixQuestion, type SurveyPage, choice } from '../definition';
import { type DimensionId, type ScoreItem, scored } from '../dimensions';
import { policyStatusPoints, policyStatusScale } from './scales';

type Area = { name: string; title: { it: string; en: string }; dimension: DimensionId; rows: Choice[] };

export const policyAreas: Area[] = [
  {
    name: 'policiesSocial',
    title: { it: 'Qualità delle relazioni sociali', en: 'Quality of social relations' },
    dimension: 'prevention',
    rows: [
      choice('communityWork', 'Lavoro di comunità e animazione territoriale', 'Community work and neighbourhood animation'),
      choice('streetEducation', 'Educativa di strada o territoriale', 'Street and outreach youth work'),
      choice('mediation', 'Mediazione sociale e dei conflitti', 'Social and conflict mediation'),
      choice('victimSupport', 'Sostegno alle vittime (sportelli, centri antiviolenza)', 'Victim support (help desks, anti-violence centres)'),
      choice('legalityEducation', 'Educazione alla legalità e alla cittadinanza attiva', 'Education in legality and active citizenship'),
      choice('youthActivities', 'Centri e attività per giovani', 'Youth centres and activities'),
    ],
  },
  {
    name: 'policiesUrban',
    title: { it: 'Qualità degli spazi urbani', en: 'Quality of urban spaces' },
    dimension: 'prevention',
    rows: [
      choice('urbanRegeneration', 'Riqualificazione di aree degradate', 'Regeneration of run-down areas'),
      choice('confiscatedAssets', 'Riuso di edifici abbandonati e beni confiscati alle mafie', 'Reuse of abandoned buildings and assets confiscated from the mafia'),
      choice('publicSpaceAnimation', 'Animazione di piazze e parchi (eventi, presidi culturali)', 'Bringing life to squares and parks (events, cultural outposts)'),
      choice('participatoryDesign', 'Progettazione partecipata degli spazi pubblici', 'Participatory design of public spaces'),
    ],
  },
  {
    name: 'policiesPhysical',
    title: { it: 'Qualità dello spazio fisico, pubblico e privato', en: 'Quality of physical space, public and private' },
    dimension: 'prevention',
    rows: [
      choice('lighting', 'Illuminazione pubblica', 'Street lighting'),
      choice('maintenance', 'Manutenzione e pulizia di strade, arredo urbano e aree verdi', 'Maintenance and cleaning of streets, street furniture and green areas'),
      choice('roadSafety', 'Interventi per la sicurezza stradale', 'Road-safety works'),
      choice('safetyByDesign', 'Criteri di sicurezza nella progettazione urbana', 'Safety criteria in urban design'),
      choice('privatePremises', 'Consigli e incentivi per la sicurezza di case e negozi', 'Advice and incentives for the security of homes and shops'),
    ],
  },
  {
    name: 'policiesServices',
    title: { it: 'Qualità dei servizi pubblici', en: 'Quality of public services' },
    dimension: 'prevention',
    rows: [
      choice('socialServices', 'Servizio sociale territoriale e presa in carico', 'Local social services and case management'),
      choice('addictionServices', 'Servizi per le dipendenze e riduzione del danno', 'Addiction services and harm reduction'),
      choice('schoolDropout', 'Contrasto alla dispersione scolastica', 'Tackling school drop-out'),
      choice('eveningTransport', 'Trasporto pubblico serale e notturno', 'Evening and night public transport'),
      choice('reportingDesk', 'Sportello o canale per le segnalazioni dei cittadini', 'Desk or channel for citizens’ reports'),
    ],
  },
  {
    name: 'policiesControl',
    title: { it: 'Controllo del territorio e gestione dell’ordine pubblico', en: 'Territorial control and public order' },
    dimension: 'control',
    rows: [
      choice('localPoliceH24', 'Servizio di Polizia Locale H24 o in fasce serali e notturne', 'Local police on duty round the clock or in the evening and at night'),
      choice('proximityPolicing', 'Polizia di prossimità (vigile di quartiere)', 'Community policing (neighbourhood officer)'),
      choice('videoSurveillance', 'Videosorveglianza', 'Video surveillance'),
      choice('neighbourhoodWatch', 'Controllo di vicinato', 'Neighbourhood watch'),
      choice('jointPatrols', 'Servizi coordinati tra Polizia Locale e forze dell’ordine', 'Joint patrols of local police and national police forces'),
      choice('jointSocialPolice', 'Interventi congiunti di Polizia Locale ed educatori', 'Joint work of local police and youth workers'),
      choice('abusivismControl', 'Prevenzione e contrasto dell’abusivismo', 'Preventing and tackling unlicensed trading and building'),
    ],
  },
];

const policyMatrix = (area: Area): MatrixQuestion => ({
  type: 'matrix',
  name: area.name,
  title: area.title,
  eachRowRequired: true,
  alternateRows: true,
  rows: area.rows,
  columns: policyStatusScale,
});

export const policiesPage: SurveyPage = {
  name: 'policies',
  title: { it: '4. Politiche e interventi in corso', en: '4. Policies and interventions in place' },
  navigationTitle: { it: 'Politiche', en: 'Policies' },
  description: {
    it: 'Per ogni intervento indichi se nel territorio di competenza è presente e se l’ente lo promuove o vi partecipa. «Attivo e valutato» vale se ne sono stati misurati i risultati.',
    en: 'For each intervention say whether it exists in your territory with the institution promoting it or taking part. “Active and evaluated” applies if its results have been measured.',
  },
  elements: [
    ...policyAreas.map(policyMatrix),
    {
      type: 'comment',
      name: 'policyNotes',
      title: {
        it: 'Altri interventi rilevanti o progetti in corso (titolo, partner, periodo)',
        en: 'Other relevant interventions or ongoing projects (title, partners, period)',
      },
      maxLength: 3000,
    },
  ],
};

/** Involving citizens in designing spaces is scored as participation, the rest by area. */
const dimensionOf = (area: Area, row: Choice): DimensionId =>
  row.value === 'participatoryDesign' ? 'participation' : area.dimension;

export const policiesScoring: ScoreItem[] = policyAreas.flatMap((area) =>
  area.rows.map((row) => scored(`${area.name}.${row.value}`, dimensionOf(area, row), policyStatusPoints)),
);
