// Page 1, profile: which institution answers, for which territory, in which role. No personal
// names: the invitation already says who the institution is, and the role is what the analysis needs.
import { type SurveyPage, choice, choicesFrom } from '../definition';
import { institutionKinds } from '../taxonomy';

/** Kinds that adopt a DUP (or, for regions, a DEFR): the programming page asks them about it. */
export const kindsWithDup = ['comune', 'comunita-montana', 'provincia', 'regione'] as const;

export const profilePage: SurveyPage = {
  name: 'profile',
  title: { it: '1. Profilo dell’ente', en: '1. Institution profile' },
  navigationTitle: { it: 'Profilo', en: 'Profile' },
  description: {
    it: 'Non inserisca nomi di persone: ci interessano l’ente, il territorio e il ruolo di chi risponde.',
    en: 'Please do not enter anyone’s name: we need the institution, the territory and the role of whoever answers.',
  },
  elements: [
    {
      type: 'dropdown',
      name: 'institutionKind',
      title: { it: 'Tipo di ente', en: 'Kind of institution' },
      isRequired: true,
      choices: choicesFrom(institutionKinds),
    },
    {
      type: 'text',
      name: 'institutionKindOther',
      title: { it: 'Specifichi il tipo di ente', en: 'Please specify the kind of institution' },
      visibleIf: "{institutionKind} = 'altro'",
      isRequired: true,
      maxLength: 200,
    },
    {
      type: 'radiogroup',
      name: 'territoryScope',
      title: { it: 'Territorio di competenza', en: 'Territory covered' },
      isRequired: true,
      choices: [
        choice('municipal', 'Un comune', 'One municipality'),
        choice('intermunicipal', 'Più comuni (unione, comunità montana, ambito, distretto)', 'Several municipalities (union, mountain community, district)'),
        choice('provincial', 'Provincia o città metropolitana', 'Province or metropolitan city'),
        choice('regional', 'Regione', 'Region'),
      ],
    },
    {
      type: 'text',
      name: 'territoryName',
      title: { it: 'Nome del territorio', en: 'Name of the territory' },
      description: { it: 'Ad esempio: Comune di Lucca, Valle del Serchio, Piana di Lucca.', en: 'For example: Comune di Lucca, Valle del Serchio, Piana di Lucca.' },
      isRequired: true,
      maxLength: 200,
    },
    {
      type: 'text',
      name: 'municipalitiesCovered',
      inputType: 'number',
      title: { it: 'Quanti comuni comprende il territorio?', en: 'How many municipalities does the territory include?' },
      visibleIf: "{territoryScope} notempty and {territoryScope} != 'municipal'",
      min: 1,
      max: 2000,
    },
    {
      type: 'radiogroup',
      name: 'populationBand',
      title: { it: 'Popolazione residente nel territorio di competenza', en: 'Resident population of the territory' },
      isRequired: true,
      colCount: 3,
      choices: [
        choice('lt5k', 'Meno di 5.000', 'Under 5,000'),
        choice('5to15k', '5.000–15.000', '5,000–15,000'),
        choice('15to50k', '15.000–50.000', '15,000–50,000'),
        choice('50to250k', '50.000–250.000', '50,000–250,000'),
        choice('gt250k', 'Oltre 250.000', 'Over 250,000'),
      ],
    },
    {
      type: 'radiogroup',
      name: 'respondentRole',
      title: { it: 'Ruolo di chi compila', en: 'Role of the respondent' },
      isRequired: true,
      choices: [
        choice('elected', 'Amministratore (sindaco, assessore, presidente, consigliere delegato)', 'Elected official (mayor, councillor with a remit, president)'),
        choice('manager', 'Dirigente o segretario/direttore', 'Senior manager or secretary/director'),
        choice('commander', 'Comandante o responsabile di un corpo o reparto di polizia', 'Commander of a police force or unit'),
        choice('officer', 'Funzionario o tecnico', 'Officer or technical staff'),
        choice('coordinator', 'Coordinatore di servizio o di progetto', 'Service or project coordinator'),
        choice('other', 'Altro', 'Other'),
      ],
    },
    {
      type: 'text',
      name: 'respondentRoleOther',
      title: { it: 'Specifichi il ruolo (senza nomi)', en: 'Please specify the role (no names)' },
      visibleIf: "{respondentRole} = 'other'",
      isRequired: true,
      maxLength: 200,
    },
    {
      type: 'boolean',
      name: 'jointAnswer',
      title: {
        it: 'Il questionario è stato compilato insieme ad altri uffici o servizi dell’ente?',
        en: 'Was the questionnaire filled in together with other offices or services of the institution?',
      },
      labelTrue: { it: 'Sì', en: 'Yes' },
      labelFalse: { it: 'No', en: 'No' },
    },
  ],
};
