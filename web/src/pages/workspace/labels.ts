// Names of the taxonomy's ids in the UI language (categories, institution kinds, sources…),
// read from surveys/ so the workspace says what the resident form and the questionnaire say.
import { useTranslation } from 'react-i18next';
import { type Label, type Lang, pick } from '../../../../surveys/i18n';
import { categories, dayKinds, institutionKinds, timeBands } from '../../../../surveys/taxonomy';

const byId = (options: readonly { id: string; label: Label }[]) => new Map(options.map((o) => [o.id, o.label]));
const tables = { category: byId(categories), kind: byId(institutionKinds), band: byId(timeBands), day: byId(dayKinds) };

export function useLabels() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'it';
  const of = (table: keyof typeof tables) => (id: string) => {
    const label = tables[table].get(id);
    return label ? pick(label, lang) : id;
  };
  return {
    lang,
    category: of('category'),
    kind: of('kind'),
    band: (id: string) => (id === 'unknown' ? t('workspace.dash.unknown') : of('band')(id)),
    day: of('day'),
    source: (id: string) => t(`workspace.sources.${id}`, { defaultValue: id }),
    text: (label: Label | undefined, fallback = '') => (label ? pick(label, lang) : fallback),
  };
}

type Format = {
  int: (v: number | null | undefined) => string;
  one: (v: number | null | undefined) => string;
  two: (v: number | null | undefined) => string;
  pct: (v: number | null | undefined) => string;
  /** A p- or q-value: three decimals, "< 0,001" below (a printed 0 would read as certainty). */
  p: (v: number | null | undefined) => string;
  month: (ym: string) => string;
};

// Intl formatters are costly to build (a fresh DateTimeFormat per toLocaleDateString call with
// options): built once per language and shared, since every panel formats on every render.
const formats = new Map<string, Format>();

function formatFor(lang: string): Format {
  let f = formats.get(lang);
  if (f) return f;
  // Italian CLDR data groups only from five digits ("3600"); an Italian reader expects "3.600".
  const grouping = { useGrouping: 'always' } as const;
  const n0 = new Intl.NumberFormat(lang, { maximumFractionDigits: 0, ...grouping });
  const n1 = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, ...grouping });
  const n2 = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, ...grouping });
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const n3 = new Intl.NumberFormat(lang, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const month = new Intl.DateTimeFormat(lang, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  f = {
    int: (v) => (ok(v) ? n0.format(v) : '—'),
    one: (v) => (ok(v) ? n1.format(v) : '—'),
    two: (v) => (ok(v) ? n2.format(v) : '—'),
    pct: (v) => (ok(v) ? pct.format(v) : '—'),
    p: (v) => (ok(v) ? (v < 0.001 ? `< ${n3.format(0.001)}` : n3.format(v)) : '—'),
    month: (ym) => month.format(new Date(`${ym}-01T12:00:00Z`)),
  };
  formats.set(lang, f);
  return f;
}

export function useFormat(): Format {
  const { i18n } = useTranslation();
  return formatFor(i18n.language);
}
