// The resident-side vocabulary: categories of perceived insecurity, time bands, days, what would
// help, and profile bands. The resident form, the API validator and the analysis all read it.
import type { Label } from './i18n';

export type Option<Id extends string = string> = { id: Id; label: Label };

export const categories = [
  { id: 'lighting', label: { it: 'Illuminazione scarsa', en: 'Poor lighting' } },
  { id: 'degradation', label: { it: 'Area degradata o abbandonata', en: 'Degraded or abandoned area' } },
  { id: 'vandalism', label: { it: 'Atti vandalici', en: 'Vandalism' } },
  { id: 'drugs', label: { it: 'Spaccio o consumo di droga', en: 'Drug dealing or use' } },
  { id: 'harassment', label: { it: 'Molestie', en: 'Harassment' } },
  { id: 'aggression', label: { it: 'Aggressioni o rapine', en: 'Aggression or robbery' } },
  { id: 'theft', label: { it: 'Furti o furti in abitazione', en: 'Theft or burglary' } },
  { id: 'groups', label: { it: 'Gruppi che creano disagio', en: 'Groups causing unease' } },
  { id: 'nightlife', label: { it: 'Rumore e movida', en: 'Noise and nightlife' } },
  { id: 'dumping', label: { it: 'Abbandono di rifiuti', en: 'Illegal dumping' } },
  { id: 'road', label: { it: 'Pericoli stradali', en: 'Road danger' } },
  { id: 'other', label: { it: 'Altro', en: 'Other' } },
] as const satisfies readonly Option[];
export type CategoryId = (typeof categories)[number]['id'];
export const categoryIds = categories.map((c) => c.id) as [CategoryId, ...CategoryId[]];

export const timeBands = [
  { id: 'morning', label: { it: 'Mattina (6-12)', en: 'Morning (6-12)' } },
  { id: 'afternoon', label: { it: 'Pomeriggio (12-18)', en: 'Afternoon (12-18)' } },
  { id: 'evening', label: { it: 'Sera (18-22)', en: 'Evening (18-22)' } },
  { id: 'night', label: { it: 'Notte (22-6)', en: 'Night (22-6)' } },
] as const satisfies readonly Option[];
export type TimeBand = (typeof timeBands)[number]['id'];
export const timeBandIds = timeBands.map((t) => t.id) as [TimeBand, ...TimeBand[]];

export const dayKinds = [
  { id: 'weekday', label: { it: 'Giorni feriali', en: 'Weekdays' } },
  { id: 'weekend', label: { it: 'Fine settimana', en: 'Weekend' } },
] as const satisfies readonly Option[];
export type DayKind = (typeof dayKinds)[number]['id'];
export const dayKindIds = dayKinds.map((d) => d.id) as [DayKind, ...DayKind[]];

export const helps = [
  { id: 'lighting', label: { it: 'Più illuminazione', en: 'Better lighting' } },
  { id: 'police', label: { it: 'Presenza delle forze dell’ordine', en: 'Police presence' } },
  { id: 'maintenance', label: { it: 'Manutenzione e pulizia', en: 'Maintenance and cleaning' } },
  { id: 'social', label: { it: 'Attività sociali e per i giovani', en: 'Social and youth activities' } },
  { id: 'cameras', label: { it: 'Videosorveglianza', en: 'Cameras' } },
  { id: 'street-educators', label: { it: 'Educatori di strada', en: 'Street educators' } },
  { id: 'transport', label: { it: 'Trasporti serali', en: 'Evening transport' } },
  { id: 'other', label: { it: 'Altro', en: 'Other' } },
] as const satisfies readonly Option[];
export type HelpId = (typeof helps)[number]['id'];
export const helpIds = helps.map((h) => h.id) as [HelpId, ...HelpId[]];

export const ageBands = [
  { id: '<18', label: { it: 'Meno di 18 anni', en: 'Under 18' } },
  { id: '18-29', label: { it: '18-29', en: '18-29' } },
  { id: '30-44', label: { it: '30-44', en: '30-44' } },
  { id: '45-64', label: { it: '45-64', en: '45-64' } },
  { id: '65+', label: { it: '65 e oltre', en: '65 and over' } },
] as const satisfies readonly Option[];
export const genders = [
  { id: 'woman', label: { it: 'Donna', en: 'Woman' } },
  { id: 'man', label: { it: 'Uomo', en: 'Man' } },
  { id: 'other', label: { it: 'Altro', en: 'Other' } },
  { id: 'undisclosed', label: { it: 'Preferisco non dirlo', en: 'Prefer not to say' } },
] as const satisfies readonly Option[];
export const relations = [
  { id: 'live', label: { it: 'Ci abito', en: 'I live here' } },
  { id: 'work', label: { it: 'Ci lavoro', en: 'I work here' } },
  { id: 'study', label: { it: 'Ci studio', en: 'I study here' } },
  { id: 'pass', label: { it: 'Ci passo', en: 'I pass through' } },
] as const satisfies readonly Option[];

export const signalSources = ['resident', 'police', 'media', 'institution'] as const;
export type SignalSource = (typeof signalSources)[number];

// Kinds of institution that take part in a diagnosis (DESIGN.md, "Who uses it").
export const institutionKinds = [
  { id: 'comune', label: { it: 'Comune', en: 'Municipality' } },
  { id: 'comunita-montana', label: { it: 'Comunità montana / Unione di comuni', en: 'Mountain community / union of municipalities' } },
  { id: 'provincia', label: { it: 'Provincia / Città metropolitana', en: 'Province / metropolitan city' } },
  { id: 'prefettura', label: { it: 'Prefettura', en: 'Prefecture' } },
  { id: 'regione', label: { it: 'Regione', en: 'Region' } },
  { id: 'forze-ordine', label: { it: 'Forze dell’ordine', en: 'Police forces' } },
  { id: 'polizia-locale', label: { it: 'Polizia locale', en: 'Local police' } },
  { id: 'asl', label: { it: 'Azienda sanitaria (ASL)', en: 'Health agency (ASL)' } },
  { id: 'scuola', label: { it: 'Istituzione scolastica', en: 'School' } },
  { id: 'terzo-settore', label: { it: 'Terzo settore', en: 'Third sector' } },
  { id: 'associazione-categoria', label: { it: 'Associazione di categoria', en: 'Trade association' } },
  { id: 'ente-religioso', label: { it: 'Ente religioso', en: 'Religious body' } },
  { id: 'magistratura', label: { it: 'Magistratura', en: 'Judiciary' } },
  { id: 'altro', label: { it: 'Altro', en: 'Other' } },
] as const satisfies readonly Option[];
export type InstitutionKind = (typeof institutionKinds)[number]['id'];
export const institutionKindIds = institutionKinds.map((k) => k.id) as [InstitutionKind, ...InstitutionKind[]];
