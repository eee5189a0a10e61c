// Exports for the analyst's own tools (GIS, spreadsheets), with the dashboard's current filters.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../../lib/download';
import { filtersFrom, isFiltered, queryString } from '../dashboard/filters';
import { useAnalysis } from '../dashboard/useAnalyses';
import { useLabels } from '../labels';
import { ErrorNote } from '../Problem';
import { Link, useLocation } from '../router';
import type { Diagnosis, PublicDiagnosis, Tracking } from '../types';
import { useApi } from '../useApi';
import { type CsvOptions, cellsCsv, trackingCsv, zonesCsv, zonesGeoJSON } from './build';

export function ExportsPage({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { query } = useLocation();
  const qs = query.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(qs)), [qs]);
  const [delimiter, setDelimiter] = useState<CsvOptions['delimiter']>(i18n.language === 'en' ? ',' : ';');
  const slug = diagnosis.slug;
  const pub = useApi<PublicDiagnosis>(`/api/diagnoses/${slug}/public?lang=${labels.lang}`);
  const hotspots = useAnalysis(slug, 'hotspots', filters);
  const zones = useAnalysis(slug, 'zones', filters);
  const gap = useAnalysis(slug, 'perception-gap', filters);
  const tracking = useApi<Tracking>(`/api/diagnoses/${slug}/responses`);
  const stamp = new Date().toISOString().slice(0, 10);
  const name = (what: string, ext: string) => `${slug}-${what}-${stamp}.${ext}`;

  const headers: Record<string, string> = {
    zone: t('workspace.exports.h.zone'),
    municipality: t('workspace.exports.h.municipality'),
    rank: t('workspace.dash.rank'),
    composite: t('workspace.dash.composite'),
    component: t('workspace.exports.h.component'),
    signals: t('workspace.dash.signals'),
    perceived: t('workspace.dash.perceived'),
    recorded: t('workspace.dash.recorded'),
    gap: t('workspace.exports.h.gap'),
    quadrant: t('workspace.dash.quadrant'),
    lat: t('workspace.exports.h.lat'),
    lon: t('workspace.exports.h.lon'),
    value: t('workspace.exports.h.value'),
    class: t('workspace.exports.h.class'),
    institution: t('workspace.invitations.institution'),
    kind: t('workspace.invitations.kind'),
    area: t('workspace.invitations.area'),
    stage: t('workspace.invitations.stage'),
    invitedAt: t('workspace.exports.h.invitedAt'),
    openedAt: t('workspace.exports.h.openedAt'),
    savedAt: t('workspace.exports.h.savedAt'),
    submittedAt: t('workspace.exports.h.submittedAt'),
    revisions: t('workspace.exports.h.revisions'),
    ...Object.fromEntries(['resident', 'intensity', 'police', 'media', 'concern'].map((c) => [`c_${c}`, t(`workspace.components.${c}`)])),
    ...Object.fromEntries(['fear-above-risk', 'risk-above-fear', 'both-high', 'both-low'].map((q) => [`q_${q}`, t(`workspace.quadrants.${q}`)])),
    ...Object.fromEntries(['hot-99', 'hot-95', 'hot-90', 'none', 'cold-90', 'cold-95', 'cold-99'].map((k) => [`k_${k}`, t(`workspace.hotspotClasses.${k}`)])),
  };
  const o = { delimiter };
  const ready = { zones: !!(pub.data && zones.data && gap.data), hotspots: !!hotspots.data };

  const items: { id: string; title: string; help: string; ready: boolean; run: () => void }[] = [
    {
      id: 'zones-csv',
      title: t('workspace.exports.zonesCsv'),
      help: t('workspace.exports.zonesCsvHelp'),
      ready: ready.zones,
      run: () => downloadText(name('zone', 'csv'), zonesCsv(headers, pub.data!, zones.data, gap.data, o), 'text/csv;charset=utf-8'),
    },
    {
      id: 'zones-geojson',
      title: t('workspace.exports.zonesGeojson'),
      help: t('workspace.exports.zonesGeojsonHelp'),
      ready: ready.zones,
      run: () => downloadText(name('zone', 'geojson'), JSON.stringify(zonesGeoJSON(pub.data!, zones.data, gap.data)), 'application/geo+json'),
    },
    {
      id: 'hotspots-geojson',
      title: t('workspace.exports.hotspotsGeojson'),
      help: t('workspace.exports.hotspotsGeojsonHelp'),
      ready: ready.hotspots,
      run: () => downloadText(name('hotspot', 'geojson'), JSON.stringify(hotspots.data), 'application/geo+json'),
    },
    {
      id: 'hotspots-csv',
      title: t('workspace.exports.hotspotsCsv'),
      help: t('workspace.exports.hotspotsCsvHelp'),
      ready: ready.hotspots,
      run: () => downloadText(name('celle', 'csv'), cellsCsv(headers, hotspots.data!, o), 'text/csv;charset=utf-8'),
    },
    {
      id: 'tracking-csv',
      title: t('workspace.exports.trackingCsv'),
      help: t('workspace.exports.trackingCsvHelp'),
      ready: !!tracking.data,
      run: () =>
        downloadText(name('risposte-enti', 'csv'), trackingCsv(headers, tracking.data!, { kind: labels.kind, stage: (s) => t(`workspace.stages.${s}`) }, o), 'text/csv;charset=utf-8'),
    },
  ];

  return (
    <main className="ws-main exports">
      <section className="card">
        <h2>{t('workspace.exports.title')}</h2>
        <p>
          {isFiltered(filters) ? t('workspace.exports.filtered') : t('workspace.exports.unfiltered')}{' '}
          <Link href={`/app/${slug}${queryString(filters)}`}>{t('workspace.exports.changeFilters')}</Link>
        </p>
        <label className="inline">
          {t('workspace.exports.delimiter')}
          <select value={delimiter} onChange={(e) => setDelimiter(e.target.value as CsvOptions['delimiter'])}>
            <option value=";">{t('workspace.exports.semicolon')}</option>
            <option value=",">{t('workspace.exports.comma')}</option>
          </select>
        </label>
        <ErrorNote error={pub.error ?? zones.error ?? gap.error ?? hotspots.error ?? tracking.error} />
        <ul className="exports-list">
          {items.map((x) => (
            <li key={x.id}>
              <button type="button" data-export={x.id} disabled={!x.ready} onClick={x.run}>{x.title}</button>
              <span className="muted">{x.ready ? x.help : t('common.loading')}</span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
