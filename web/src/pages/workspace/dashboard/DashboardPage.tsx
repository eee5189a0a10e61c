// The dashboard: reading the diagnosis. Filters in the URL drive every panel; a zone picked on
// the map, in the ranking or in the quadrant chart is highlighted everywhere.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../labels';
import { useLocation } from '../router';
import type { Diagnosis, PublicDiagnosis, Tracking } from '../types';
import { useApi } from '../useApi';
import type { HotspotCell } from './analysisTypes';
import { Objectives, WaveComparison } from './ComparePanels';
import { FiltersBar } from './FiltersBar';
import { filtersFrom } from './filters';
import { CLASS_COLOURS, type Figures, HotspotMap } from './HotspotMap';
import { Panel } from './Panel';
import { PerceptionPanel } from './PerceptionPanel';
import { ResponseRates } from './ResponseRates';
import { StrengthsPanel } from './StrengthsPanel';
import { CategoryMix, MonthlyTrend, TimeTable } from './TimePanels';
import { publicPath, responsesPath, useAnalyses } from './useAnalyses';
import { ZoneRanking } from './ZoneRanking';

export const HOTSPOT_CLASSES = ['hot-99', 'hot-95', 'hot-90', 'none', 'cold-90', 'cold-95', 'cold-99'] as const;

const isCold = (c: HotspotCell) => c.properties.class.startsWith('cold');

/**
 * Cells worth drawing: those with signals or a significant class (the rest is empty grid). Cold
 * cells (fewer reports than if they were scattered at random over the territory) are drawn only
 * when asked for: under a null of reports spread by area, every unpeopled field is cold, and a
 * map blue with them reads as "safe countryside", which the test does not say.
 */
export const visibleCells = (cells: HotspotCell[], showCold = false) =>
  cells.flatMap((c) => {
    if (isCold(c) && !showCold) return c.properties.count > 0 ? [{ ...c, properties: { ...c.properties, class: 'none' as const } }] : [];
    return c.properties.count > 0 || c.properties.class !== 'none' ? [c] : [];
  });

export function MapLegend({ showCold = false }: { showCold?: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="legend">
      {HOTSPOT_CLASSES.filter((c) => showCold || !c.startsWith('cold')).map((c) => (
        <span key={c}><i style={{ background: CLASS_COLOURS[c] }} /> {t(`workspace.hotspotClasses.${c}`)}</span>
      ))}
      <span><i className="zone-key" /> {t('workspace.dash.zoneBoundary')}</span>
    </p>
  );
}

export function DashboardPage({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { query } = useLocation();
  const qs = query.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(qs)), [qs]);
  const a = useAnalyses(diagnosis.slug, filters);
  const pub = useApi<PublicDiagnosis>(publicPath(diagnosis.slug, i18n.language));
  const [selectedZone, setSelectedZone] = useState<string | null>(null);
  // Area names come with the response tracking, the one API that lists the areas.
  const tracking = useApi<Tracking>(responsesPath(diagnosis.slug));
  const areas = useMemo(() => (tracking.data?.totals.byArea ?? []).flatMap((a) => (a.areaId && a.name ? [{ id: a.areaId, name: a.name }] : [])), [tracking.data]);

  const [showCold, setShowCold] = useState(false);
  const cells = useMemo(() => (a.hotspots.data ? visibleCells(a.hotspots.data.features, showCold) : []), [a.hotspots.data, showCold]);
  const zoneRow = useMemo(() => new Map((a.zones.data?.zones ?? []).map((z) => [z.zoneId, z])), [a.zones.data]);
  const gapRow = useMemo(() => new Map((a.gap.data?.zones ?? []).map((z) => [z.zoneId, z])), [a.gap.data]);
  const busy = Object.values(a).some((x) => x.loading);
  const summary = a.hotspots.data?.summary;
  const hot = summary ? summary['hot-99'] + summary['hot-95'] + summary['hot-90'] : undefined;

  const cellFigures = (c: HotspotCell): Figures => ({
    title: `${t('workspace.dash.cell')} · ${t(`workspace.hotspotClasses.${c.properties.class}`)}`,
    rows: [
      [t('workspace.dash.cellSignals'), f.int(c.properties.count)],
      [t('workspace.dash.windowSignals'), t('workspace.dash.windowVsExpected', { observed: f.int(c.properties.window), expected: f.one(c.properties.expected) })],
      [t('workspace.dash.qValue'), f.p(c.properties.q)],
    ],
  });
  const zoneFigures = (id: string, name: string): Figures => {
    const z = zoneRow.get(id);
    const g = gapRow.get(id);
    return {
      title: name,
      rows: [
        [t('workspace.dash.rank'), z ? `${z.rank} / ${zoneRow.size}` : '—'],
        [t('workspace.dash.composite'), f.one(z?.composite)],
        [t('workspace.dash.signals'), f.int(z?.signals)],
        [t('workspace.dash.quadrant'), g ? t(`workspace.quadrants.${g.quadrant}`) : '—'],
      ],
    };
  };
  const selected = selectedZone ? zoneRow.get(selectedZone) : undefined;

  return (
    <main className="ws-main dashboard">
      <FiltersBar filters={filters} busy={busy} areas={areas} />
      <div className="kpis" aria-live="polite">
        <div className="kpi"><span className="kpi-value" data-kpi="signals">{f.int(a.time.data?.total)}</span><span>{t('workspace.dash.kpiSignals')}</span></div>
        <div className="kpi"><span className="kpi-value" data-kpi="hot">{f.int(hot)}</span><span>{t('workspace.dash.kpiHot')}</span></div>
        <div className="kpi"><span className="kpi-value">{f.int(a.zones.data?.zones.length)}</span><span>{t('workspace.dash.kpiZones')}</span></div>
        <div className="kpi">
          <span className="kpi-value">{a.strengths.data ? `${a.strengths.data.participation.submitted}/${a.strengths.data.participation.institutions}` : '—'}</span>
          <span>{t('workspace.dash.kpiQuestionnaires')}</span>
        </div>
      </div>

      <div className="dash-grid">
        <section className="card panel wide map-panel" aria-labelledby="map-title">
          <h2 id="map-title">{t('workspace.dash.map')}</h2>
          {pub.data ? (
            <HotspotMap
              label={t('workspace.dash.map')}
              tileUrl={pub.data.map.tileUrl}
              attribution={pub.data.map.attribution}
              bbox={pub.data.bbox}
              zones={pub.data.zones.features}
              cells={cells}
              selectedZone={selectedZone}
              onSelectZone={setSelectedZone}
              cellFigures={cellFigures}
              zoneFigures={zoneFigures}
            />
          ) : (
            <div className="dash-map placeholder">{pub.error ? t('common.error') : t('common.loading')}</div>
          )}
          <MapLegend showCold={showCold} />
          <label className="inline-check">
            <input type="checkbox" checked={showCold} onChange={(e) => setShowCold(e.target.checked)} /> {t('workspace.dash.showCold')}
          </label>
          {a.hotspots.data?.method && (
            <p className="method-note">
              {t('workspace.dash.hotspotNote', { cell: f.int(a.hotspots.data.method.cellMeters), cells: f.int(a.hotspots.data.summary.cells) })}
              {showCold && <> {t('workspace.dash.coldNote')}</>}
            </p>
          )}
          {selected && (
            <p className="selected-zone" aria-live="polite">
              <strong>{selected.name}</strong>: {t('workspace.dash.rank')} {selected.rank}, {t('workspace.dash.composite')} {f.one(selected.composite)}, {f.int(selected.signals)} {t('workspace.dash.signals').toLowerCase()}
              {gapRow.get(selected.zoneId) && <> · {t(`workspace.quadrants.${gapRow.get(selected.zoneId)!.quadrant}`)}</>}
            </p>
          )}
        </section>

        <Panel id="ranking" wide title={t('workspace.dash.ranking')} loaded={a.zones}>
          {(d) => <ZoneRanking data={d} selected={selectedZone} onSelect={setSelectedZone} />}
        </Panel>
        <Panel id="strengths" title={t('workspace.dash.strengths')} loaded={a.strengths}>
          {(d) => <StrengthsPanel data={d} areas={areas} />}
        </Panel>
        <Panel id="gap" title={t('workspace.dash.gapTitle')} loaded={a.gap}>
          {(d) => <PerceptionPanel data={d} selected={selectedZone} onSelect={setSelectedZone} compact />}
        </Panel>
        <Panel id="time" title={t('workspace.dash.timeTable')} loaded={a.time}>
          {(d) => <TimeTable data={d} />}
        </Panel>
        <Panel id="categories" title={t('workspace.dash.categoryMix')} loaded={a.time}>
          {(d) => <CategoryMix data={d} />}
        </Panel>
        <Panel id="trend" title={t('workspace.dash.trend')} loaded={a.time}>
          {(d) => <MonthlyTrend data={d} />}
        </Panel>
        <Panel id="responses" title={t('workspace.dash.responseRates')} loaded={a.strengths}>
          {(d) => <ResponseRates data={d.participation} />}
        </Panel>
        <Panel id="compare" wide title={t('workspace.dash.compare')} loaded={a.compare}>
          {(d) => <WaveComparison data={d} dimensionLabels={a.strengths.data?.dimensionLabels} />}
        </Panel>
        <Panel id="objectives" wide title={t('workspace.dash.objectives')} loaded={a.compare}>
          {(d) => <Objectives data={d} />}
        </Panel>
      </div>
    </main>
  );
}
