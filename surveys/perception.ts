// The standard perception survey a resident may answer once per device after a report. Its items
// follow ISTAT's citizens' safety survey, so local figures can be read against national ones.
// The choice lists below are the one source of truth for the SurveyJS definition, the API's zod
// schema and the analysis helper `perceivedUnsafe`.
//
// Incivilities are a frequency matrix (often / sometimes / rarely / never per item), not a
// checkbox of things seen: that is how ISTAT asks it, and it keeps "rarely" apart from "often".
import { z } from 'zod';
import { type SurveyDefinition, choicesFrom, navigationTexts } from './definition';
import type { Option } from './taxonomy';

export const perceptionSurveyVersion = 1;

export const safeAfterDarkOptions = [
  { id: 'very-safe', label: { it: 'Molto sicuro/a', en: 'Very safe' } },
  { id: 'fairly-safe', label: { it: 'Abbastanza sicuro/a', en: 'Fairly safe' } },
  { id: 'not-very-safe', label: { it: 'Poco sicuro/a', en: 'Not very safe' } },
  { id: 'not-safe-at-all', label: { it: 'Per niente sicuro/a', en: 'Not safe at all' } },
  { id: 'never-out-alone', label: { it: 'Non esco mai da solo/a di sera', en: 'I never go out alone in the evening' } },
] as const satisfies readonly Option[];
export type SafeAfterDark = (typeof safeAfterDarkOptions)[number]['id'];

export const avoidsEveningOptions = [
  { id: 'often', label: { it: 'Sì, spesso', en: 'Yes, often' } },
  { id: 'sometimes', label: { it: 'Sì, qualche volta', en: 'Yes, sometimes' } },
  { id: 'never', label: { it: 'No, mai', en: 'No, never' } },
] as const satisfies readonly Option[];
export type AvoidsEvening = (typeof avoidsEveningOptions)[number]['id'];

export const incivilityItems = [
  { id: 'drugUse', label: { it: 'Persone che si drogano', en: 'People taking drugs' } },
  { id: 'drugDealing', label: { it: 'Persone che spacciano droga', en: 'People dealing drugs' } },
  { id: 'vandalism', label: { it: 'Atti di vandalismo contro il bene pubblico', en: 'Vandalism against public property' } },
  { id: 'prostitution', label: { it: 'Prostituzione', en: 'Prostitution' } },
] as const satisfies readonly Option[];
export type IncivilityItem = (typeof incivilityItems)[number]['id'];

export const incivilityFrequencies = [
  { id: 'often', label: { it: 'Spesso', en: 'Often' } },
  { id: 'sometimes', label: { it: 'Qualche volta', en: 'Sometimes' } },
  { id: 'rarely', label: { it: 'Raramente', en: 'Rarely' } },
  { id: 'never', label: { it: 'Mai', en: 'Never' } },
] as const satisfies readonly Option[];
export type IncivilityFrequency = (typeof incivilityFrequencies)[number]['id'];

const ids = <T extends string>(options: readonly { id: T }[]) => options.map((o) => o.id) as [T, ...T[]];

const trust = (name: string, it: string, en: string) =>
  ({
    type: 'rating',
    name,
    title: { it, en },
    rateMin: 1,
    rateMax: 5,
    minRateDescription: { it: 'Nessuna fiducia', en: 'No trust' },
    maxRateDescription: { it: 'Piena fiducia', en: 'Full trust' },
  }) as const;

export const perceptionSurvey: SurveyDefinition = {
  locale: 'it',
  title: { it: 'Sicurezza nella zona in cui vive', en: 'Safety in the area where you live' },
  description: {
    it: 'Cinque domande standard, uguali per tutti, per confrontare la percezione con i dati. Il questionario è anonimo e si compila una sola volta.',
    en: 'Five standard questions, the same for everyone, to compare perception with the data. The questionnaire is anonymous and is answered only once.',
  },
  showQuestionNumbers: 'off',
  ...navigationTexts,
  pages: [
    {
      name: 'perception',
      title: { it: 'La zona in cui vive', en: 'The area where you live' },
      elements: [
        {
          type: 'radiogroup',
          name: 'safeAfterDark',
          title: {
            it: 'Quanto si sente al sicuro camminando da solo/a per strada quando è buio nella zona in cui vive?',
            en: 'How safe do you feel walking alone in the street after dark in the area where you live?',
          },
          isRequired: true,
          choices: choicesFrom(safeAfterDarkOptions),
        },
        {
          type: 'radiogroup',
          name: 'avoidsEvening',
          title: { it: 'Le capita di evitare di uscire la sera per paura?', en: 'Do you ever avoid going out in the evening out of fear?' },
          choices: choicesFrom(avoidsEveningOptions),
        },
        {
          type: 'matrix',
          name: 'incivilities',
          title: {
            it: 'Negli ultimi 12 mesi, nella zona in cui vive, le è capitato di vedere…',
            en: 'In the last 12 months, in the area where you live, how often have you seen…',
          },
          rows: choicesFrom(incivilityItems),
          columns: choicesFrom(incivilityFrequencies),
        },
        trust('trustLocalPolice', 'Quanta fiducia ha nella Polizia Locale?', 'How much do you trust the local police?'),
        trust('trustMunicipality', 'Quanta fiducia ha nel suo Comune?', 'How much do you trust your municipality?'),
      ],
    },
  ],
};

const trustScore = z.number().int().min(1).max(5);

/** The perception payload the API accepts (stored with the signal). */
export const perceptionSchema = z.strictObject({
  safeAfterDark: z.enum(ids(safeAfterDarkOptions)),
  avoidsEvening: z.enum(ids(avoidsEveningOptions)).optional(),
  incivilities: z
    .strictObject(
      Object.fromEntries(incivilityItems.map((i) => [i.id, z.enum(ids(incivilityFrequencies)).optional()])) as Record<
        IncivilityItem,
        z.ZodOptional<z.ZodEnum<{ [K in IncivilityFrequency]: K }>>
      >,
    )
    .optional(),
  trustLocalPolice: trustScore.optional(),
  trustMunicipality: trustScore.optional(),
});
export type Perception = z.infer<typeof perceptionSchema>;

const unsafe: ReadonlySet<SafeAfterDark> = new Set(['not-very-safe', 'not-safe-at-all', 'never-out-alone']);

/**
 * True when the respondent feels not very or not at all safe after dark, or never goes out alone
 * in the evening (ISTAT counts the latter with the unsafe, as the complement of "very or fairly safe").
 */
export function perceivedUnsafe(p: Pick<Perception, 'safeAfterDark'>): boolean {
  return unsafe.has(p.safeAfterDark);
}
