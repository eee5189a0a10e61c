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

export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const n0 = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const n1 = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const n2 = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  return {
    int: (v: number | null | undefined) => (ok(v) ? n0.format(v) : '—'),
    one: (v: number | null | undefined) => (ok(v) ? n1.format(v) : '—'),
    two: (v: number | null | undefined) => (ok(v) ? n2.format(v) : '—'),
    pct: (v: number | null | undefined) => (ok(v) ? pct.format(v) : '—'),
    month: (ym: string) => new Date(`${ym}-01T12:00:00Z`).toLocaleDateString(lang, { month: 'short', year: '2-digit', timeZone: 'UTC' }),
  };
}
