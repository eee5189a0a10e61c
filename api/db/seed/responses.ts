// Demo questionnaire responses: about a dozen institutions have submitted (two of them amended
// once), two are half-way through a draft, three have only opened their link. Answers are drawn
// from the seeded rng around a per-institution "readiness" level, so dimensions differ between
// institutions the way they do in a real diagnosis, and every submitted set passes the same
// validation as the API (the seed fails loudly otherwise). The institutions whose links the
// server prints at start are left untouched, so a newcomer opens a fresh questionnaire.
import { eq } from 'drizzle-orm';
import {
  type Answers,
  type Question,
  type SurveyDefinition,
  clearHiddenAnswers,
  institutionSurvey,
  institutionSurveyVersion,
  listQuestions,
  validateAnswers,
  withZones,
} from '../../../surveys';
import { assessmentStatements } from '../../../surveys/institution/strengths';
import { type AppDb, insertMany, runAtomically } from '../client';
import { invitations, responseRevisions, responses } from '../schema';
import type { Rng } from './random';

type InstitutionRow = { id: string; name: string; kind: string; areaId: string | null; municipalityId: string | null };
export type ResponseSeedInput = {
  diagnosisId: string;
  institutions: InstitutionRow[];
  municipalities: { id: string; name: string; population: number }[];
  areas: { id: string; name: string }[];
  zones: { id: string; name: string }[];
  now: Date;
};

export const SEEDED_SUBMITTED = 12;
export const SEEDED_DRAFTS = 2;
const OPENED_ONLY = 3;
/** The links printed at start belong to the first institutions: leave them fresh. */
const UNTOUCHED = 3;
const DAY = 86_400_000;
/** Pages a seeded draft has got through. */
const DRAFT_PAGES = ['profile', 'knowledge', 'problems'];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A step of an ordered scale, around `level` (0 = the lowest step, 1 = the highest). */
function around<T>(rng: Rng, values: readonly T[], level: number, spread = 0.8): T {
  return values[clamp(Math.round(level * (values.length - 1) + rng.normal() * spread), 0, values.length - 1)];
}

function sample<T>(rng: Rng, values: readonly T[], n: number): T[] {
  const pool = [...values];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]);
  return out;
}

const texts: Record<string, string[]> = {
  missingData: [
    'Dati sugli interventi del 112 per zona e fascia oraria.',
    'Non abbiamo dati sulle segnalazioni informali dei commercianti.',
    'Manca un quadro condiviso dei reati denunciati per comune.',
  ],
  concernNotes: [
    'Aree poco illuminate e frequentate la sera da gruppi di giovani; spaccio segnalato più volte.',
    'In estate la frequentazione notturna del lungomare cresce e con essa liti e danneggiamenti.',
    'Il parcheggio della stazione è percepito come insicuro dopo l’ultimo treno.',
  ],
  policyNotes: [
    'Educativa di strada attiva con la cooperativa sociale in due quartieri.',
    'Il piano di illuminazione pubblica è finanziato ma i lavori non sono iniziati.',
  ],
  strengthsOpen: [
    'Una rete di associazioni di volontariato radicata e abituata a lavorare con il comune.',
    'Buona collaborazione con la polizia locale e con le scuole; personale motivato.',
    'Esperienza del tavolo di coordinamento in prefettura e conoscenza diretta del territorio.',
    'Piccole dimensioni: ci si conosce e le segnalazioni arrivano in fretta.',
  ],
  criticalitiesOpen: [
    'Personale insufficiente, soprattutto nelle ore serali e nei fine settimana.',
    'I dati restano nei singoli uffici e non vengono condivisi tra enti.',
    'Gli interventi nascono sulle emergenze e manca una programmazione pluriennale.',
    'Scarsa partecipazione dei cittadini agli incontri pubblici.',
  ],
  goodPractice: [
    'Il progetto di riqualificazione del giardino pubblico con i ragazzi del quartiere.',
    'Lo sportello di ascolto per le vittime di truffe aperto con i sindacati dei pensionati.',
  ],
  signConditions: [
    'Che siano chiari risorse e impegni di ciascun ente e che ci sia un coordinatore.',
    'Che il patto preveda obiettivi misurabili e una verifica annuale.',
  ],
  contributionsNotes: ['Possiamo mettere a disposizione una sala per gli incontri e personale per due giornate al mese.'],
  expectationsOpen: [
    'Ci aspettiamo un coordinamento stabile e la restituzione periodica dei dati.',
    'Che il patto non resti sulla carta: poche azioni, con tempi certi.',
  ],
};

const scopeByKind: Record<string, string> = {
  comune: 'municipal',
  'comunita-montana': 'intermunicipal',
  provincia: 'provincial',
  prefettura: 'provincial',
  regione: 'regional',
  'forze-ordine': 'provincial',
  asl: 'intermunicipal',
  magistratura: 'provincial',
};

function populationBand(population: number): string {
  if (population < 5_000) return 'lt5k';
  if (population < 15_000) return '5to15k';
  if (population < 50_000) return '15to50k';
  return population < 250_000 ? '50to250k' : 'gt250k';
}

type Context = { rng: Rng; level: number; inst: InstitutionRow; municipality?: { name: string; population: number }; areaName?: string; zones: { id: string }[]; territoryPopulation: number; municipalityCount: number };

/** Specific answers where a value must fit the institution, or where the scale runs downwards. */
function specific(q: Question, x: Context): { value: unknown } | null {
  const { rng, inst } = x;
  switch (q.name) {
    case 'institutionKind':
      return { value: inst.kind };
    case 'territoryScope':
      return { value: inst.municipalityId && inst.kind !== 'comunita-montana' ? 'municipal' : (scopeByKind[inst.kind] ?? (inst.areaId ? 'intermunicipal' : 'provincial')) };
    case 'territoryName':
      return { value: x.municipality ? `Comune di ${x.municipality.name}` : x.areaName ? `Ambito ${x.areaName}` : 'Valle del Lume' };
    case 'municipalitiesCovered':
      return { value: x.municipalityCount };
    case 'populationBand':
      return { value: populationBand(x.municipality?.population ?? x.territoryPopulation) };
    case 'respondentRole':
      return {
        value: inst.kind === 'comune' ? rng.pick(['elected', 'manager', 'officer']) : inst.kind === 'forze-ordine' || inst.kind === 'polizia-locale' ? 'commander' : rng.pick(['manager', 'coordinator', 'officer']),
      };
    case 'willingnessToSign':
      return { value: around(rng, ['no', 'undecided', 'conditional', 'yes'], clamp(x.level + 0.25, 0, 1)) };
    case 'concernZones':
      return { value: sample(rng, x.zones.map((z) => z.id), rng.int(1, 4)) };
    case 'budgetBand':
      return { value: rng.chance(0.1) ? 'unknown' : around(rng, ['none', 'lt10k', '10to50k', '50to200k', 'gt200k'], x.level * 0.8) };
    default:
      return null;
  }
}

/** Choices that are not a step on a scale: kept out of `around` and of multiple picks. */
const offScale = new Set<unknown>(['unknown', 'notCompetent', 'other', 'altro']);
const negativeStatements = new Set(assessmentStatements.filter((s) => s.polarity === -1).map((s) => s.id));

function generic(q: Question, x: Context): unknown {
  const { rng, level } = x;
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return around(rng, q.choices.map((c) => c.value).filter((v) => !offScale.has(v)), level);
    case 'checkbox':
    case 'tagbox': {
      const regular = q.choices.filter((c) => !c.isExclusive && !offScale.has(c.value)).map((c) => c.value);
      const exclusive = q.choices.find((c) => c.isExclusive);
      if (exclusive && rng.chance(0.25 * (1 - level))) return [exclusive.value];
      const max = Math.min(q.maxSelectedChoices || regular.length, regular.length);
      return sample(rng, regular, clamp(Math.round(1 + level * 4 + rng.normal()), Math.max(1, q.minSelectedChoices ?? 1), max));
    }
    case 'ranking': {
      const n = clamp(rng.int(3, 5), q.minSelectedChoices ?? 1, q.choices.length);
      return sample(rng, q.choices.map((c) => c.value), q.selectToRankEnabled ? n : q.choices.length);
    }
    case 'rating': {
      const min = q.rateMin ?? 1;
      const max = q.rateMax ?? 5;
      return around(rng, Array.from({ length: max - min + 1 }, (_, i) => min + i), level);
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'text':
      return q.inputType === 'number' ? (q.min ?? 1) : x.inst.name.slice(0, q.maxLength ?? 200);
    case 'comment':
      return rng.pick(texts[q.name] ?? ['Nessuna osservazione particolare.']);
    case 'matrix': {
      const columns = q.columns.map((c) => c.value).filter((v) => !offScale.has(v));
      return Object.fromEntries(
        q.rows.map((r) => {
          if (q.columns.some((c) => c.value === 'notCompetent') && rng.chance(0.12)) return [r.value, 'notCompetent'];
          const rowLevel = negativeStatements.has(String(r.value)) ? 1 - level : level;
          return [r.value, around(rng, columns, rowLevel, 1)];
        }),
      );
    }
    case 'matrixdropdown':
      return Object.fromEntries(
        q.rows.map((r) => {
          const row: Record<string, unknown> = {};
          for (const col of q.columns) {
            const values = col.choices.map((c) => c.value);
            if (!col.isRequired && rng.chance(0.3)) continue;
            // Severity: most problems low to medium, a few high; now and then "don't know".
            row[col.name] = values.includes('unknown') && rng.chance(0.08) ? 'unknown' : rng.weighted(values.filter((v) => v !== 'unknown'), values.length > 4 ? [2, 4, 3, 1.5, 0.5] : [1, 2, 2]);
          }
          return [r.value, row];
        }),
      );
  }
}

/** A complete, plausible answer set for one institution, valid for submission. */
export function plausibleAnswers(definition: SurveyDefinition, x: Context): Answers {
  const answers: Answers = {};
  for (const entry of listQuestions(definition)) {
    const q = entry.question;
    const required = q.isRequired || q.requiredIf !== undefined || (q.type === 'matrix' && q.eachRowRequired);
    // Optional questions are left blank now and then, as real respondents do.
    if (!required && q.type !== 'matrixdropdown' && !x.rng.chance(q.type === 'comment' ? 0.45 : 0.85)) continue;
    const s = specific(q, x);
    answers[q.name] = s ? s.value : generic(q, x);
  }
  return clearHiddenAnswers(definition, answers);
}

export async function seedResponses(db: AppDb, rng: Rng, input: ResponseSeedInput): Promise<{ submitted: number; drafts: number }> {
  const { diagnosisId, now } = input;
  const definition = withZones(institutionSurvey, input.zones);
  const draftQuestions = new Set(listQuestions(definition).filter((e) => DRAFT_PAGES.includes(e.page)).map((e) => e.question.name));
  const municipalities = new Map(input.municipalities.map((m) => [m.id, m]));
  const areaNames = new Map(input.areas.map((a) => [a.id, a.name]));
  const territoryPopulation = input.municipalities.reduce((s, m) => s + m.population, 0);
  const assessment = listQuestions(definition).find((e) => e.question.name === 'assessment')?.question;

  // The campaign started six weeks ago: invitations went out then, answers came in since.
  const start = new Date(now.getTime() - 42 * DAY);
  const candidates = sample(rng, input.institutions.slice(UNTOUCHED), input.institutions.length - UNTOUCHED);
  const submitted = candidates.slice(0, SEEDED_SUBMITTED);
  const drafts = candidates.slice(SEEDED_SUBMITTED, SEEDED_SUBMITTED + SEEDED_DRAFTS);
  const openedOnly = candidates.slice(SEEDED_SUBMITTED + SEEDED_DRAFTS, SEEDED_SUBMITTED + SEEDED_DRAFTS + OPENED_ONLY);

  const responseRows: (typeof responses.$inferInsert)[] = [];
  const revisionRows: (typeof responseRevisions.$inferInsert)[] = [];
  const opened = new Map<string, Date>();
  const at = (from: Date, maxDays: number) => new Date(Math.min(now.getTime() - 3_600_000, from.getTime() + rng.next() * maxDays * DAY));

  for (const inst of [...submitted, ...drafts]) {
    const isDraft = drafts.includes(inst);
    const context: Context = {
      rng,
      level: clamp(0.5 + rng.normal() * 0.22, 0.05, 0.95),
      inst,
      municipality: inst.municipalityId ? municipalities.get(inst.municipalityId) : undefined,
      areaName: inst.areaId ? areaNames.get(inst.areaId) : undefined,
      zones: input.zones,
      territoryPopulation,
      municipalityCount: input.municipalities.length,
    };
    const openedAt = at(start, 20);
    opened.set(inst.id, openedAt);
    const full = plausibleAnswers(definition, context);
    const mode = isDraft ? 'draft' : 'submit';
    const answers = isDraft ? Object.fromEntries(Object.entries(full).filter(([name]) => draftQuestions.has(name))) : full;
    const check = validateAnswers(definition, answers, { mode });
    if (!check.ok) throw new Error(`Seeded answers of ${inst.name} fail ${mode} validation: ${JSON.stringify(check.errors)}`);

    const responseId = rng.uuid();
    const updatedAt = at(openedAt, 12);
    if (isDraft) {
      // A few autosaves so far.
      responseRows.push({ id: responseId, diagnosisId, institutionId: inst.id, answers, status: 'draft', version: rng.int(2, 6), surveyVersion: institutionSurveyVersion, submittedAt: null, createdAt: openedAt, updatedAt });
      continue;
    }
    // Two of the submitted ones were amended once: the first revision differs in its assessment.
    const amended = assessment !== undefined && responseRows.filter((r) => r.status === 'submitted').length < 2;
    if (amended) {
      const first = { ...answers, assessment: generic(assessment, { ...context, level: clamp(context.level - 0.2, 0, 1) }) };
      if (!validateAnswers(definition, first, { mode: 'submit' }).ok) throw new Error(`Seeded first revision of ${inst.name} is invalid`);
      const firstAt = new Date(openedAt.getTime() + (updatedAt.getTime() - openedAt.getTime()) / 2);
      revisionRows.push({ id: rng.uuid(), responseId, version: 1, answers: first, surveyVersion: institutionSurveyVersion, submittedAt: firstAt });
    }
    const version = amended ? 2 : 1;
    responseRows.push({ id: responseId, diagnosisId, institutionId: inst.id, answers, status: 'submitted', version, surveyVersion: institutionSurveyVersion, submittedAt: updatedAt, createdAt: openedAt, updatedAt });
    revisionRows.push({ id: rng.uuid(), responseId, version, answers, surveyVersion: institutionSurveyVersion, submittedAt: updatedAt });
  }
  for (const inst of openedOnly) opened.set(inst.id, at(start, 30));

  await insertMany(db, responses, responseRows);
  await insertMany(db, responseRevisions, revisionRows);
  await runAtomically(db, [
    db.update(invitations).set({ createdAt: start }).where(eq(invitations.diagnosisId, diagnosisId)),
    ...[...opened].map(([institutionId, when]) =>
      db.update(invitations).set({ firstOpenedAt: when }).where(eq(invitations.institutionId, institutionId)),
    ),
  ]);
  return { submitted: submitted.length, drafts: drafts.length };
}
