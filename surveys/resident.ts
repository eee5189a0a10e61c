// The resident report form: what made the place feel unsafe, when, how much, and what would help.
// The map / zone picker is a custom part of the page; this survey holds everything else.
// `residentAnswersToSignal` turns the SurveyJS data into the signal fields the API stores.
import { z } from 'zod';
import { type SurveyDefinition, choicesFrom, navigationTexts } from './definition';
import {
  type CategoryId,
  type DayKind,
  type HelpId,
  type TimeBand,
  ageBands,
  categories,
  categoryIds,
  dayKindIds,
  dayKinds,
  genders,
  helpIds,
  helps,
  relations,
  timeBandIds,
  timeBands,
} from './taxonomy';

export const residentSurveyVersion = 1;
export const residentTextMaxLength = 500;

export const residentSurvey: SurveyDefinition = {
  locale: 'it',
  title: { it: 'Segnala un luogo in cui ti senti insicuro/a', en: 'Report a place where you feel unsafe' },
  description: {
    it: 'La segnalazione è anonima: non chiediamo né conserviamo nome, indirizzo IP o dati del dispositivo.',
    en: 'Your report is anonymous: we neither ask for nor keep your name, IP address or device data.',
  },
  showQuestionNumbers: 'off',
  questionErrorLocation: 'top',
  ...navigationTexts,
  completeText: { it: 'Invia la segnalazione', en: 'Send the report' },
  pages: [
    {
      name: 'report',
      title: { it: 'La tua segnalazione', en: 'Your report' },
      elements: [
        {
          type: 'checkbox',
          name: 'categories',
          title: { it: 'Che cosa ti fa sentire insicuro/a in questo luogo?', en: 'What makes you feel unsafe in this place?' },
          description: { it: 'Puoi scegliere più risposte.', en: 'You can choose more than one answer.' },
          isRequired: true,
          choices: choicesFrom(categories),
        },
        {
          type: 'checkbox',
          name: 'timeBands',
          title: { it: 'In quali momenti della giornata?', en: 'At what times of day?' },
          isRequired: true,
          colCount: 2,
          choices: choicesFrom(timeBands),
        },
        {
          type: 'checkbox',
          name: 'days',
          title: { it: 'In quali giorni?', en: 'On which days?' },
          colCount: 2,
          choices: choicesFrom(dayKinds),
        },
        {
          type: 'rating',
          name: 'intensity',
          title: { it: 'Quanto ti sei sentito/a insicuro/a?', en: 'How unsafe did you feel?' },
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
          minRateDescription: { it: 'Poco', en: 'A little' },
          maxRateDescription: { it: 'Moltissimo', en: 'Very much' },
        },
        {
          type: 'checkbox',
          name: 'helps',
          title: { it: 'Che cosa ti aiuterebbe a sentirti più sicuro/a?', en: 'What would help you feel safer?' },
          description: { it: 'Facoltativo. Puoi scegliere più risposte.', en: 'Optional. You can choose more than one answer.' },
          choices: choicesFrom(helps),
        },
        {
          type: 'comment',
          name: 'text',
          title: { it: 'Vuoi aggiungere qualcosa?', en: 'Anything to add?' },
          description: {
            it: 'Facoltativo, massimo 500 caratteri. Il testo viene letto da un moderatore prima della pubblicazione: non scrivere nomi di persone, targhe, indirizzi di casa o altri dati che permettano di riconoscere qualcuno.',
            en: 'Optional, at most 500 characters. A moderator reads the text before it is published: do not write names of people, number plates, home addresses or anything else that could identify someone.',
          },
          maxLength: residentTextMaxLength,
          rows: 3,
          autoGrow: true,
        },
        {
          type: 'panel',
          name: 'profile',
          title: { it: 'Qualcosa su di te (facoltativo)', en: 'About you (optional)' },
          description: {
            it: 'Ci aiuta a capire se l’insicurezza pesa di più su alcune persone. Nessuna risposta è obbligatoria.',
            en: 'It helps us see whether insecurity weighs more on some people. No answer is required.',
          },
          state: 'collapsed',
          elements: [
            { type: 'radiogroup', name: 'profile_age', title: { it: 'Età', en: 'Age' }, colCount: 3, choices: choicesFrom(ageBands) },
            { type: 'radiogroup', name: 'profile_gender', title: { it: 'Genere', en: 'Gender' }, colCount: 2, choices: choicesFrom(genders) },
            {
              type: 'radiogroup',
              name: 'profile_relation',
              title: { it: 'Che rapporto hai con questo luogo?', en: 'What is your relation to this place?' },
              colCount: 2,
              choices: choicesFrom(relations),
            },
          ],
        },
      ],
    },
  ],
};

type Id<T extends readonly { id: string }[]> = T[number]['id'];
export type AgeBand = Id<typeof ageBands>;
export type Gender = Id<typeof genders>;
export type Relation = Id<typeof relations>;
const ageBandIds = ageBands.map((a) => a.id) as [AgeBand, ...AgeBand[]];
const genderIds = genders.map((g) => g.id) as [Gender, ...Gender[]];
const relationIds = relations.map((r) => r.id) as [Relation, ...Relation[]];

/** What SurveyJS produces for `residentSurvey` (`survey.data`). */
export type ResidentAnswers = {
  categories?: CategoryId[];
  timeBands?: TimeBand[];
  days?: DayKind[];
  intensity?: number;
  helps?: HelpId[];
  text?: string;
  profile_age?: AgeBand;
  profile_gender?: Gender;
  profile_relation?: Relation;
};

const uniqueArray = <T extends string>(ids: [T, ...T[]]) =>
  z.array(z.enum(ids)).refine((a) => new Set(a).size === a.length, { message: 'Duplicate values' });

/** The resident fields of a signal payload; the API adds id, place and time around them. */
export const residentSignalFieldsSchema = z.strictObject({
  categories: uniqueArray(categoryIds).min(1),
  timeBands: uniqueArray(timeBandIds).min(1),
  days: uniqueArray(dayKindIds).min(1).optional(),
  helps: uniqueArray(helpIds).min(1).optional(),
  text: z.string().trim().min(1).max(residentTextMaxLength).optional(),
  profile: z
    .strictObject({ age: z.enum(ageBandIds).optional(), gender: z.enum(genderIds).optional(), relation: z.enum(relationIds).optional() })
    .optional(),
  intensity: z.number().int().min(1).max(5),
});
export type ResidentSignalFields = z.infer<typeof residentSignalFieldsSchema>;

/**
 * Maps SurveyJS data to the signal fields. Empty answers are left out (no empty arrays, no blank
 * text, no empty profile), so the payload says only what the resident said. Values are not
 * checked here: the API parses the result with `residentSignalFieldsSchema`.
 */
export function residentAnswersToSignal(data: ResidentAnswers): ResidentSignalFields {
  const nonEmpty = <T>(a: T[] | undefined) => (Array.isArray(a) && a.length > 0 ? [...a] : undefined);
  const text = typeof data.text === 'string' ? data.text.trim() : '';
  const profile = {
    ...(data.profile_age ? { age: data.profile_age } : {}),
    ...(data.profile_gender ? { gender: data.profile_gender } : {}),
    ...(data.profile_relation ? { relation: data.profile_relation } : {}),
  };
  const days = nonEmpty(data.days);
  const helpList = nonEmpty(data.helps);
  return {
    categories: nonEmpty(data.categories) ?? [],
    timeBands: nonEmpty(data.timeBands) ?? [],
    ...(days ? { days } : {}),
    ...(helpList ? { helps: helpList } : {}),
    ...(text ? { text } : {}),
    ...(Object.keys(profile).length > 0 ? { profile } : {}),
    intensity: data.intensity as number,
  };
}
